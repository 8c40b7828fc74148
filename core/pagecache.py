"""
Whole pages kept for anonymous readers, and forgotten exactly when what they show changes.

A reader page names what it shows in its ``xkey`` header: surrogate keys such as
``article-12``, ``tag-3``, ``author-5``, ``image-7``, ``site`` or ``listing`` (any list of
articles). Both caches in front of the views understand it:

- ``PageCacheMiddleware`` keeps the page in Django's cache framework (local memory, or Redis
  shared by every process). Each key has a *generation*, a random token kept in the same
  cache; a stored page remembers the generations of its keys, and is served only while they
  are all unchanged. Purging a key is replacing its token: one write, whatever the number of
  pages that showed it.
- Varnish, with the ``xkey`` vmod (``deploy/varnish/default.vcl``), indexes its objects by
  the same header, and a ``PURGE`` carrying ``xkey: …`` evicts them.

``purge(keys)`` reaches every configured backend (``PAGE_CACHE_PURGE_BACKENDS``) once the
current transaction has committed, so a reader never gets an old page back from a change
that was rolled back, nor a page built before the change was visible.
"""

import logging
import secrets
import time
from functools import cache as memoize

from django.conf import settings
from django.core.cache import caches
from django.db import models, transaction
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.module_loading import import_string

from core import db

logger = logging.getLogger(__name__)

KEY_HEADER = "xkey"
GENERATION_PREFIX = "pagecache:gen:"
PAGE_PREFIX = "pagecache:page:"
# Keys shown by every page: the site's name, menu, footer and settings.
SITE_KEY = "site"
# Shown by every list of articles (home, archives, feeds, sitemaps, search): publishing,
# unpublishing or re-dating an article changes what they list.
LISTING_KEY = "listing"


def object_key(kind, pk):
    """The surrogate key of one object, e.g. ``object_key("article", 12) == "article-12"``."""
    return f"{kind}-{pk}"


def add_keys(response, keys):
    """Say that ``response`` shows what ``keys`` name (added to those it already names)."""
    current = set(response.get(KEY_HEADER, "").split())
    current.update(str(key) for key in keys if key)
    current.add(SITE_KEY)
    response[KEY_HEADER] = " ".join(sorted(current))
    return response


def response_keys(response):
    return set(response.get(KEY_HEADER, "").split())


def allow_shared_caching(response, seconds=None):
    """Let browsers and shared caches keep ``response``: shared caches for ``seconds`` (the
    page cache's lifetime by default), browsers for a minute, and proxies may serve it stale
    while they fetch a fresh copy.

    Exact purges make a long shared lifetime safe; a browser cannot be purged, so it keeps a
    page briefly and revalidates it with its ETag.
    """
    if seconds is None:
        seconds = settings.PAGE_CACHE_SECONDS
    seconds = max(0, int(seconds))
    patch_cache_control(
        response,
        public=True,
        max_age=min(seconds, settings.PAGE_CACHE_BROWSER_SECONDS),
        s_maxage=seconds,
        stale_while_revalidate=settings.PAGE_CACHE_STALE_SECONDS,
    )
    return response


def shared_lifetime(response):
    """Seconds a shared cache may keep ``response``, from its ``s-maxage``; 0 when none."""
    for directive in response.get("Cache-Control", "").split(","):
        name, _, value = directive.strip().partition("=")
        if name.lower() == "s-maxage":
            try:
                return max(0, int(value))
            except ValueError:
                return 0
    return 0


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _generations(keys):
    found = page_cache().get_many([GENERATION_PREFIX + key for key in keys])
    return {key: found.get(GENERATION_PREFIX + key) for key in keys}


def new_generation(purged_at=None):
    """A generation token: when its key was last purged, and a random part."""
    if purged_at is None:
        purged_at = time.time()
    return f"{purged_at:.6f}-{secrets.token_hex(6)}"


def purged_at(generation):
    return float(generation.partition("-")[0])


def _ensure_generations(keys):
    """The current generation of each key, creating those the cache does not hold."""
    generations = _generations(keys)
    for key, token in generations.items():
        if token is None:
            cache = page_cache()
            cache.add(GENERATION_PREFIX + key, new_generation(purged_at=0), timeout=None)
            generations[key] = cache.get(GENERATION_PREFIX + key)
    return generations


