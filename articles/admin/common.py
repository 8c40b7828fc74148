"""Pieces the articles app's admin pages share."""

from django.db import models
from django.utils.html import format_html

THUMBNAIL_WIDTH = 80


def thumbnail(image, width=THUMBNAIL_WIDTH):
    """A small <img> of ``image`` for admin lists, or None (shown as the empty value).

    The smallest rendition when it is built (prefetch ``renditions``), else the original.
    """
    if image is None or not image.file:
        return None
    small = image.thumbnail()
    return format_html(
        '<img src="{}" alt="{}" width="{}" loading="lazy" class="newsroom-thumbnail">',
        small.url if small else image.file.url,
        image.alt_text,
        width,
    )



class HttpsByDefaultMixin:
    """An address typed without a scheme ("example.org") is read as https://."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, request, **kwargs)


