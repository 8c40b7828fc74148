"""What an import brought in from WordPress, so that running it again changes, never doubles."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedItem(models.Model):
    """One WordPress object (author, term, post, page, attachment, comment) and what it became.

    ``fingerprint`` is a digest of the exported item: a rerun with the same one skips it,
    with another one updates what it became.
    """

    class Kind(models.TextChoices):
        AUTHOR = "author", _("Author")
        TERM = "term", _("Category or tag")
        POST = "post", _("Post")
        PAGE = "page", _("Page")
        ATTACHMENT = "attachment", _("Attachment")
        COMMENT = "comment", _("Comment")

    site = models.CharField(_("WordPress site"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    wordpress_id = models.CharField(_("WordPress id"), max_length=200)
    object_id = models.PositiveBigIntegerField(_("object id"))
    fingerprint = models.CharField(max_length=64, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("imported WordPress item")
        verbose_name_plural = _("imported WordPress items")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "kind", "wordpress_id"], name="unique_wordpress_item"
            )
        ]

    def __str__(self):
        return f"{self.site} {self.kind} {self.wordpress_id}"
