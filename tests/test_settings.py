"""Settings come from the environment, with safe production defaults."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from newsroom import envfile

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
    assert values["ENGINE"] == "core.postgresql"
    assert values["NAME"] == "newsroom"
    assert values["CACHE"] == "core.cache.RedisCache"


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


def test_settings_read_the_file_named_by_newsroom_env_file(tmp_path):
    env_file = tmp_path / "dev.env"
    env_file.write_text(
        "# written by make run\n\nDEBUG=1\nexport SECRET_KEY='from-the-file'\n"
        'ALLOWED_HOSTS="file.example"\n'
    )
    result = load_settings(NEWSROOM_ENV_FILE=str(env_file))

    values = json.loads(result.stdout)
    assert values["DEBUG"] is True
    assert values["ALLOWED_HOSTS"] == ["file.example"]


def test_the_environment_wins_over_the_env_file(tmp_path):
    env_file = tmp_path / "dev.env"
    env_file.write_text("DEBUG=1\nSECRET_KEY=from-the-file\nALLOWED_HOSTS=file.example\n")
    result = load_settings(NEWSROOM_ENV_FILE=str(env_file), DEBUG="0", ALLOWED_HOSTS="real.example")

    values = json.loads(result.stdout)
    assert values["DEBUG"] is False
    assert values["ALLOWED_HOSTS"] == ["real.example"]


def test_a_missing_or_malformed_env_file_stops_with_a_clear_error(tmp_path):
    result = load_settings(NEWSROOM_ENV_FILE=str(tmp_path / "absent.env"))
    assert result.returncode != 0
    assert "absent.env, which cannot be read" in result.stderr

    (tmp_path / "bad.env").write_text("DEBUG=1\nthis is not a setting\n")
    result = load_settings(NEWSROOM_ENV_FILE=str(tmp_path / "bad.env"))
    assert result.returncode != 0
    assert "bad.env, line 2: expected NAME=value" in result.stderr


def test_manage_py_reads_a_checkout_s_env_file_only_where_no_secret_key_is_set(tmp_path):
    (tmp_path / ".env").write_text("DEBUG=1\n")

    assert envfile.development_file(tmp_path, {}) == tmp_path / ".env"
    # A server: SECRET_KEY is always set there, so a stray .env changes nothing.
    assert envfile.development_file(tmp_path, {"SECRET_KEY": "x"}) is None
    # An explicit choice (NEWSROOM_ENV_FILE, even empty) is kept.
    assert envfile.development_file(tmp_path, {"NEWSROOM_ENV_FILE": ""}) is None
    assert envfile.development_file(tmp_path / "elsewhere", {}) is None


def test_manage_py_commands_work_in_a_checkout_with_only_the_env_file(tmp_path):
    """As after `make run`: no variable set by hand, a production-strict setting module."""
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    # The project's files, without the developer's own .env and var/.
    for entry in settings.BASE_DIR.iterdir():
        if entry.name not in {".env", "var", ".git", "manage.py"}:
            (checkout / entry.name).symlink_to(entry)
    (checkout / "manage.py").write_text((settings.BASE_DIR / "manage.py").read_text())
    (checkout / ".env").write_text("DEBUG=1\nSECRET_KEY=from-the-file\n")
    clean = {key: value for key, value in os.environ.items() if key in {"PATH", "HOME", "LANG"}}

    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.conf import settings; print(settings.DEBUG, settings.SECRET_KEY)",
        ],
        env={**clean, "NEWSROOM_VAR_DIR": str(tmp_path)},
        cwd=checkout,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.splitlines()[-1] == "True from-the-file", result.stderr

    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.conf import settings; print(settings.DEBUG)",
        ],
        env={**clean, "NEWSROOM_VAR_DIR": str(tmp_path), "SECRET_KEY": "server-key"},
        cwd=checkout,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.splitlines()[-1] == "False", result.stderr


STORAGE_PROBE = """
import json
from newsroom import settings as s
print(json.dumps({
    "MEDIA_STORAGE": s.MEDIA_STORAGE,
    "BACKEND": s.STORAGES["default"]["BACKEND"],
    "OPTIONS": s.STORAGES["default"].get("OPTIONS", {}),
    "MEDIA_URL": s.MEDIA_URL,
    "IMG_SRC": s.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "SESSION_ENGINE": s.SESSION_ENGINE,
}))
"""


def test_media_stay_on_this_machine_unless_a_bucket_is_named():
    values = json.loads(load_settings(STORAGE_PROBE, SECRET_KEY="x" * 50).stdout)

    assert values["MEDIA_STORAGE"] == "local"
    assert values["BACKEND"] == "core.media.MediaStorage"
    assert values["MEDIA_URL"] == "/media/"
    assert values["IMG_SRC"] == ["'self'"]


def test_a_bucket_on_an_s3_compatible_server_serves_the_media():
    result = load_settings(
        STORAGE_PROBE,
        SECRET_KEY="x" * 50,
        AWS_STORAGE_BUCKET_NAME="magazine-media",
        AWS_S3_ENDPOINT_URL="https://objects.example.net",
        AWS_S3_REGION_NAME="fr-par",
    )

    values = json.loads(result.stdout)
    assert values["MEDIA_STORAGE"] == "s3"
    assert values["BACKEND"] == "storages.backends.s3.S3Storage"
    options = values["OPTIONS"]
    assert options["bucket_name"] == "magazine-media"
    assert options["endpoint_url"] == "https://objects.example.net"
    assert options["file_overwrite"] is False
    assert options["querystring_auth"] is False
    assert options["object_parameters"] == {
        "CacheControl": "public, max-age=31536000, immutable"
    }
    assert values["MEDIA_URL"] == "https://objects.example.net/magazine-media/"
    assert values["IMG_SRC"] == ["'self'", "https://objects.example.net"]


def test_a_cdn_in_front_of_the_bucket_is_where_pages_point():
    result = load_settings(
        STORAGE_PROBE,
        SECRET_KEY="x" * 50,
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="magazine-media",
        AWS_S3_REGION_NAME="eu-west-3",
        AWS_S3_CUSTOM_DOMAIN="cdn.magazine.example",
        AWS_LOCATION="media",
    )

    values = json.loads(result.stdout)
    assert values["OPTIONS"]["endpoint_url"] is None
    assert values["MEDIA_URL"] == "https://cdn.magazine.example/media/"
    assert values["IMG_SRC"] == ["'self'", "https://cdn.magazine.example"]

    values = json.loads(
        load_settings(
            STORAGE_PROBE, SECRET_KEY="x" * 50, AWS_STORAGE_BUCKET_NAME="magazine-media",
            AWS_S3_REGION_NAME="eu-west-3",
        ).stdout
    )
    assert values["MEDIA_URL"] == "https://magazine-media.s3.eu-west-3.amazonaws.com/"


def test_object_storage_without_a_bucket_is_refused_at_start():
    result = load_settings(STORAGE_PROBE, SECRET_KEY="x" * 50, MEDIA_STORAGE="s3")

    assert result.returncode != 0
    assert "MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME" in result.stderr


def test_sessions_are_read_through_redis_when_there_is_one():
    values = json.loads(load_settings(STORAGE_PROBE, SECRET_KEY="x" * 50).stdout)
    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"

    result = load_settings(
        STORAGE_PROBE, SECRET_KEY="x" * 50, REDIS_URL="redis://127.0.0.1:6379/0"
    )
    assert json.loads(result.stdout)["SESSION_ENGINE"] == (
        "django.contrib.sessions.backends.cached_db"
    )


DATABASES_PROBE = """
import json
from newsroom import settings as s
print(json.dumps({alias: database.get("OPTIONS", {}) for alias, database in s.DATABASES.items()}))
"""


def database_options(**environ):
    """Each database's OPTIONS, as the settings make them from ``environ``."""
    return json.loads(load_settings(DATABASES_PROBE, DEBUG="1", **environ).stdout)


def test_postgresql_prepares_the_queries_a_connection_repeats():
    options = database_options(
        DATABASE_URL="postgres://newsroom@primary.example/newsroom",
        DATABASE_REPLICA_URL="postgres://newsroom@replica.example/newsroom",
    )

    for alias in ("default", "replica"):
        assert options[alias]["server_side_binding"] is True
        assert options[alias]["prepare_threshold"] == 5


def test_prepared_statements_can_be_turned_off_for_a_pooler_that_cannot_keep_them():
    options = database_options(
        DATABASE_URL="postgres://newsroom@pgbouncer.example/newsroom",
        DATABASE_PREPARED_STATEMENTS="0",
    )

    assert "server_side_binding" not in options["default"]
    assert "prepare_threshold" not in options["default"]


def test_sqlite_has_no_prepared_statement_options():
    options = database_options()

    assert options["default"] == {}
