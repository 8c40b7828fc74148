"""
The site's own deployment checks, run by ``manage.py check --deploy`` next to Django's.

Each warns about a production setting that works on one machine but not on the internet:
counts kept per process, links without the site's address, an admin without a second
factor, a weakened Content-Security-Policy, client addresses read from a header anyone can
write. They say nothing while DEBUG is on (development).
"""

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.utils.module_loading import import_string

#: Cache backends that each process (or each machine) keeps for itself.
LOCAL_CACHE_BACKENDS = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.filebased.FileBasedCache",
    "django.core.cache.backends.dummy.DummyCache",
)
#: Sources that let any script run, or any string run as code.
UNSAFE_SCRIPT_SOURCES = {"'unsafe-inline'", "'unsafe-eval'", "*", "'unsafe-hashes'"}

SHARED_CACHE_HINT = (
    "Set REDIS_URL (redis://host:6379/0) so that every worker and every machine share one "
    "cache."
)


def _production():
    return not settings.DEBUG


def _is_local(alias):
    path = settings.CACHES.get(alias, {}).get("BACKEND", "")
    try:
        backend = import_string(path)
    except ImportError:
        return False  # Django's own check reports a backend that cannot be imported.
    local = tuple(import_string(name) for name in LOCAL_CACHE_BACKENDS)
    return isinstance(backend, type) and issubclass(backend, local)


@register(Tags.caches, Tags.security, deploy=True)
def check_shared_caches(app_configs=None, **kwargs):
    """Rate limits, sign-in throttling and the page cache each need one cache for all."""
    if not _production():
        return []
    warnings = []
    if _is_local("default"):
        warnings.append(
            Warning(
                "Comment rate limits are counted in a cache each server process keeps for "
                "itself: with several workers, a spammer gets the limit once per worker.",
                hint=SHARED_CACHE_HINT,
                id="newsroom.W001",
            )
        )
    axes_handler = getattr(settings, "AXES_HANDLER", "")
    axes_cache = getattr(settings, "AXES_CACHE", "default")
    if "cache" in axes_handler.lower() and _is_local(axes_cache):
        warnings.append(
            Warning(
                "Failed sign-ins are counted in a cache of each process (django-axes' cache "
                "handler): password guesses spread over the workers are never throttled.",
                hint=SHARED_CACHE_HINT + " Or use axes.handlers.database.AxesDatabaseHandler.",
                id="newsroom.W002",
            )
        )
    if getattr(settings, "PAGE_CACHE_ENABLED", False) and _is_local(
        getattr(settings, "PAGE_CACHE_ALIAS", "default")
    ):
        warnings.append(
            Warning(
                "The page cache is kept per process or per machine: a change purged on one "
                "keeps old pages on the others.",
                hint=SHARED_CACHE_HINT + " With a single machine, PAGE_CACHE_ENABLED=0 "
                "leaves caching to Varnish.",
                id="newsroom.W003",
            )
        )
    return warnings


def _configured_base_url():
    if getattr(settings, "SITE_BASE_URL", ""):
        return settings.SITE_BASE_URL
    # The admin's site settings may hold it; a database not reachable yet holds nothing.
    from django.db import DatabaseError

    from core.models import SiteSettings

    try:
        return SiteSettings.objects.values_list("base_url", flat=True).first() or ""
    except DatabaseError:
        return ""


@register(Tags.security, deploy=True)
def check_base_url(app_configs=None, **kwargs):
    """E-mails, feeds, sitemaps and canonical links need the site's own address."""
    if not _production() or _configured_base_url():
        return []
    return [
        Warning(
            "The site's base URL is unset: canonical links, feeds, sitemaps and the links of "
            "e-mails use whatever host a request names, or the Sites framework's domain.",
            hint="Set SITE_BASE_URL (https://magazine.example), or the base URL in the admin's "
            "site settings.",
            id="newsroom.W004",
        )
    ]


@register(Tags.security, deploy=True)
def check_admin_two_factor(app_configs=None, **kwargs):
    """A stolen or guessed password alone must not open the admin."""
    if not _production() or getattr(settings, "ADMIN_2FA_REQUIRED", False):
        return []
    return [
        Warning(
            "Two-factor sign-in is not required for editors and superusers: a guessed or "
            "stolen password is enough to take over the site.",
            hint="Set ADMIN_2FA_REQUIRED=1 (each of them then sets up an authenticator app "
            "at their next sign-in).",
            id="newsroom.W005",
        )
    ]


def _has_csp_middleware():
    from csp.middleware import CSPMiddleware

    for path in settings.MIDDLEWARE:
        try:
            middleware = import_string(path)
        except ImportError:
            continue
        if isinstance(middleware, type) and issubclass(middleware, CSPMiddleware):
            return True
    return False


def _script_sources(policy):
    directives = (policy or {}).get("DIRECTIVES") or {}
    sources = directives.get("script-src")
    if sources is None:
        sources = directives.get("default-src")
    if isinstance(sources, str):
        sources = [sources]
    return [str(source) for source in sources or []]


@register(Tags.security, deploy=True)
def check_content_security_policy(app_configs=None, **kwargs):
    """The policy that keeps injected markup from running must be on, and strict."""
    if not _production():
        return []
    policy = getattr(settings, "CONTENT_SECURITY_POLICY", None)
    if not _has_csp_middleware() or not policy:
        return [
            Warning(
                "No Content-Security-Policy is sent: a script slipped into a page would run "
                "in every reader's browser.",
                hint="Keep newsroom.middleware.ContentSecurityPolicyMiddleware in MIDDLEWARE "
                "and CONTENT_SECURITY_POLICY in newsroom/settings.py.",
                id="newsroom.W006",
            )
        ]
    sources = _script_sources(policy)
    unsafe = sorted(UNSAFE_SCRIPT_SOURCES.intersection(sources))
    if not sources or unsafe:
        return [
            Warning(
                "The Content-Security-Policy lets scripts run from anywhere or inline "
                f"({', '.join(unsafe) or 'no script-src or default-src'}): it no longer "
                "stops injected scripts.",
                hint="Give script-src 'self' and the nonce only; move inline scripts to "
                "static files.",
                id="newsroom.W007",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_trusted_proxy_count(app_configs=None, **kwargs):
    """Behind a proxy, the client's address is in X-Forwarded-For, counted from the right."""
    if not _production() or getattr(settings, "TRUSTED_PROXY_COUNT", 0) > 0:
        return []
    behind_proxy = (
        getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
        or getattr(settings, "USE_X_FORWARDED_HOST", False)
        or getattr(settings, "USE_X_FORWARDED_PORT", False)
    )
    if not behind_proxy:
        return []
    return [
        Warning(
            "The site trusts a proxy's headers (SECURE_PROXY_SSL_HEADER or "
            "USE_X_FORWARDED_HOST) but TRUSTED_PROXY_COUNT is 0: every reader then has the "
            "proxy's address, so rate limits and sign-in throttling lock out everyone at once.",
            hint="Set TRUSTED_PROXY_COUNT to the number of proxies in front of the site "
            "(1 for nginx alone, 2 for nginx then Varnish).",
            id="newsroom.W008",
        )
    ]
