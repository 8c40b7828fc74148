"""
Settings for Newsroom, read from environment variables.

Every default is the safe production choice; a developer opts into comfort
with ``DEBUG=1`` (``make run`` does this). See README.md for the full list.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp import constants as csp
from django.core.exceptions import ImproperlyConfigured
from django.templatetags.static import static
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from newsroom import envfile

BASE_DIR = Path(__file__).resolve().parent.parent

# Only when told (manage.py tells it in a development checkout): see newsroom/envfile.py.
if os.environ.get("NEWSROOM_ENV_FILE"):
    envfile.load(os.environ["NEWSROOM_ENV_FILE"], os.environ)

VAR_DIR = Path(os.environ.get("NEWSROOM_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def url_origins(urls):
    """The scheme and host of the absolute addresses among ``urls``."""
    origins = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in {"http", "https"} and parts.netloc:
            origins.append(f"{parts.scheme}://{parts.netloc}")
    return origins


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
INTERNAL_IPS = ["127.0.0.1"]

INSTALLED_APPS = [
    # Django's admin, with the newsroom's dashboard on its front page.
    "newsroom.admin_site.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "taggit",
    "django_prose_editor",
    "django_tasks",
    "django_tasks_db",
    "reversion",
    "axes",
    "csp",
    # Two-factor sign-in for staff (accounts/twofactor.py); their own admin pages are not
    # used (accounts/admin.py).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "core",
    "accounts",
    "newsroom",
    "articles",
    "comments",
    "django.contrib.redirects",
    "wordpress",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside everything else, so that error responses and static files carry the policy too.
    "newsroom.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "newsroom.middleware.NullCharacterMiddleware",
    # ETags and 304s, for fresh and kept pages alike.
    "django.middleware.http.ConditionalGetMiddleware",
    "core.pagecache.SurrogateKeyHeaderMiddleware",
    # Before the session is read: a kept page costs one or two cache reads.
    "core.pagecache.PageCacheMiddleware",
    # Which database the request reads (core/db.py), before anything reads one.
    "core.db.ReplicaMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Whether the session passed the second step of signing in.
    "django_otp.middleware.OTPMiddleware",
    "newsroom.middleware.AdminInputMiddleware",
    # The admin's guard, after the input checks, whose 400 reads no session.
    "accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Addresses of the site before it moved here (wordpress/): answered only where nothing
    # else answers (a 404), or for WordPress's own query addresses such as /?p=12.
    "wordpress.middleware.OldAddressFallbackMiddleware",
    "wordpress.middleware.WordPressQueryRedirectMiddleware",
    "newsroom.middleware.FlatpageFallbackMiddleware",
    # Last, so that it turns any view's refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"
ASGI_APPLICATION = "newsroom.asgi.application"

# The reader site's pages are Jinja2 templates (jinja2/, newsroom/jinja2.py): several times
# cheaper to render than Django's. The admin, e-mails and staff pages are Django templates.
TEMPLATES = [
    {
        "BACKEND": "newsroom.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "newsroom.jinja2.environment",
            "context_processors": [
                "django.template.context_processors.i18n",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
            ],
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'newsroom.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# PostgreSQL receives a query's parameters apart from its text (psycopg's server-side
# binding), and a query a connection has sent DATABASE_PREPARE_THRESHOLD times becomes a
# prepared statement: PostgreSQL then neither parses nor plans it again. A reader page sends
# the same few queries every time; this takes about a third off PostgreSQL's time for an
# article page (bench/profile_article.py). Statements are prepared per connection, so a
# pooler in transaction mode must keep track of them (PgBouncer 1.21 or later, with
# max_prepared_statements); with an older one, turn this off (DATABASE_PREPARED_STATEMENTS=0).
DATABASE_PREPARED_STATEMENTS = env_bool("DATABASE_PREPARED_STATEMENTS", True)
DATABASE_PREPARE_THRESHOLD = env_int("DATABASE_PREPARE_THRESHOLD", 5)


# A persistent connection is checked (CONN_HEALTH_CHECKS, a SELECT 1 round trip) before it
# serves a request only when it has been idle this long, or had an error (core/postgresql):
# under load, a worker's connection never is, and a page costs one round trip less.
# 0 checks it before every request, as Django does. docs/deployment.md says what this trades.
DATABASE_HEALTH_CHECK_IDLE_SECONDS = env_int("DATABASE_HEALTH_CHECK_IDLE_SECONDS", 1)


def configure_postgresql(database):
    """The project's PostgreSQL backend (core/postgresql), preparing repeated statements."""
    if database["ENGINE"] != "django.db.backends.postgresql":
        return
    database["ENGINE"] = "core.postgresql"
    if DATABASE_PREPARED_STATEMENTS:
        database.setdefault("OPTIONS", {}).update(
            server_side_binding=True, prepare_threshold=DATABASE_PREPARE_THRESHOLD
        )


