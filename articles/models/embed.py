"""Embedded posts and videos, and the pictures an article's text shows."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..embeds import PROVIDERS, recognise
from .image import Image


class Embed(models.Model):
    """A post or video of a known provider that an article embeds (see articles/embeds.py),
    with what its oEmbed answer said: fetched by a task, never while a page is served.

    Until it is fetched, pages name the post by its address.
    """

    url = models.URLField(_("address"), max_length=500, unique=True)
    provider = models.CharField(
        _("provider"),
        max_length=20,
        choices=[(slug, provider.name) for slug, provider in PROVIDERS.items()],
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    #: The frame shown once a reader asks for it, when only oEmbed knows it (Bluesky).
    frame_url = models.URLField(_("frame address"), max_length=500, blank=True)
    fetched_at = models.DateTimeField(_("fetched at"), null=True, blank=True)

    class Meta:
        verbose_name = _("embed")
        verbose_name_plural = _("embeds")

    def __str__(self):
        return self.title or self.url

    @property
    def target(self):
        """What articles/embeds.py makes of the address (None if no longer recognised)."""
        return recognise(self.url)


class ArticleBodyImage(models.Model):
    """An image of the media library that an article's text shows, kept by
    ``Article.save()`` from the body: the image cannot be deleted while it is there, the
    media library lists where it is used, and a change of its credit purges those pages."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="body_image_links"
    )
    image = models.ForeignKey(Image, on_delete=models.PROTECT, related_name="body_usages")

    class Meta:
        verbose_name = _("picture in an article's text")
        verbose_name_plural = _("pictures in articles' texts")
        constraints = [
            models.UniqueConstraint(fields=["article", "image"], name="unique_body_image")
        ]

    def __str__(self):
        return f"{self.article_id} · {self.image_id}"
