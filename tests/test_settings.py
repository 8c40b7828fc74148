"""Settings come from the environment, with safe production defaults."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

PROBE = """
import json
from newsroom import settings as s
print(json.dumps({
    "DEBUG": s.DEBUG,
    "ALLOWED_HOSTS": s.ALLOWED_HOSTS,
    "ENGINE": s.DATABASES["default"]["ENGINE"],
    "NAME": str(s.DATABASES["default"]["NAME"]),
    "STATICFILES": s.STORAGES["staticfiles"]["BACKEND"],
    "SSL_REDIRECT": s.SECURE_SSL_REDIRECT,
    "SESSION_COOKIE_SECURE": s.SESSION_COOKIE_SECURE,
    "CACHE": s.CACHES["default"]["BACKEND"],
    "SITE_BASE_URL": s.SITE_BASE_URL,
}))
"""


def load_settings(probe=PROBE, **env):
    """What ``probe`` prints of the project's settings module, as a fresh process sees it
    with only ``env`` set."""
    clean = {key: value for key, value in os.environ.items() if key in {"PATH", "HOME", "LANG"}}
    result = subprocess.run(
        [sys.executable, "-c", probe],
        env={**clean, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    return result


def test_production_refuses_to_start_without_a_secret_key():
    result = load_settings()

    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_production_defaults_are_the_safe_ones():
    result = load_settings(SECRET_KEY="x" * 50)

    values = json.loads(result.stdout)
    assert values["DEBUG"] is False
    assert values["ALLOWED_HOSTS"] == []
    assert values["STATICFILES"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert values["SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["ENGINE"] == "django.db.backends.sqlite3"
    assert values["NAME"].endswith("var/newsroom.sqlite3")


def test_environment_variables_configure_the_database_hosts_and_cache():
    result = load_settings(
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="magazine.example, www.magazine.example",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/newsroom",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )

    values = json.loads(result.stdout)
    assert values["ALLOWED_HOSTS"] == ["magazine.example", "www.magazine.example"]
    assert values["ENGINE"] == "django.db.backends.postgresql"
    assert values["NAME"] == "newsroom"
    assert values["CACHE"] == "django.core.cache.backends.redis.RedisCache"


def test_debug_is_a_developer_choice():
    result = load_settings(DEBUG="1")

    values = json.loads(result.stdout)
    assert values["DEBUG"] is True
    assert "127.0.0.1" in values["ALLOWED_HOSTS"]
    assert values["SSL_REDIRECT"] is False
    assert values["STATICFILES"] == "django.contrib.staticfiles.storage.StaticFilesStorage"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, ""),
        ({"SITE_BASE_URL": "https://magazine.example/"}, "https://magazine.example"),
        ({"COMMENTS_SITE_URL": "https://ancien.example"}, "https://ancien.example"),
    ],
)
def test_the_site_address_comes_from_the_environment(env, expected):
    result = load_settings(DEBUG="1", **env)
    assert json.loads(result.stdout)["SITE_BASE_URL"] == expected