configure_postgresql(DATABASES["default"])
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A PostgreSQL read replica (core/db.py): anonymous readers' pages read it; the admin, every
# write, every action and every signed-in user's request use the primary, and so does whoever
# wrote in the last DATABASE_READ_YOUR_WRITES_SECONDS (a signed cookie says so). A replica
# that is down, or more than DATABASE_REPLICA_MAX_LAG seconds behind (checked at most every
# DATABASE_REPLICA_CHECK_SECONDS in each process), is left aside until it recovers.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
DATABASE_REPLICA_MAX_LAG = env_int("DATABASE_REPLICA_MAX_LAG", 10)
DATABASE_REPLICA_CHECK_SECONDS = env_int("DATABASE_REPLICA_CHECK_SECONDS", 5)
DATABASE_READ_YOUR_WRITES_SECONDS = env_int(
    "DATABASE_READ_YOUR_WRITES_SECONDS", DATABASE_REPLICA_MAX_LAG + DATABASE_REPLICA_CHECK_SECONDS
)
if DATABASE_READ_YOUR_WRITES_SECONDS < DATABASE_REPLICA_MAX_LAG + DATABASE_REPLICA_CHECK_SECONDS:
    # Shorter, a writer could read a replica that has not yet replayed their write.
    raise ImproperlyConfigured(
        "DATABASE_READ_YOUR_WRITES_SECONDS must be at least DATABASE_REPLICA_MAX_LAG "
        "+ DATABASE_REPLICA_CHECK_SECONDS."
    )
READ_YOUR_WRITES_COOKIE_NAME = "recentwrite"
# The signed cookie listing the comments a browser posted (comments/display.py): its
# reader sees them, awaiting moderation, on fresh pages.
COMMENTS_OWN_COOKIE_NAME = "owncomments"
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **dj_database_url.parse(
            DATABASE_REPLICA_URL,
            conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        ),
        # Tests have one database: the replica's alias reads the primary's.
        "TEST": {"MIRROR": "default"},
    }
    # A standby keeps a session's prepared statements as the primary does.
    configure_postgresql(DATABASES["replica"])
    if DATABASES["replica"]["ENGINE"] == "core.postgresql":
        # A replica that does not answer must not hold a reader's page for long.
        DATABASES["replica"].setdefault("OPTIONS", {}).setdefault(
            "connect_timeout", env_int("DATABASE_REPLICA_CONNECT_TIMEOUT", 2)
        )
    DATABASE_ROUTERS = ["core.db.ReplicaRouter"]

# Redis in production (rate limits must be shared between workers); a local
# in-memory cache when no REDIS_URL is given.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's, with one client per connection pool (see core/cache.py).
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions live in the database, read through the shared cache when there is one: any
# server answers any request, and flushing Redis signs nobody out.
SESSION_ENGINE = os.environ.get(
    "SESSION_ENGINE",
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db",
)
# Kept pages and their keys' generations must be the same for every process, or a change
# purged in one worker would stay in the others: Redis when there is one, else files that
# the processes of one machine share.
CACHES["pages"] = (
    {**CACHES["default"], "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom") + "-pages"}
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache" / "pages"),
        "OPTIONS": {"MAX_ENTRIES": env_int("PAGE_CACHE_MAX_ENTRIES", 5000)},
    }
)

