"""
What a load balancer asks an app server: ``/healthz`` (is the process alive?) and
``/readyz`` (can it serve pages: database, caches and media storage reachable?).

Both answer a small JSON body, never cached and with no cookie. ``/readyz`` answers 503
naming the checks that failed, by name only: no error text, host name or address reaches
the body; the logs get a warning with the details, not an error per probe.
"""

import logging

from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import JsonResponse
from django.utils.crypto import get_random_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

#: A name in the media storage that is looked up (not read, not written): answering
#: whether it exists proves the storage reachable.
STORAGE_PROBE_NAME = "healthz-probe"
CACHE_PROBE_KEY = "healthz:probe"


def check_database():
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache(alias):
    cache = caches[alias]
    token = get_random_string(12)
    cache.set(CACHE_PROBE_KEY, token, timeout=30)
    if cache.get(CACHE_PROBE_KEY) != token:
        raise RuntimeError(f"the cache {alias!r} does not keep what it is given")


def check_cache():
    _check_cache("default")


def check_page_cache():
    _check_cache(settings.PAGE_CACHE_ALIAS)


def check_storage():
    default_storage.exists(STORAGE_PROBE_NAME)


#: What /readyz checks, by the name its answer gives.
READINESS_CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "page_cache": check_page_cache,
    "storage": check_storage,
}


def _answer(body, status=200):
    response = JsonResponse(body, status=status)
    # A 503 here is an answer, not a server error: say why once, as a warning (below),
    # instead of Django's error log of every probe while a dependency is down.
    response._has_been_logged = True
    return response


@never_cache
@require_safe
def healthz(request):
    """The process is up and answers; nothing else is asked."""
    return _answer({"status": "ok"})


@never_cache
@require_safe
def readyz(request):
    """200 when every dependency a page needs answers, else 503 naming those that do not."""
    results = {}
    for name, check in READINESS_CHECKS.items():
        try:
            check()
        except Exception as error:
            logger.warning("Not ready: %s check failed: %r", name, error)
            results[name] = "failed"
        else:
            results[name] = "ok"
    failed = sorted(name for name, result in results.items() if result != "ok")
    if failed:
        return _answer({"status": "unavailable", "failed": failed, "checks": results}, 503)
    return _answer({"status": "ok", "checks": results})
