"""
What the reader pages show, for the page cache and Varnish (see core/pagecache.py).

Each reader page names its surrogate keys:

- an article page: its article, tags, authors and pictures, and those of the related
  articles it links to;
- a list (home, tag and author archives, date archives, search, feeds, sitemaps):
  ``listing``, and the tag or author it is about;
- every page: ``site`` (name, menu, footer).

And each change purges what it touches, once committed (``purge_keys_for_*`` below, connected
in ``articles/signals.py``): an article that is, or was, published or scheduled purges its
own page and every list, since lists show its title, date, picture and comment count.

A scheduled article appears on lists when its time comes, with no save to purge anything, so
no list is kept past the next scheduled publication.
"""

from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.db import transaction
from django.template.response import TemplateResponse
from django.urls import URLPattern
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from core import pagecache

from .models import Article

LISTING_KEY = pagecache.LISTING_KEY
key = pagecache.object_key


def article_keys(article, *, with_related=()):
    keys = {key("article", article.pk)}
    keys.update(key("tag", tag.pk) for tag in article.tags.all())
    keys.update(key("author", author.pk) for author in article.authors.all())
    if article.featured_image_id:
        keys.add(key("image", article.featured_image_id))
    # The pictures of its text: a change of their credit purges the page.
    keys.update(key("image", pk) for pk in article.prefetched_body_images() or {})
    for related in with_related:
        keys.add(key("article", related.pk))
        if related.featured_image_id:
            keys.add(key("image", related.featured_image_id))
    return keys


def listing_keys(context):
    keys = {LISTING_KEY}
    if context.get("tag") is not None:
        keys.add(key("tag", context["tag"].pk))
    if context.get("author") is not None:
        keys.add(key("author", context["author"].pk))
    return keys


def article_page_keys(context):
    article = context["article"]
    return article_keys(article, with_related=context.get("related_articles") or ())


NEXT_PUBLICATION_CACHE_KEY = "articles:next-publication"

#: How long after an article's publication time pages are still not kept. A page whose
#: queries ran just before that time lacks the article, though it is finished after it;
#: so may a page read from a database whose clock is a little behind this server's.
PUBLICATION_MARGIN = timedelta(seconds=5)


def _next_publication():
    """The first publication time still to come, or passed by less than the margin."""
    return (
        Article.objects.scheduled(after=timezone.now() - PUBLICATION_MARGIN)
        .values_list("published_at", flat=True)
        .first()
    ) or False


def seconds_until_next_publication():
    """Whole seconds until the next scheduled article appears; None when none is scheduled.

    Rounded down: a page kept that long expires before the article is due, never after.
    0 in its last second and during ``PUBLICATION_MARGIN`` after it: pages are then not
    kept at all.

    Asked by every reader page, so the answer is kept in the cache, refreshed by the changes
    of articles (``refresh_next_publication``) and once its time has come: no query on a
    page's way.
    """
    cache = pagecache.page_cache()
    now = timezone.now()
    upcoming = cache.get(NEXT_PUBLICATION_CACHE_KEY)
    if upcoming is None or (upcoming and upcoming <= now - PUBLICATION_MARGIN):
        upcoming = _next_publication()
        cache.set(NEXT_PUBLICATION_CACHE_KEY, upcoming, timeout=None)
    if not upcoming:
        return None
    return max(0, int((upcoming - now).total_seconds()))


def refresh_next_publication(*, keep_earlier=False):
    """Store when the next scheduled article appears, as the database says now.

    Inside a transaction that may still be rolled back, an earlier time already known is
    kept: too early a time only makes pages expire sooner, too late a one would keep lists
    past a publication.
    """
    cache = pagecache.page_cache()
    upcoming = _next_publication()
    if keep_earlier:
        known = cache.get(NEXT_PUBLICATION_CACHE_KEY)
        if known and (not upcoming or known < upcoming):
            upcoming = known
    cache.set(NEXT_PUBLICATION_CACHE_KEY, upcoming, timeout=None)


def reader_page(keys_from_context=None):
    """Make a reader view's pages cacheable: surrogate keys, ``Cache-Control`` and, for an
    article, ``Last-Modified``.

    ``keys_from_context(context)`` names what a template page shows; a view without a
    template (feeds, sitemaps) shows lists. A reader who sends a personal cookie gets
    ``Cache-Control: private`` and ``Vary: Cookie``, so no shared cache keeps what only they
    should see, and their browser does not keep it past a change of their cookies.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.streaming:
                return response
            context = getattr(response, "context_data", None) or {}
            if keys_from_context and isinstance(response, TemplateResponse):
                keys = keys_from_context(context)
            else:
                keys = {LISTING_KEY}
            pagecache.add_keys(response, keys)
            article = context.get("article")
            if isinstance(article, Article) and article.updated_at:
                response.headers.setdefault(
                    "Last-Modified", http_date(article.updated_at.timestamp())
                )
            if pagecache.is_personal(request):
                patch_cache_control(response, private=True)
                # Which comments, messages or tools it shows depends on those cookies.
                patch_vary_headers(response, ["Cookie"])
            else:
                lifetime = seconds_until_next_publication()
                pagecache.allow_shared_caching(
                    response,
                    settings.PAGE_CACHE_SECONDS
                    if lifetime is None
                    else min(lifetime, settings.PAGE_CACHE_SECONDS),
                )
            return response

        return wrapped

    return decorator


def purge_article(article, *, was_visible=False):
    """Purge what shows ``article`` when it is, or was, on the site or scheduled."""
    if was_visible or article.status == Article.Status.PUBLISHED:
        refresh_next_publication(keep_earlier=True)
        transaction.on_commit(refresh_next_publication)
        pagecache.purge({key("article", article.pk), LISTING_KEY})


def purge_related_pages(article_ids):
    """Purge the pages of ``article_ids``, whose related articles changed."""
    pagecache.purge({key("article", pk) for pk in article_ids})


def cacheable_patterns(urlpatterns, *, keys_by_name, skip=()):
    """``urlpatterns`` with each reader view made cacheable by ``reader_page``: the
    patterns named in ``keys_by_name`` with their own keys, the others as lists; those
    named in ``skip`` (previews) untouched."""
    patterns = []
    for pattern in urlpatterns:
        if isinstance(pattern, URLPattern) and pattern.name not in skip:
            keys = keys_by_name.get(pattern.name, listing_keys)
            pattern = URLPattern(
                pattern.pattern,
                reader_page(keys)(pattern.callback),
                pattern.default_args,
                pattern.name,
            )
        patterns.append(pattern)
    return patterns
