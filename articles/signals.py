"""Keep the PostgreSQL search vector of an article current (see articles/search.py), and
clean the site's logo as the media library cleans its pictures, and purge the pages a change
shows on from the page cache and Varnish (articles/caching.py)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connections
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils import timezone

from core import pagecache
from core.models import SiteSettings

from . import caching
from .images import naming, processing
from .models import (
    SEARCHED_FIELDS,
    Article,
    Image,
    ImageRendition,
    RelatedArticle,
    Source,
    Tag,
    TaggedArticle,
)
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


# The related articles each published article keeps (models/related.py), ranked again by
# what moves an article in them; the pages whose suggestions change are purged.


def _still_to_come(published_at, now=None):
    """Whether an article dated ``published_at`` is still to come out: every list sharing a
    tag holds it, apart from the articles each counts on the site (models/related.py)."""
    return published_at is not None and published_at > (now or timezone.now())


@receiver(post_save, sender=Article, dispatch_uid="articles.rank_related.article")
def rank_related_of_saved_article(sender, instance, raw=False, using=None, **kwargs):
    if raw:
        return
    was, was_published_at = getattr(instance, "_loaded_listing", (None, None))
    published = Article.Status.PUBLISHED
    if instance.listing_changed() and published in (was, instance.status):
        now = timezone.now()
        # It may fall in others' lists unless it stays on the site with a later date (or
        # arrives, when no list holds it yet): off the site, rescheduled, dated earlier.
        lowered = was == published and not (
            instance.status == published
            and was_published_at is not None
            and was_published_at <= instance.published_at <= now
        )
        caching.purge_related_pages(
            RelatedArticle.objects.using(using).article_changed(
                instance.pk,
                lowered=lowered,
                was_scheduled=was == published and _still_to_come(was_published_at, now),
            )
        )
    instance.remember_stored_listing()


@receiver(post_save, sender=TaggedArticle, dispatch_uid="articles.rank_related.tagged.save")
@receiver(post_delete, sender=TaggedArticle, dispatch_uid="articles.rank_related.tagged.delete")
def rank_related_of_retagged_article(sender, instance, raw=False, using=None, **kwargs):
    origin = kwargs.get("origin")
    if raw or not (
        origin is None or origin is instance or getattr(origin, "model", None) is sender
    ):
        # Deleted with its article or its tag, whose own receivers rank what it moves.
        return
    article_id = instance.content_object_id
    published = (
        Article.objects.using(using)
        .filter(pk=article_id, status=Article.Status.PUBLISHED)
        .values_list("published_at", flat=True)
    )
    for published_at in published:  # none unless it is published
        # A new tag only adds to what it shares with others.
        lowered = not kwargs.get("created", False)
        shows = RelatedArticle.objects.using(using).article_changed(
            article_id,
            lowered=lowered,
            was_scheduled=_still_to_come(published_at, timezone.now()),
        )
        caching.purge_related_pages({article_id, *shows})


@receiver(pre_delete, sender=Article, dispatch_uid="articles.rank_related.article.before_delete")
def note_lists_holding_deleted_article(sender, instance, using=None, **kwargs):
    status, published_at = getattr(instance, "_loaded_listing", (None, None))
    if status == Article.Status.PUBLISHED and _still_to_come(published_at):
        # Held as still to come, it counted in no list's first articles: its rows go with it.
        instance._related_holders = set()
    else:
        instance._related_holders = RelatedArticle.objects.using(using).holders(instance.pk)


@receiver(post_delete, sender=Article, dispatch_uid="articles.rank_related.article.delete")
def rank_related_without_deleted_article(sender, instance, using=None, **kwargs):
    # Its pages showed it: they are purged with its own key (purge_deleted_article).
    RelatedArticle.objects.using(using).shortened(getattr(instance, "_related_holders", ()))


@receiver(pre_delete, sender=Tag, dispatch_uid="articles.rank_related.tag.before_delete")
def note_articles_of_deleted_tag(sender, instance, using=None, **kwargs):
    instance._tagged_article_ids = set(
        TaggedArticle.objects.using(using)
        .filter(tag_id=instance.pk)
        .values_list("content_object_id", flat=True)
    )


@receiver(post_delete, sender=Tag, dispatch_uid="articles.rank_related.tag.delete")
def rank_related_without_deleted_tag(sender, instance, using=None, **kwargs):
    # Only the articles that had it share one tag fewer; their pages show the tag and are
    # purged with its key (purge_tag).
    RelatedArticle.objects.using(using).rank(getattr(instance, "_tagged_article_ids", ()))
