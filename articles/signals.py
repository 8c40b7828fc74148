"""Keep the PostgreSQL search vector of an article current (see articles/search.py), and
clean the site's logo as the media library cleans its pictures."""

from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connections
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from core.models import SiteSettings

from .images import processing
from .models import SEARCHED_FIELDS, Article
from .search import search_vector


@receiver(post_save, sender=Article, dispatch_uid="articles.update_search_vector")
def update_search_vector(sender, instance, using, update_fields=None, **kwargs):
    """Recompute the stored vector in the database, after any save that changed the text.

    SQLite needs nothing here: ``Article.save()`` already stored the normalised text.
    """
    if connections[using].vendor != "postgresql":
        return
    if update_fields is not None and not set(update_fields) & set(SEARCHED_FIELDS):
        return
    Article.objects.using(using).filter(pk=instance.pk).update(search_vector=search_vector())


@receiver(pre_save, sender=SiteSettings, dispatch_uid="articles.clean_publisher_logo")
def clean_publisher_logo(sender, instance, raw=False, **kwargs):
    """Store a new logo as the media library stores its originals: decoded, re-written
    without its metadata (a GPS position, a comment hiding HTML), or refused with a
    ValidationError, whatever saves the site settings. A logo already stored was cleaned
    when it arrived."""
    logo = instance.publisher_logo
    if raw or not logo:
        return
    uploaded = not getattr(logo, "_committed", True)
    if not uploaded and logo.name == getattr(instance, "_loaded_logo_name", None):
        return
    if uploaded:
        upload = logo.file
        upload.seek(0)
        data = upload.read()
    else:
        # Put in storage as it came (``publisher_logo.save(..., save=False)``).
        with logo.open("rb") as stored:
            data = stored.read()
    try:
        clean = processing.clean_original(data, None, max_pixels=settings.IMAGE_MAX_PIXELS)
    except processing.ImageProblem as problem:
        raise ValidationError({"publisher_logo": problem.message}, code=problem.code) from None
    if not uploaded:
        logo.storage.delete(logo.name)
    stem = PurePosixPath(logo.name).stem or "logo"
    instance.publisher_logo = ContentFile(clean.data, name=f"{stem}{clean.extension}")
    instance._loaded_logo_name = None