class PurgeBackend:
    """Something that keeps pages and can forget those showing given surrogate keys."""

    def purge(self, keys):
        raise NotImplementedError


class DjangoCachePurgeBackend(PurgeBackend):
    """Forgets the pages ``PageCacheMiddleware`` keeps, by renewing their keys' generations."""

    def purge(self, keys):
        page_cache().set_many(
            {GENERATION_PREFIX + key: new_generation() for key in keys}, timeout=None
        )


class VarnishPurgeBackend(PurgeBackend):
    """Queues a task that sends ``PURGE`` with an ``xkey`` header to each Varnish of
    ``VARNISH_PURGE_URLS`` (``core.tasks.purge_varnish``): the worker waits on the network,
    never a request. A Varnish that cannot be reached is tried again a few times; the page
    it keeps still expires with its ``s-maxage``, and the change itself is committed."""

    def purge(self, keys):
        from .tasks import purge_varnish

        if settings.VARNISH_PURGE_URLS:
            purge_varnish.enqueue(sorted(keys))


@memoize
def _backends(paths):
    return [import_string(path)() for path in paths]


def purge_backends():
    return _backends(tuple(settings.PAGE_CACHE_PURGE_BACKENDS))


def purge_now(keys):
    keys = {str(key) for key in keys if key}
    if not keys:
        return
    # Pages rebuilt now must not come from a replica that has not replayed the change yet.
    db.note_change()
    for backend in purge_backends():
        try:
            backend.purge(keys)
        except Exception:
            # A cache that is down must not turn a saved change into an error page.
            logger.exception("Could not purge %s with %s.", keys, type(backend).__name__)


def purge(keys):
    """Forget every kept page that shows one of ``keys``, once the transaction commits."""
    keys = frozenset(str(key) for key in keys if key)
    if keys:
        transaction.on_commit(lambda: purge_now(keys))


class PurgingQuerySet(models.QuerySet):
    """A queryset whose bulk ``update()`` purges the pages showing the rows it changes, as
    their ``save()`` would: Django's ``update()`` sends no ``post_save``, so without this a
    bulk change (a script, a migration, an action) would leave old pages kept.

    A bulk ``delete()`` needs nothing more: the ``post_delete`` receivers that purge make
    Django delete row by row and send the signal for each.

    Subclasses name the columns of each row that tell which pages show it
    (``key_columns``), turn those rows into surrogate keys (``shown_keys``), and list the
    fields no reader page prints (``unshown_fields``): an update of those alone reads
    nothing and purges nothing.
    """

    key_columns = ("pk",)
    unshown_fields = frozenset()

    def update(self, **kwargs):
        if set(kwargs) <= self.unshown_fields:
            return super().update(**kwargs)
        # Read before the update: a change of status may take the rows out of this queryset.
        rows = list(self.values_list(*self.key_columns))
        updated = super().update(**kwargs)
        if updated:
            purge(self.shown_keys(rows, kwargs))
        return updated

    update.alters_data = True

    def shown_keys(self, rows, changes):
        """The surrogate keys of the pages that show ``rows`` (tuples of ``key_columns``),
        before or after ``changes``."""
        raise NotImplementedError


def is_personal(request):
    """Whether the page for ``request`` may differ from everyone else's: anything but a GET
    or HEAD, or a cookie that makes pages personal (``PAGE_CACHE_BYPASS_COOKIES``: a session,
    where staff and readers with a pending comment are known, a message waiting)."""
    if request.method not in ("GET", "HEAD"):
        return True
    return any(name in request.COOKIES for name in settings.PAGE_CACHE_BYPASS_COOKIES)


