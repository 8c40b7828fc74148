"""Fixtures of the comments tests: articles, people of each role, comments, posting."""

import time

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client
from django.urls import clear_url_caches, reverse

from comments.commenters import give_key
from comments.forms import make_timestamp
from comments.models import Comment, CommenterKey
from core.roles import AUTHORS, EDITORS, MODERATORS
from tests import factories


@pytest.fixture(autouse=True)
def site_address(request):
    """The site's address, in e-mails and for Akismet, for the tests that reach the
    database (the site settings hold it)."""
    if request.node.get_closest_marker("django_db") is None:
        return
    from core.models import SiteSettings

    site_settings = SiteSettings.current()
    site_settings.base_url = "https://magazine.test"
    site_settings.save()


@pytest.fixture(autouse=True)
def comment_settings(settings):
    """The documented defaults, whatever the environment says, and never the network."""
    settings.AKISMET_API_KEY = ""
    settings.AKISMET_CLIENT_CLASS = "tests.comments.fakes.NoNetworkAkismet"
    settings.COMMENTS_MAX_DEPTH = 3
    settings.COMMENTS_MAX_LENGTH = 5000
    settings.COMMENTS_PER_PAGE = 50
    settings.COMMENTS_CLOSE_AFTER_DAYS = 0
    settings.COMMENTS_AUTO_APPROVE_KNOWN = True
    settings.COMMENTS_NOTIFY_MODERATORS = True
    settings.COMMENTS_NOTIFY_INTERVAL = 300
    settings.COMMENTS_NOTIFY_AUTHORS = True
    settings.COMMENTS_MODERATION_EMAILS = []
    settings.COMMENTS_SPAM_CHECKS = [
        "honeypot", "timing", "links", "blocklist", "duplicate", "akismet"
    ]
    settings.COMMENTS_MIN_SUBMIT_SECONDS = 3
    settings.COMMENTS_FORM_MAX_AGE_SECONDS = 24 * 3600
    settings.COMMENTS_MAX_LINKS = 2
    settings.COMMENTS_DUPLICATE_WINDOW_HOURS = 24
    settings.COMMENTS_RATE_LIMIT_PER_IP = 10
    settings.COMMENTS_RATE_LIMIT_PER_EMAIL = 5
    settings.COMMENTS_RATE_LIMIT_WINDOW_SECONDS = 600
    settings.TRUSTED_PROXY_COUNT = 0
    settings.COMMENTS_ERASE_MODE = "anonymize"
    settings.COMMENTS_IP_RETENTION_DAYS = 90
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.LANGUAGE_CODE = "fr"
    # URL resolvers cache the language prefix: a test run under another
    # LANGUAGE_CODE would otherwise leave /fr/ in front of every French address.
    clear_url_caches()
    cache.clear()
    yield
    cache.clear()
    clear_url_caches()


def make_user(username, group=None, **extra):
    extra.setdefault("email", f"{username}@magazine.test")
    return factories.make_user(username, group, **extra)


def logged_in(user, **kwargs):
    client = Client(**kwargs)
    client.force_login(user)
    return client


def make_article(title="Des ponts en béton qui se réparent seuls", **fields):
    """A published article (tests/factories.py) about concrete, for comments to discuss."""
    fields.setdefault("body", "<p>Un texte d’essai sur le béton.</p>")
    return factories.make_article(title, **fields)


def make_comment(article, **fields):
    fields.setdefault("name", "Camille")
    fields.setdefault("email", "camille@lecteurs.test")
    fields.setdefault("body", f"Un avis argumenté numéro {Comment.objects.count() + 1}.")
    fields.setdefault("status", Comment.Status.APPROVED)
    fields.setdefault("ip_address", "198.51.100.7")
    return Comment.objects.create(article=article, **fields)


def hand_key(client, key, secret):
    """Put the commenter cookie holding ``key`` in ``client``, as the site would."""
    response = HttpResponse()
    give_key(response, key, secret)
    client.cookies.update(response.cookies)


def trusted_browser(client, article, *, name="Dominique", email="dominique@lecteurs.test"):
    """Make ``client`` the browser of a commenter with an approved comment sent from it."""
    key, secret = CommenterKey.issue(email)
    make_comment(article, name=name, email=email, commenter_key=key)
    hand_key(client, key, secret)
    return key


def comment_data(article, *, seconds_ago=60, **overrides):
    """What the form sends, as a person who took a minute to write: a new form token each
    time, made for the comment replied to (``parent``) when there is one."""
    parent = overrides.get("parent") or ""
    data = {
        "name": "Dominique",
        "email": "dominique@lecteurs.test",
        "website": "",
        "body": "Merci pour cet article clair.\nJ’ai une question sur la durabilité.",
        "topic": "",
        "parent": "",
        "timestamp": make_timestamp(
            article,
            time.time() - seconds_ago,
            parent=int(parent) if str(parent).isdigit() else None,
        ),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def post_url(article):
    return reverse("comments:post", args=[article.pk])


def post_comment(client, article, **overrides):
    extra = {}
    if "REMOTE_ADDR" in overrides:
        extra["REMOTE_ADDR"] = overrides.pop("REMOTE_ADDR")
    return client.post(post_url(article), comment_data(article, **overrides), **extra)


@pytest.fixture
def author(db):
    return make_user("autrice", AUTHORS, first_name="Alix", last_name="Martin")


@pytest.fixture
def moderator(db):
    return make_user("moderatrice", MODERATORS)


@pytest.fixture
def editor(db):
    return make_user("editeur", EDITORS)


@pytest.fixture
def article(author):
    return make_article(authors=[author])


@pytest.fixture
def moderator_client(moderator):
    return logged_in(moderator)


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run what is queued on commit (e-mails), as a real request's commit would."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run
