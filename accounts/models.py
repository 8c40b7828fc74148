"""
What readers may know of a staff member besides their name: the address of their page.

A username is half of what signing in asks for, so no public address shows it. Every user
gets a public slug made from their name when the account is created; it follows the name
while nobody chose another one, and stays as chosen once someone did.
"""

import re

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _

from articles.slugs import slugify_french
from core.addresses import reverse_slug
from core.names import display_name

#: Leaves room for the "-2", "-3"… that tell apart people of the same name.
SLUG_BASE_LENGTH = 70
SLUG_MAX_LENGTH = 80
#: The slug of someone whose name gives no letter to make one from.
FALLBACK_SLUG = "auteur"

validate_public_slug = RegexValidator(
    r"\A[a-z0-9]+(?:-[a-z0-9]+)*\Z",
    _(
        "Use lowercase letters without accents, digits and single hyphens between them, "
        "such as marie-curie."
    ),
    code="invalid_public_slug",
)


def slug_base(user):
    """The slug ``user``'s current name gives, before anyone else's is told apart from it:
    without a name, FALLBACK_SLUG, never one made from the username."""
    return slugify_french(user.get_full_name(), max_length=SLUG_BASE_LENGTH) or FALLBACK_SLUG


class ProfileManager(models.Manager):
    def for_user(self, user):
        """``user``'s profile, made now if missing, its slug following their current name
        unless someone chose it."""
        profile = self.filter(user=user).first()
        if profile is None:
            profile = Profile(user=user)
        else:
            profile.user = user  # the name just saved, without asking the database again
            if profile.public_slug_chosen or profile.slug_follows_name():
                return profile
        profile.save_with_free_slug()
        return profile


class Profile(models.Model):
    """A staff member's public side: the slug of their author page and feeds."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("user"),
    )
    public_slug = models.CharField(
        _("public address"),
        max_length=SLUG_MAX_LENGTH,
        unique=True,
        validators=[validate_public_slug],
        help_text=_(
            "The end of the address of the author page, as in /auteurs/marie-curie/. Readers "
            "see it, so never use the username. Changing it breaks the links to the old address."
        ),
        error_messages={"unique": _("Another person’s page already has this address.")},
    )
    public_slug_chosen = models.BooleanField(
        _("address chosen by hand"),
        default=False,
        editable=False,
        help_text=_("Otherwise the address follows the name when it changes."),
    )

    # The person's own choices about what the newsroom sends them (articles/notifications.py).
    email_notifications = models.BooleanField(
        _("e-mail notifications"),
        default=True,
        help_text=_(
            "Receive an e-mail when an article awaits your review, or when one of yours is "
            "published or sent back to you. The dashboard shows them all the same."
        ),
    )
    language = models.CharField(
        _("language of e-mails"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Empty: the site's language."),
    )

    objects = ProfileManager()

    class Meta:
        verbose_name = _("public profile")
        verbose_name_plural = _("public profiles")

    def __str__(self):
        return display_name(self.user)

    def save(self, *args, **kwargs):
        # Whoever sets a slug the name does not give chose it: a change of name keeps it.
        self.public_slug_chosen = not self.slug_follows_name()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "public_slug" in update_fields:
            kwargs["update_fields"] = {*update_fields, "public_slug_chosen"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse_slug("articles:author", self.public_slug)

    def slug_follows_name(self):
        """Whether the slug is the one the current name gives (or it told apart: "-2"…)."""
        base = slug_base(self.user)
        return re.fullmatch(rf"{re.escape(base)}(?:-[0-9]+)?", self.public_slug or "") is not None

    def save_with_free_slug(self, attempts=5):
        """Save with the slug of the current name, told apart from the others' by a number."""
        base = slug_base(self.user)
        for _attempt in range(attempts):
            taken = set(
                Profile.objects.filter(public_slug__startswith=base)
                .exclude(pk=self.pk)
                .values_list("public_slug", flat=True)
            )
            number = 1
            self.public_slug = base
            while self.public_slug in taken:
                number += 1
                self.public_slug = f"{base}-{number}"
            try:
                # A savepoint: someone of the same name saved at the same moment loses
                # only this attempt.
                with transaction.atomic():
                    self.save()
                return
            except IntegrityError:
                continue
        raise IntegrityError(f"No free public slug for {base!r}")