# Whole pages for anonymous readers (core/pagecache.py), purged exactly on every change:
# kept by Django's cache when PAGE_CACHE_ENABLED, and by proxies (Varnish) for
# PAGE_CACHE_SECONDS (their s-maxage).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
PAGE_CACHE_BROWSER_SECONDS = env_int("PAGE_CACHE_BROWSER_SECONDS", 60)
PAGE_CACHE_STALE_SECONDS = env_int("PAGE_CACHE_STALE_SECONDS", 30)
PAGE_CACHE_ALIAS = "pages"
# The health checks must not depend on the page cache they check.
PAGE_CACHE_EXCLUDED_PREFIXES = ("/admin/", "/i18n/", "/healthz", "/readyz")
# Never read from the replica, whoever asks: what pages never kept show.
DATABASE_REPLICA_EXCLUDED_PREFIXES = PAGE_CACHE_EXCLUDED_PREFIXES
# Cookies that make a page personal: whoever sends one gets a fresh page.
# The same names as the Varnish configuration's (deploy/varnish/default.vcl; a test compares
# them): a session (staff), a CSRF token, a message waiting, a recent write (read-your-writes,
# core/db.py), comments a reader posted (shown to them while they await moderation).
PAGE_CACHE_BYPASS_COOKIES = env_list(
    "PAGE_CACHE_BYPASS_COOKIES",
    f"sessionid,csrftoken,messages,{READ_YOUR_WRITES_COOKIE_NAME},{COMMENTS_OWN_COOKIE_NAME}",
)
# Varnish instances in front (their PURGE address), purged by surrogate keys.
VARNISH_PURGE_URLS = env_list("VARNISH_PURGE_URLS")
PAGE_CACHE_PURGE_BACKENDS = ["core.pagecache.DjangoCachePurgeBackend"] + (
    ["core.pagecache.VarnishPurgeBackend"] if VARNISH_PURGE_URLS else []
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True

SITE_ID = 1

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

# Uploaded media (originals and renditions) go through Django's storage API only: files under
# MEDIA_ROOT on this machine, or an S3-compatible bucket shared by every server
# (MEDIA_STORAGE=s3, implied by AWS_STORAGE_BUCKET_NAME). Stored names carry a fingerprint of
# their content (articles/images/naming.py), so the bucket's objects are kept for a year.
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE") or (
    "s3" if os.environ.get("AWS_STORAGE_BUCKET_NAME") else "local"
)
if MEDIA_STORAGE not in {"local", "s3"}:
    raise ImproperlyConfigured("MEDIA_STORAGE must be local or s3.")


def s3_media_storage(env):
    """The S3 storage's settings from the variables in ``env``, and the public address of
    its files (MEDIA_URL).

    Readers get the files from ``AWS_S3_CUSTOM_DOMAIN`` (a CDN, or any host and path that
    serves the bucket), else from the bucket's own address: path style on a custom endpoint
    (``AWS_S3_ENDPOINT_URL``), the bucket's AWS host otherwise. Never through signed links,
    which expire and differ on every page.
    """
    bucket = env.get("AWS_STORAGE_BUCKET_NAME", "")
    if not bucket:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    endpoint = env.get("AWS_S3_ENDPOINT_URL", "").rstrip("/")
    region = env.get("AWS_S3_REGION_NAME", "")
    location = env.get("AWS_LOCATION", "").strip("/")
    protocol = env.get("AWS_S3_URL_PROTOCOL", "https:")
    domain = env.get("AWS_S3_CUSTOM_DOMAIN", "").strip("/")
    if not domain and endpoint:
        parts = urlsplit(endpoint)
        protocol, domain = f"{parts.scheme}:", f"{parts.netloc}/{bucket}"
    elif not domain:
        domain = f"{bucket}.s3" + (f".{region}" if region else "") + ".amazonaws.com"
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint or None,
        "region_name": region or None,
        "access_key": env.get("AWS_ACCESS_KEY_ID") or None,
        "secret_key": env.get("AWS_SECRET_ACCESS_KEY") or None,
        "location": location,
        "custom_domain": domain,
        "url_protocol": protocol,
        "querystring_auth": False,
        # Two uploads of one name are two objects, never one written over the other.
        "file_overwrite": False,
        "default_acl": env.get("AWS_DEFAULT_ACL") or None,
        "addressing_style": env.get("AWS_S3_ADDRESSING_STYLE") or None,
        "object_parameters": {
            "CacheControl": env.get("MEDIA_CACHE_CONTROL")
            or "public, max-age=31536000, immutable"
        },
    }
    public = f"{protocol}//{domain}/" + (f"{location}/" if location else "")
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}, public


if MEDIA_STORAGE == "s3":
    MEDIA_STORAGE_SETTINGS, MEDIA_URL = s3_media_storage(os.environ)
else:
    MEDIA_STORAGE_SETTINGS = {"BACKEND": "core.media.MediaStorage"}

