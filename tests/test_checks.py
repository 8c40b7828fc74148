"""The project's own deployment checks: each warns under a production setting that is not
fit for the internet, and stays silent once it is fixed (or in development)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from newsroom import checks

# Never reached: the checks read the configuration, and the fixture puts the test's own
# caches back before anything clears them.
REDIS = {
    alias: {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }
    for alias in ("default", "pages")
}
LOCAL = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": "var/cache/pages",
    },
}


def go_to_production(settings):
    """A correct production configuration: every check passes on it."""
    settings.DEBUG = False
    settings.CACHES = REDIS
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_ALIAS = "pages"
    settings.AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
    settings.SITE_BASE_URL = "https://newsroom.example"
    settings.ADMIN_2FA_REQUIRED = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXY_COUNT = 1


@pytest.fixture
def production(settings):
    test_caches = settings.CACHES
    go_to_production(settings)
    yield settings
    settings.CACHES = test_caches


def ids(warnings):
    return [warning.id for warning in warnings]


def all_warnings():
    return [
        *checks.check_shared_caches(),
        *checks.check_base_url(),
        *checks.check_admin_two_factor(),
        *checks.check_content_security_policy(),
        *checks.check_trusted_proxy_count(),
    ]


def test_a_correct_production_configuration_passes(production):
    assert all_warnings() == []


def test_development_is_not_warned(production):
    production.DEBUG = True
    production.CACHES = LOCAL
    production.SITE_BASE_URL = ""
    production.ADMIN_2FA_REQUIRED = False
    production.TRUSTED_PROXY_COUNT = 0

    assert all_warnings() == []


def test_caches_of_each_process_are_warned_about(production):
    production.CACHES = LOCAL

    warnings = checks.check_shared_caches()

    assert ids(warnings) == ["newsroom.W001", "newsroom.W003"]
    assert all("REDIS_URL" in warning.hint for warning in warnings)


def test_a_page_cache_turned_off_needs_no_shared_cache(production):
    production.CACHES = {**REDIS, "pages": LOCAL["pages"]}
    production.PAGE_CACHE_ENABLED = False

    assert checks.check_shared_caches() == []


def test_sign_in_throttling_in_a_local_cache_is_warned_about(production):
    production.CACHES = {**REDIS, "axes": LOCAL["default"]}
    production.AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
    production.AXES_CACHE = "axes"

    assert ids(checks.check_shared_caches()) == ["newsroom.W002"]


@pytest.mark.django_db
def test_an_unset_base_url_is_warned_about(production):
    production.SITE_BASE_URL = ""

    (warning,) = checks.check_base_url()

    assert warning.id == "newsroom.W004"
    assert "SITE_BASE_URL" in warning.hint


@pytest.mark.django_db
def test_a_base_url_given_in_the_site_settings_is_enough(settings):
    from core.models import SiteSettings

    site_settings = SiteSettings.current()
    site_settings.base_url = "https://magazine.example"
    site_settings.save()
    settings.DEBUG = False
    settings.SITE_BASE_URL = ""

    assert checks.check_base_url() == []


@pytest.mark.parametrize("value", [False, 0, None])
def test_admin_without_two_factor_is_warned_about(production, value):
    production.ADMIN_2FA_REQUIRED = value

    assert ids(checks.check_admin_two_factor()) == ["newsroom.W005"]


def test_a_missing_two_factor_setting_counts_as_off(production):
    del production.ADMIN_2FA_REQUIRED

    assert ids(checks.check_admin_two_factor()) == ["newsroom.W005"]


def test_no_csp_middleware_is_warned_about(production):
    production.MIDDLEWARE = [
        path for path in production.MIDDLEWARE if "ContentSecurityPolicy" not in path
    ]

    assert ids(checks.check_content_security_policy()) == ["newsroom.W006"]


def test_no_csp_policy_is_warned_about(production):
    production.CONTENT_SECURITY_POLICY = None

    assert ids(checks.check_content_security_policy()) == ["newsroom.W006"]


@pytest.mark.parametrize("source", ["'unsafe-inline'", "'unsafe-eval'", "*"])
def test_a_weakened_script_src_is_warned_about(production, source):
    policy = production.CONTENT_SECURITY_POLICY
    directives = {**policy["DIRECTIVES"], "script-src": ["'self'", source]}
    production.CONTENT_SECURITY_POLICY = {**policy, "DIRECTIVES": directives}

    (warning,) = checks.check_content_security_policy()

    assert warning.id == "newsroom.W007"
    assert source in warning.msg


def test_unsafe_inline_in_default_src_counts_without_script_src(production):
    directives = dict(production.CONTENT_SECURITY_POLICY["DIRECTIVES"])
    del directives["script-src"]
    directives["default-src"] = ["'self'", "'unsafe-inline'"]
    production.CONTENT_SECURITY_POLICY = {"DIRECTIVES": directives}

    assert ids(checks.check_content_security_policy()) == ["newsroom.W007"]


@pytest.mark.parametrize(
    "behind_proxy",
    [
        {"SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https")},
        {"SECURE_PROXY_SSL_HEADER": None, "USE_X_FORWARDED_HOST": True},
    ],
)
def test_a_proxy_without_a_proxy_count_is_warned_about(production, behind_proxy):
    for name, value in behind_proxy.items():
        setattr(production, name, value)
    production.TRUSTED_PROXY_COUNT = 0

    assert ids(checks.check_trusted_proxy_count()) == ["newsroom.W008"]


def test_no_proxy_needs_no_proxy_count(production):
    production.SECURE_PROXY_SSL_HEADER = None
    production.USE_X_FORWARDED_HOST = False
    production.USE_X_FORWARDED_PORT = False
    production.TRUSTED_PROXY_COUNT = 0

    assert checks.check_trusted_proxy_count() == []


@pytest.mark.django_db
def test_check_deploy_reports_them_and_fails_at_warning_level(production):
    production.ADMIN_2FA_REQUIRED = False
    production.TRUSTED_PROXY_COUNT = 0

    with pytest.raises(SystemCheckError) as failed:
        call_command("check", "--deploy", "--fail-level", "WARNING", stdout=StringIO())

    assert "newsroom.W005" in str(failed.value)
    assert "newsroom.W008" in str(failed.value)
    assert "newsroom.W004" not in str(failed.value)
