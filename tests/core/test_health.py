"""The load balancer's questions (core/health.py): /healthz, is the process alive; /readyz,
are the database, the caches and the media storage reachable. Asked under production
settings: DEBUG off, HTTPS redirection on, the page cache on."""

import logging

import pytest
from django.core.files.storage import default_storage
from django.db import connections
from django.db.utils import OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db

# Nothing listens there: connections are refused at once.
UNREACHABLE_REDIS = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": "redis://127.0.0.1:9/0",
}


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["magazine.example"]
    settings.SECURE_SSL_REDIRECT = True
    settings.PAGE_CACHE_ENABLED = True
    caches = settings.CACHES
    yield
    settings.CACHES = caches  # before the suite's fixtures clear the caches


@pytest.fixture
def probe():
    """A load balancer: plain HTTP straight to the app server, with the site's host."""
    client = Client(HTTP_HOST="magazine.example")
    return client.get


def assert_never_kept(response):
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert "X-Page-Cache" not in response
    assert response["Content-Type"] == "application/json"


def refuse(*args, **kwargs):
    raise OperationalError("connection to server at 10.0.0.5 failed: password rejected")


def test_healthz_answers_without_the_database_or_the_caches(probe, settings, monkeypatch):
    monkeypatch.setattr(connections["default"], "cursor", refuse)
    settings.CACHES = {"default": UNREACHABLE_REDIS, "pages": UNREACHABLE_REDIS}
    response = probe("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert_never_kept(response)


def test_readyz_answers_200_when_everything_is_reachable(probe):
    for _ in range(2):  # never answered from the page cache
        response = probe("/readyz")
        assert response.status_code == 200
        assert response.json() == {
            "status": "ok",
            "checks": {"database": "ok", "cache": "ok", "page_cache": "ok", "storage": "ok"},
        }
        assert_never_kept(response)


def break_database(settings, monkeypatch):
    monkeypatch.setattr(connections["default"], "cursor", refuse)


def break_cache(settings, monkeypatch):
    settings.CACHES = {**settings.CACHES, "default": UNREACHABLE_REDIS}


def break_page_cache(settings, monkeypatch):
    settings.CACHES = {**settings.CACHES, "pages": UNREACHABLE_REDIS}


def break_storage(settings, monkeypatch):
    def unreachable(name):
        raise ConnectionError("Could not connect to the endpoint URL: https://s3.internal/")

    monkeypatch.setattr(default_storage, "exists", unreachable)


@pytest.mark.parametrize(
    "failed, break_it",
    [
        ("database", break_database),
        ("cache", break_cache),
        ("page_cache", break_page_cache),
        ("storage", break_storage),
    ],
)
def test_readyz_answers_503_naming_what_is_down_and_nothing_more(
    probe, settings, monkeypatch, caplog, failed, break_it
):
    break_it(settings, monkeypatch)
    with caplog.at_level(logging.INFO):
        response = probe("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable" and body["failed"] == [failed]
    assert body["checks"][failed] == "failed"
    assert {result for name, result in body["checks"].items() if name != failed} == {"ok"}
    text = response.content.decode()
    for secret in ("10.0.0.5", "password", "s3.internal", "127.0.0.1", "redis"):
        assert secret not in text
    assert_never_kept(response)
    # A warning says why, for the operator; no error is logged for each probe.
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert any(f"{failed} check failed" in record.getMessage() for record in caplog.records)


def test_the_host_is_still_checked(settings):
    response = Client(HTTP_HOST="10.1.2.3:8000").get("/healthz")
    assert response.status_code == 400


def test_only_safe_methods(probe):
    response = Client(HTTP_HOST="magazine.example").post("/readyz")
    assert response.status_code == 405