STORAGES = {
    "default": MEDIA_STORAGE_SETTINGS,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

LOGIN_URL = "admin:login"

# Reverse proxies in front of the site whose X-Forwarded-For is trusted; 0 means
# REMOTE_ADDR is the client's address (core.clients.client_ip). The comments' former
# name for it still works.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", env_int("COMMENTS_TRUSTED_PROXY_COUNT", 0))

# Admin accounts -------------------------------------------------------------
# Failed sign-ins are counted per username and per client address (django-axes, in the
# database so that every worker sees them): AXES_FAILURE_LIMIT failures in a row lock
# either for AXES_COOLOFF_MINUTES.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "core.clients.client_ip"
AXES_USERNAME_CALLABLE = "core.clients.attempted_username"
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
# A lock lasts the cool-off from the failure that set it; more tries don't prolong it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A forgotten password is reset through a link e-mailed to the staff member, built on the
# site's base URL and valid for PASSWORD_RESET_MINUTES. Requests are limited per e-mail
# address and per client address within each window.
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_MINUTES", 60) * 60
PASSWORD_RESET_LIMIT_PER_EMAIL = env_int("PASSWORD_RESET_LIMIT_PER_EMAIL", 3)
PASSWORD_RESET_LIMIT_PER_IP = env_int("PASSWORD_RESET_LIMIT_PER_IP", 10)
PASSWORD_RESET_LIMIT_WINDOW_SECONDS = env_int("PASSWORD_RESET_LIMIT_WINDOW_SECONDS", 3600)


def _authenticator_issuer(device):
    """The name authenticator apps show beside the code: the site's."""
    from core.identity import site_name

    return site_name()


# Two-factor sign-in (django-otp: an authenticator app's codes, and recovery codes). When
# ADMIN_2FA_REQUIRED is on (the default in production), the roles core.roles names (Editors)
# and superusers must pass the second step before any admin page; other staff may turn it
# on for themselves. Wrong codes: ADMIN_2FA_FAILURE_LIMIT per account in each window.
ADMIN_2FA_REQUIRED = env_bool("ADMIN_2FA_REQUIRED", not DEBUG)
ADMIN_2FA_FAILURE_LIMIT = env_int("ADMIN_2FA_FAILURE_LIMIT", 5)
ADMIN_2FA_FAILURE_WINDOW_SECONDS = env_int("ADMIN_2FA_FAILURE_WINDOW_SECONDS", 900)
ADMIN_2FA_RECOVERY_CODES = env_int("ADMIN_2FA_RECOVERY_CODES", 10)
OTP_TOTP_ISSUER = _authenticator_issuer
# End of admin accounts -------------------------------------------------------

# Security: strict by default, relaxed only where DEBUG asks for it.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# A load balancer probes app servers over plain HTTP: answer it, not with a redirect.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
# The reader's choice of language: sent over HTTPS only, never to another site's
# requests (Lax still follows a link from one), and of no use to scripts.
LANGUAGE_COOKIE_SECURE = env_bool("LANGUAGE_COOKIE_SECURE", not DEBUG)
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# The failure page in the site's layout, rendered without reading the request again.
CSRF_FAILURE_VIEW = "newsroom.views.csrf_failure"

# Content-Security-Policy (django-csp), on every response: scripts, styles and everything
# else from this site only, no inline script (the admin's import map carries a nonce), no
# inline style, no plugin, no framing, no <base>, forms posted here only. Images from an
# absolute MEDIA_URL (a CDN) and the origins listed in CSP_IMG_SRC are allowed too.
CSP_REPORT_ENDPOINT = os.environ.get("CSP_REPORT_ENDPOINT", "")
# The rich-text editor (Tiptap, in django-prose-editor) adds one <style> element of its own
# that cannot be given a nonce: that stylesheet alone is allowed, by the hash of its text
# (tests/test_csp.py checks it against the installed editor). Without it, typed spaces turn
# into non-breaking ones.
RICH_TEXT_EDITOR_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"
# Embedded videos and posts (articles/embeds.py): the Mastodon servers whose links become
# embeds, and the only origins a frame may come from, once a reader asks for one.
EMBED_MASTODON_HOSTS = env_list(
    "EMBED_MASTODON_HOSTS", "mastodon.social,mastodon.online,mstdn.social,piaille.fr,mas.to"
)
# The rich-text editor's own blocks (static/articles/admin/body-editor.js): pictures of the
# media library, embeds and pull quotes. What they may write is articles/sanitizer.py's to say.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [lazy(static, str)("articles/admin/body-editor.js")],
        "extensions": {
            name: (lambda config, shared_config: None)
            for name in ("BodyFigure", "Embed", "PullQuote")
        },
    }
]
EMBED_FRAME_ORIGINS = [
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
    "https://platform.twitter.com",
    "https://embed.bsky.app",
    *(f"https://{host}" for host in EMBED_MASTODON_HOSTS),
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF, csp.NONCE],
        "style-src": [csp.SELF, RICH_TEXT_EDITOR_STYLE_HASH],
        "img-src": [csp.SELF, *url_origins([MEDIA_URL]), *env_list("CSP_IMG_SRC")],
        "object-src": [csp.NONE],
        "base-uri": [csp.NONE],
        "frame-src": [csp.SELF, *EMBED_FRAME_ORIGINS],
        "frame-ancestors": [csp.NONE],
        "form-action": [csp.SELF],
        "report-uri": [CSP_REPORT_ENDPOINT] if CSP_REPORT_ENDPOINT else None,
        # The name of the Reporting-Endpoints entry the middleware adds for CSP_REPORT_ENDPOINT.
        "report-to": "csp" if CSP_REPORT_ENDPOINT else None,
    }
}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work (e-mails, image renditions) runs off the request path.
# The database backend needs `manage.py db_worker`; `make run` starts one.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django_tasks_db.DatabaseBackend"
        )
    }
}
# A failing task marked `core.tasks.retried` is tried this many times in all, waiting
# TASK_RETRY_DELAY_SECONDS after the first failure, twice that after the second... (see
# core/tasks.py); then it stays failed, with its traceback, in the admin.
TASK_RETRY_ATTEMPTS = env_int("TASK_RETRY_ATTEMPTS", 5)
TASK_RETRY_DELAY_SECONDS = env_int("TASK_RETRY_DELAY_SECONDS", 30)
# A task still running after this long is taken as abandoned by a worker that died on
# another machine, and queued again (`manage.py run_worker` and `recover_tasks`); a worker
# that died on the same machine is noticed at once. Longer than the longest task.
TASK_ABANDONED_AFTER_SECONDS = env_int("TASK_ABANDONED_AFTER_SECONDS", 3600)

