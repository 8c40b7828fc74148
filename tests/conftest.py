"""Fixtures shared by the whole suite."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.urls import clear_url_caches
from django.utils import translation

# An S3-compatible server and a bucket as the default storage (tests/objectstorage.py).
from tests.objectstorage import s3_media, s3_server  # noqa: F401


@pytest.fixture(autouse=True)
def _isolated_test_state(settings, tmp_path):
    """Each test writes uploads to its own folder and starts with an empty cache,
    fresh URL resolvers and the default language, whatever the previous test changed."""
    settings.MEDIA_ROOT = tmp_path / "media"
    for cache in caches.all():
        cache.clear()
    clear_url_caches()
    yield
    for cache in caches.all():
        cache.clear()
    clear_url_caches()
    translation.deactivate()


@pytest.fixture(autouse=True)
def _no_internet(monkeypatch):
    """Nothing leaves the machine: oEmbed providers are asked through this one function,
    which a test replaces to give their answer."""
    from articles import oembed

    def offline(url):
        raise oembed.OEmbedError(f"No network in the tests: {url}")

    monkeypatch.setattr(oembed, "fetch_json", offline)


@pytest.fixture
def english(settings):
    """Built-in texts and messages in English, whatever the translations say.

    The admin speaks LANGUAGE_CODE (its URLs carry no language prefix), so that is what
    changes; code called outside a request follows override().
    """
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def superuser_client(client):
    """A client logged in as a superuser."""
    admin = get_user_model().objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(admin)
    return client


@pytest.fixture
def site_base_url(db):
    """The site's address set in its settings, as in production: the test client's host."""
    from core.models import SiteSettings

    site_settings = SiteSettings.current()
    site_settings.base_url = "http://testserver"
    site_settings.save()
    return site_settings.base_url


@pytest.fixture
def run_due_tasks(monkeypatch):
    """Run the queued tasks that are due, in this process, as `manage.py db_worker` does
    (with the database task backend). The worker runs inside the test's transaction: it
    must not close the connection between tasks as a worker process does."""
    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run(command="db_worker"):
        call_command(command, batch=True, reload=False, startup_delay=False, verbosity=0)

    return run


@pytest.fixture
def mail_server_hanging_up(settings):
    """A mail server that hangs up once on reaching a message to one of the addresses given
    (``mail_server_hanging_up("a@b.test")``), having delivered those before it."""
    from tests.comments.fakes import RefusingOnceEmailBackend

    settings.EMAIL_BACKEND = "tests.comments.fakes.RefusingOnceEmailBackend"

    def hang_up_on(*addresses):
        RefusingOnceEmailBackend.refused.update(addresses)

    yield hang_up_on
    RefusingOnceEmailBackend.refused.clear()
