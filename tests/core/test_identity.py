"""One site identity: the name and the address the site settings give are what pages,
feeds, sitemaps, e-mails, Akismet and structured data use, whatever host a request names."""

import json
import re

import feedparser
import pytest
from django.contrib.sites.models import Site
from django.core import mail
from django.urls import reverse

from comments import spam, tasks
from comments.models import Comment
from core import identity
from core.models import SiteSettings
from core.roles import AUTHORS
from tests.factories import make_article, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

BASE = "https://magazine.example"


def settings_form(site_settings, **overrides):
    data = {
        "site_name": site_settings.site_name,
        "base_url": site_settings.base_url,
        "tagline": "",
        "disclosure_text": "",
        "disclosure_page": site_settings.disclosure_page_id or "",
        "disclosure_link_text": "",
        "editorial_responsibility": "",
        "editorial_responsibility_kind": "person",
        "comment_policy_page": site_settings.comment_policy_page_id or "",
        "default_social_image": "",
        "_save": "Save",
    }
    data.update(overrides)
    return data


@pytest.fixture
def identity_set_in_the_admin(superuser_client):
    site_settings = SiteSettings.current()
    response = superuser_client.post(
        f"/admin/core/sitesettings/{site_settings.pk}/change/",
        settings_form(site_settings, site_name="Le Magazine", base_url=f"{BASE}/"),
    )
    assert response.status_code == 302
    return SiteSettings.current()


@pytest.fixture
def story():
    author = make_user("ines", AUTHORS, first_name="Inès", last_name="Garnier",
                       email="ines@magazine.example")
    return make_article("Le vent tourne", authors=[author], standfirst="Un chapeau.")


def test_the_admin_sets_the_address_and_the_sites_framework_follows(identity_set_in_the_admin):
    assert identity_set_in_the_admin.base_url == BASE  # without its trailing slash
    assert Site.objects.get_current().domain == "magazine.example"
    assert Site.objects.get_current().name == "Le Magazine"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("ftp://magazine.example", "Give the scheme and the host"),
        ("https://magazine.example/blog/", "Only the scheme and the host"),
        ("https://magazine.example/?from=x", "Only the scheme and the host"),
    ],
)
def test_an_address_with_more_or_less_than_a_scheme_and_host_is_refused(
    superuser_client, value, message
):
    site_settings = SiteSettings.current()
    response = superuser_client.post(
        f"/admin/core/sitesettings/{site_settings.pk}/change/",
        settings_form(site_settings, base_url=value),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert SiteSettings.objects.get().base_url == ""


def test_a_bare_host_is_taken_as_https(superuser_client):
    site_settings = SiteSettings.current()
    superuser_client.post(
        f"/admin/core/sitesettings/{site_settings.pk}/change/",
        settings_form(site_settings, base_url="Magazine.example"),
    )
    assert SiteSettings.objects.get().base_url == "https://magazine.example"


@pytest.mark.usefixtures("identity_set_in_the_admin")
def test_pages_name_the_site_s_address_whatever_host_they_are_asked_on(client, story, settings):
    settings.ALLOWED_HOSTS = ["testserver", "mirror.example"]
    html = client.get(story.get_absolute_url(), HTTP_HOST="mirror.example").content.decode()

    assert f'<link rel="canonical" href="{BASE}{story.get_absolute_url()}">' in html
    assert f'hreflang="x-default" href="{BASE}/' in html
    assert f'href="{BASE}/feeds/rss/"' in html
    assert "mirror.example" not in html
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["url"] == f"{BASE}{story.get_absolute_url()}"
    assert data["publisher"]["name"] == "Le Magazine"
    assert data["publisher"]["url"] == f"{BASE}/"


@pytest.mark.usefixtures("identity_set_in_the_admin")
def test_feeds_and_sitemaps_use_it_through_django_s_own_views(client, story):
    feed = feedparser.parse(client.get("/feeds/atom/").content)
    assert feed.feed.title == "Le Magazine"
    assert feed.feed.link == f"{BASE}/"
    assert feed.entries[0].link == f"{BASE}{story.get_absolute_url()}"
    rss = client.get("/feeds/rss/").content.decode()
    assert "<guid isPermaLink=\"false\">tag:magazine.example," in rss
    assert f'href="{BASE}/feeds/rss/" rel="self"' in rss

    index = client.get("/sitemap.xml").content.decode()
    assert f"<loc>{BASE}/sitemap-articles.xml</loc>" in index
    articles = client.get("/sitemap-articles.xml").content.decode()
    assert f"<loc>{BASE}{story.get_absolute_url()}</loc>" in articles
    news = client.get("/news-sitemap.xml").content.decode()
    assert "<news:name>Le Magazine</news:name>" in news
    assert f"Sitemap: {BASE}/sitemap.xml" in client.get("/robots.txt").content.decode()


@pytest.mark.usefixtures("identity_set_in_the_admin")
def test_e_mails_and_akismet_use_it(story, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    comment = Comment.objects.create(
        article=story, name="Lou", email="lou@lecteurs.test", body="Merci.",
        status=Comment.Status.APPROVED,
    )

    assert tasks.notify_authors.call(comment.pk) == 1
    message = mail.outbox[-1]
    assert "[Le Magazine]" in message.subject
    assert f"{BASE}{story.get_absolute_url()}#comment-{comment.pk}" in message.body

    settings.AKISMET_API_KEY = "key"
    settings.AKISMET_CLIENT_CLASS = "akismet.TestSyncClient"
    assert str(spam.akismet_client()._config.url) == BASE
    arguments = spam.akismet_arguments(
        article=story, name="Lou", email="lou@lecteurs.test", website="", body="Merci."
    )
    assert arguments["permalink"] == f"{BASE}{story.get_absolute_url()}"


def test_without_an_address_pages_use_the_host_they_are_asked_on(client, story, settings):
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    assert SiteSettings.current().base_url == ""

    html = client.get(story.get_absolute_url(), HTTP_HOST="localhost").content.decode()

    assert f'<link rel="canonical" href="http://localhost{story.get_absolute_url()}">' in html


def test_the_first_start_takes_the_address_from_the_environment(settings):
    SiteSettings.objects.all().delete()
    settings.SITE_BASE_URL = "https://premier.example"

    assert SiteSettings.current().base_url == "https://premier.example"
    assert identity.absolute_url(reverse("articles:home")) == "https://premier.example/"


def test_without_a_base_url_a_request_names_its_host_once(rf, monkeypatch, settings):
    from django.http import HttpRequest

    settings.ALLOWED_HOSTS = ["a.example", "b.example"]
    hosts_read = []
    get_host = HttpRequest.get_host
    monkeypatch.setattr(
        HttpRequest, "get_host", lambda request: hosts_read.append(1) or get_host(request)
    )
    request, other = rf.get("/", HTTP_HOST="a.example"), rf.get("/", HTTP_HOST="b.example")

    assert identity.absolute_url("/x/", request) == "http://a.example/x/"
    assert identity.absolute_url("/y/", request) == "http://a.example/y/"
    assert identity.absolute_url("/x/", other) == "http://b.example/x/"
    assert len(hosts_read) == 2