TAGGIT_CASE_INSENSITIVE = True

# Site identity, used by templates, feeds and structured data. The admin's site settings
# (core.models.SiteSettings) take over: the name is their first value, the description
# what an empty tagline falls back to.
NEWSROOM_SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "Newsroom")
# The site's public address (scheme and host, e.g. https://magazine.example): the first value
# of the site settings' base URL, which canonical links, feeds, sitemaps, e-mails, Akismet
# and structured data use. Empty: pages use the host they are asked on.
# The address once given to e-mails and Akismet alone is still read.
SITE_BASE_URL = (
    os.environ.get("SITE_BASE_URL")
    or os.environ.get("COMMENTS_SITE_URL")
    or os.environ.get("AKISMET_SITE_URL")
    or ""
).strip().rstrip("/")
# The tagline: default meta description, feed description. Translated unless set here.
NEWSROOM_SITE_DESCRIPTION = os.environ.get("NEWSROOM_SITE_DESCRIPTION") or _(
    "News and analysis on technology and its effects on society."
)

# Articles
ARTICLES_PER_PAGE = env_int("ARTICLES_PER_PAGE", 12)
ARCHIVE_ARTICLES_PER_PAGE = env_int("ARCHIVE_ARTICLES_PER_PAGE", 12)
# How long an open article form counts as present without news (articles/presence.py);
# the form renews itself every 30 seconds.
ARTICLE_PRESENCE_SECONDS = env_int("ARTICLE_PRESENCE_SECONDS", 90)
RELATED_ARTICLES_COUNT = env_int("RELATED_ARTICLES_COUNT", 3)
READING_WORDS_PER_MINUTE = env_int("READING_WORDS_PER_MINUTE", 230)
SEARCH_RESULTS_PER_PAGE = env_int("SEARCH_RESULTS_PER_PAGE", 10)
FEED_ARTICLES_COUNT = env_int("FEED_ARTICLES_COUNT", 20)

# Provenance of articles (issue 6). When on, an article generated by AI cannot be
# published until an editor who is not one of its authors has recorded a review.
ARTICLES_AI_REVIEW_REQUIRED = env_bool("ARTICLES_AI_REVIEW_REQUIRED", True)

