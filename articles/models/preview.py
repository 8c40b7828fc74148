"""Links that let someone without an account read an article before it is published."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _

from .article import Article

#: Signed tokens name their purpose, so that no other signed value of the site passes for one.
TOKEN_SALT = "articles.preview-link"  # noqa: S105  # a namespace, not a secret


class PreviewLinkQuerySet(models.QuerySet):
    def active(self, at=None):
        """The links that open their article now: neither revoked nor expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=at or timezone.now())

    def from_token(self, token):
        """The active link a token names, or None for a forged, revoked or expired one."""
        try:
            link_id, nonce = signing.Signer(salt=TOKEN_SALT).unsign(token).split(".", 1)
        except (signing.BadSignature, ValueError):
            return None
        if not link_id.isdigit() or len(link_id) > 18:
            return None
        link = self.active().filter(pk=int(link_id)).first()
        if link is None or not constant_time_compare(link.nonce, nonce):
            return None
        return link


class PreviewLink(models.Model):
    """A secret address showing one article as it will look, until it expires or is revoked.

    Whoever holds the address reads the article without an account (a source checking a
    quote, a lawyer). The token is signed with the site's secret key and names a row, so
    revoking the row or its expiry closes the address at once.
    """

    class Lifetime(models.IntegerChoices):
        DAY = 1, _("1 day")
        THREE_DAYS = 3, _("3 days")
        WEEK = 7, _("1 week")
        MONTH = 30, _("30 days")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="preview_links", verbose_name=_("article")
    )
    label = models.CharField(
        _("shared with"),
        max_length=200,
        blank=True,
        help_text=_("Who the link is for, to recognise it later (e.g. “our lawyer”)."),
    )
    nonce = models.CharField(max_length=64, editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    view_count = models.PositiveIntegerField(_("views"), default=0)
    last_viewed_at = models.DateTimeField(_("last viewed"), null=True, blank=True)

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.label or str(self.article)

    def save(self, *args, **kwargs):
        if not self.nonce:
            self.nonce = secrets.token_urlsafe(24)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:shared_preview", args=[self.token])

    @classmethod
    def expiry_for(cls, lifetime, start=None):
        return (start or timezone.now()) + timedelta(days=int(lifetime))

    @property
    def token(self):
        return signing.Signer(salt=TOKEN_SALT).sign(f"{self.pk}.{self.nonce}")

    @property
    def is_active(self):
        return self.revoked_at is None and self.expires_at > timezone.now()

    def record_view(self):
        """Count a reading, for the editor who shared the link; one UPDATE, no race."""
        now = timezone.now()
        PreviewLink.objects.filter(pk=self.pk).update(
            view_count=models.F("view_count") + 1, last_viewed_at=now
        )
