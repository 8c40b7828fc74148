"""Keep the PostgreSQL search vector of an article current (see articles/search.py), and
clean the site's logo as the media library cleans its pictures, and purge the pages a change
shows on from the page cache and Varnish (articles/caching.py)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connections
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from core import pagecache
from core.models import SiteSettings

from . import caching
from .images import naming, processing
from .models import SEARCHED_FIELDS, Article, Image, ImageRendition, Source, Tag
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
    if not uploaded and logo.name == stored_logo_name(instance):
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
    instance.publisher_logo = ContentFile(
        clean.data, name=naming.content_name(logo.name, clean.data, clean.extension, default="logo")
    )


def stored_logo_name(site_settings):
    """The logo's file as the database has it: already cleaned when it arrived."""
    if site_settings.pk is None:
        return None
    return (
        SiteSettings.objects.filter(pk=site_settings.pk)
        .values_list("publisher_logo", flat=True)
        .first()
    )


# The page cache and Varnish: what a change shows on, purged once it commits
# (see articles/caching.py for which pages name which keys).


# An article taken off the site (back to draft, to review) is purged by Article.save(),
# to which the actions hand the status they read under their lock.


@receiver(post_save, sender=Article, dispatch_uid="articles.purge_article")
def purge_saved_article(sender, instance, raw=False, **kwargs):
    if not raw:
        caching.purge_article(instance)


@receiver(post_delete, sender=Article, dispatch_uid="articles.purge_deleted_article")
def purge_deleted_article(sender, instance, **kwargs):
    caching.purge_article(instance)


@receiver(post_save, sender=Source, dispatch_uid="articles.purge_source.save")
@receiver(post_delete, sender=Source, dispatch_uid="articles.purge_source.delete")
def purge_source(sender, instance, raw=False, **kwargs):
    if not raw:
        pagecache.purge({caching.key("article", instance.article_id)})


@receiver(post_save, sender=Tag, dispatch_uid="articles.purge_tag.save")
@receiver(post_delete, sender=Tag, dispatch_uid="articles.purge_tag.delete")
def purge_tag(sender, instance, raw=False, **kwargs):
    # Its name is in the site's menu as well as on its page, its articles and the lists.
    if not raw:
        pagecache.purge({caching.key("tag", instance.pk), caching.LISTING_KEY, pagecache.SITE_KEY})


@receiver(post_save, sender=Image, dispatch_uid="articles.purge_image.save")
@receiver(post_delete, sender=Image, dispatch_uid="articles.purge_image.delete")
def purge_image(sender, instance, raw=False, **kwargs):
    if not raw:
        pagecache.purge({caching.key("image", instance.pk), caching.LISTING_KEY})


@receiver(post_save, sender=ImageRendition, dispatch_uid="articles.purge_rendition.save")
@receiver(post_delete, sender=ImageRendition, dispatch_uid="articles.purge_rendition.delete")
def purge_rendition(sender, instance, raw=False, **kwargs):
    # Pages show the original until the renditions exist, then their srcset.
    if not raw:
        pagecache.purge({caching.key("image", instance.image_id), caching.LISTING_KEY})


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="articles.purge_author")
def purge_author(sender, instance, raw=False, **kwargs):
    # Bylines show the name: the author's page, their articles' pages and the lists.
    if not raw and instance.is_staff:
        pagecache.purge({caching.key("author", instance.pk), caching.LISTING_KEY})


@receiver(post_save, sender="accounts.Profile", dispatch_uid="articles.purge_author_profile")
def purge_author_profile(sender, instance, raw=False, **kwargs):
    # Bylines link to the author's page by its slug: the same pages as a change of name.
    if not raw:
        pagecache.purge({caching.key("author", instance.user_id), caching.LISTING_KEY})