# Images
IMAGE_MAX_UPLOAD_BYTES = env_int("IMAGE_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
IMAGE_MAX_PIXELS = env_int("IMAGE_MAX_PIXELS", 50_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Comments ------------------------------------------------------------------
# Reader comments (the `comments` app). The app reads them when it needs them,
# never at import time, so tests may override them.
COMMENTS_MAX_DEPTH = env_int("COMMENTS_MAX_DEPTH", 3)
COMMENTS_MAX_LENGTH = env_int("COMMENTS_MAX_LENGTH", 5000)
COMMENTS_PER_PAGE = env_int("COMMENTS_PER_PAGE", 50)
# Close comments this many days after publication; 0 keeps them open.
COMMENTS_CLOSE_AFTER_DAYS = env_int("COMMENTS_CLOSE_AFTER_DAYS", 0)
# Approve at once a commenter who already has an approved comment under the same name and
# e-mail, when their browser proves the address (see comments/commenters.py).
COMMENTS_AUTO_APPROVE_KNOWN = env_bool("COMMENTS_AUTO_APPROVE_KNOWN", True)
# The signed cookie holding a commenter's key, sent only to the comment addresses.
COMMENTS_KEY_COOKIE_NAME = os.environ.get("COMMENTS_KEY_COOKIE_NAME", "commenter")
COMMENTS_KEY_COOKIE_DAYS = env_int("COMMENTS_KEY_COOKIE_DAYS", 365)
COMMENTS_KEY_COOKIE_SECURE = env_bool("COMMENTS_KEY_COOKIE_SECURE", not DEBUG)
# How long the link e-mailed to confirm an address works, and how often one may be sent.
COMMENTS_CONFIRMATION_LINK_DAYS = env_int("COMMENTS_CONFIRMATION_LINK_DAYS", 3)
COMMENTS_CONFIRMATION_INTERVAL_SECONDS = env_int("COMMENTS_CONFIRMATION_INTERVAL_SECONDS", 3600)
COMMENTS_NOTIFY_MODERATORS = env_bool("COMMENTS_NOTIFY_MODERATORS", True)
# Moderators get one e-mail per interval listing every comment that came in meanwhile
# (0: one e-mail per comment, as soon as it is posted).
COMMENTS_NOTIFY_INTERVAL = env_int("COMMENTS_NOTIFY_INTERVAL", 300)
# Extra addresses told about new pending comments, besides users who may moderate.
COMMENTS_MODERATION_EMAILS = env_list("COMMENTS_MODERATION_EMAILS")
COMMENTS_NOTIFY_AUTHORS = env_bool("COMMENTS_NOTIFY_AUTHORS", True)
# The spam defenses that run, by name; remove one to turn it off.
COMMENTS_SPAM_CHECKS = env_list(
    "COMMENTS_SPAM_CHECKS", "honeypot,timing,links,blocklist,duplicate,akismet"
)
COMMENTS_MIN_SUBMIT_SECONDS = env_int("COMMENTS_MIN_SUBMIT_SECONDS", 3)
# How long a comment form may stay open before it must be sent again (its text is kept).
COMMENTS_FORM_MAX_AGE_SECONDS = env_int("COMMENTS_FORM_MAX_AGE_SECONDS", 6 * 3600)
COMMENTS_MAX_LINKS = env_int("COMMENTS_MAX_LINKS", 2)
COMMENTS_DUPLICATE_WINDOW_HOURS = env_int("COMMENTS_DUPLICATE_WINDOW_HOURS", 24)
# Posts allowed per window from one IP address / one e-mail address; 0 turns a limit off.
COMMENTS_RATE_LIMIT_PER_IP = env_int("COMMENTS_RATE_LIMIT_PER_IP", 10)
COMMENTS_RATE_LIMIT_PER_EMAIL = env_int("COMMENTS_RATE_LIMIT_PER_EMAIL", 5)
COMMENTS_RATE_LIMIT_WINDOW_SECONDS = env_int("COMMENTS_RATE_LIMIT_WINDOW_SECONDS", 600)
# "anonymize" keeps the text without the person; "delete" removes the comments.
COMMENTS_ERASE_MODE = os.environ.get("COMMENTS_ERASE_MODE", "anonymize")
COMMENTS_IP_RETENTION_DAYS = env_int("COMMENTS_IP_RETENTION_DAYS", 90)
COMMENTS_PRIVACY_URL = os.environ.get("COMMENTS_PRIVACY_URL", "/confidentialite-commentaires/")
AKISMET_API_KEY = os.environ.get("AKISMET_API_KEY", "")
AKISMET_CLIENT_CLASS = os.environ.get("AKISMET_CLIENT_CLASS", "akismet.SyncClient")
AKISMET_TEST_MODE = env_bool("AKISMET_TEST_MODE", DEBUG)
# End of comments -----------------------------------------------------------