class PageCacheMiddleware:
    """Serves anonymous readers the pages it kept, and keeps those that may be shared.

    A request may be answered from the cache when it is not personal (``is_personal``). A
    response is kept
    when it is a 200 that names its surrogate keys, allows shared caching (``s-maxage``) and
    sets no cookie. Everyone else gets a freshly rendered page.
    """

    #: How many addresses ``keys_seen`` remembers before it starts again.
    KEYS_SEEN_MAX = 10_000

    def __init__(self, get_response):
        self.get_response = get_response
        # The surrogate keys each page address carried when this process last read it: the
        # page and the current generations of those keys are then read in one round trip.
        # A hint only: the generations themselves are always read from the shared cache.
        self.keys_seen = {}

    def __call__(self, request):
        if not self.may_answer_from_cache(request):
            return self.without_language_vary(self.get_response(request))
        cache_key = PAGE_PREFIX + self.page_key(request)
        entry = self.current_entry(cache_key)
        if entry is not None:
            response = self.rebuild(entry)
            response["X-Page-Cache"] = "hit"
            return response
        started = time.time()
        response = self.without_language_vary(self.get_response(request))
        if self.may_keep(response) and self.keep(cache_key, response, started):
            response["X-Page-Cache"] = "miss"
        return response

    def current_entry(self, cache_key):
        """The page kept under ``cache_key`` if none of its keys was purged since, else None."""
        expected = self.keys_seen.get(cache_key, ())
        found = page_cache().get_many([cache_key, *(GENERATION_PREFIX + key for key in expected)])
        entry = found.get(cache_key)
        if entry is None:
            return None
        kept = entry["generations"]
        if kept.keys() == set(expected):
            current = {key: found.get(GENERATION_PREFIX + key) for key in expected}
        else:
            if len(self.keys_seen) >= self.KEYS_SEEN_MAX:
                self.keys_seen.clear()
            self.keys_seen[cache_key] = tuple(kept)
            current = _generations(kept)
        return entry if current == kept else None

    @staticmethod
    def may_answer_from_cache(request):
        return (
            settings.PAGE_CACHE_ENABLED
            and not is_personal(request)
            and not request.path_info.startswith(settings.PAGE_CACHE_EXCLUDED_PREFIXES)
        )

    @staticmethod
    def without_language_vary(response):
        """A reader page's language is in its address (/en/…; none for the default), never
        taken from ``Accept-Language``: drop the ``Vary`` that would split shared caches by
        every browser's list of languages."""
        if response_keys(response) and response.has_header("Vary"):
            kept = [
                header.strip()
                for header in response["Vary"].split(",")
                if header.strip().lower() != "accept-language"
            ]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response

    @staticmethod
    def page_key(request):
        # The language is part of the path (/en/…), so the address names the page; the host
        # too, as canonical links and feeds use it.
        return f"{request.get_host()}|{request.get_full_path()}"

    @staticmethod
    def may_keep(response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and response_keys(response)
            and shared_lifetime(response) > 0
            and "private" not in response.get("Cache-Control", "")
        )

    @staticmethod
    def keep(cache_key, response, started):
        """Store ``response``, unless one of its keys was purged while it was being made:
        it may show the content from before that change."""
        keys = response_keys(response)
        generations = _ensure_generations(keys)
        if any(purged_at(token) >= started for token in generations.values()):
            return False
        # Kept with the page, so that ConditionalGetMiddleware does not hash it on every hit.
        if not response.has_header("ETag"):
            set_response_etag(response)
        entry = {
            "content": response.content,
            "status": response.status_code,
            "headers": [
                (name, value)
                for name, value in response.items()
                if name.lower() not in ("set-cookie", "x-page-cache")
            ],
            "generations": generations,
            "stored_at": time.time(),
        }
        page_cache().set(cache_key, entry, timeout=shared_lifetime(response))
        return True

    @staticmethod
    def rebuild(entry):
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response["Age"] = str(max(0, int(time.time() - entry["stored_at"])))
        return response


def strip_internal_headers(response):
    """Drop the surrogate keys when no proxy in front reads them (``VARNISH_PURGE_URLS``
    empty): readers have no use for them."""
    if not settings.VARNISH_PURGE_URLS and KEY_HEADER in response:
        del response[KEY_HEADER]
    return response


class SurrogateKeyHeaderMiddleware:
    """Outermost: removes the ``xkey`` header readers do not need (see
    ``strip_internal_headers``), after the page cache has read it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return strip_internal_headers(self.get_response(request))
