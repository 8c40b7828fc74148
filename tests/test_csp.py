"""A strict Content-Security-Policy on every response: reader pages, machine-readable files,
error pages and the admin alike."""

import base64
import hashlib
import io
import re
from pathlib import Path

import django_prose_editor
import pytest
from csp.decorators import csp_exempt, csp_update
from csp.exceptions import CSPNonceError
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site
from django.core.management import call_command
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import path, reverse

from articles.models import Tag
from core.roles import AUTHORS
from newsroom import urls as project_urls
from newsroom.middleware import ContentSecurityPolicyMiddleware
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db


def explode(request):
    raise RuntimeError("A bug in a view")


# The site's addresses and error pages, plus a view that fails (pytest.mark.urls).
urlpatterns = [path("boom/", explode), *project_urls.urlpatterns]
handler400, handler404, handler500 = (
    project_urls.handler400,
    project_urls.handler404,
    project_urls.handler500,
)


def directives(response):
    """The policy of ``response`` as {directive: [sources]}."""
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    policy = {}
    for part in header.split(";"):
        name, *sources = part.split()
        policy[name] = sources
    return policy


def assert_strict(response):
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    # Styles: files of the site, and the editor's own stylesheet (by its hash).
    assert policy["style-src"] == ["'self'", settings.RICH_TEXT_EDITOR_STYLE_HASH]
    script_sources = policy["script-src"]
    assert script_sources[0] == "'self'"
    # A nonce at most: no inline script, no eval, no other origin.
    assert all(re.fullmatch(r"'nonce-[A-Za-z0-9+/=]{16,}'", s) for s in script_sources[1:])
    # Frames: only the embed providers' own HTTPS origins, which a reader asks for.
    assert policy["frame-src"] == ["'self'", *settings.EMBED_FRAME_ORIGINS]
    assert all(
        re.fullmatch(r"https://[a-z0-9.-]+", origin) for origin in settings.EMBED_FRAME_ORIGINS
    )
    for name, sources in policy.items():
        for source in sources:
            assert source not in {
                "*",
                "'unsafe-inline'",
                "'unsafe-eval'",
                "'unsafe-hashes'",
                "data:",
                "http:",
            }
            if name != "frame-src":
                assert "://" not in source, f"{name} allows {source}"


@pytest.fixture
def site_pages():
    author = make_user("camille", AUTHORS, first_name="Camille", last_name="Lefèvre")
    article = make_article("Les éoliennes", authors=[author], standfirst="Du vent.")
    tag = Tag.objects.create(name="Énergie")
    article.tags.add(tag)
    page = FlatPage.objects.create(url="/a-propos/", title="À propos", content="<p>Nous.</p>")
    page.sites.add(Site.objects.get_current())
    year, month = article.published_at.year, article.published_at.month
    return {
        "home": "/",
        "home in English": "/en/",
        "article": article.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "author": reverse("articles:author", args=[author.profile.public_slug]),
        "year archive": f"/{year}/",
        "month archive": f"/{year}/{month:02d}/",
        "search": "/search/?q=vent",
        "rss feed": "/feeds/rss/",
        "atom feed": "/feeds/atom/",
        "tag feed": f"/tags/{tag.slug}/feed/rss/",
        "sitemap index": "/sitemap.xml",
        "sitemap section": reverse("sitemap_section", args=["articles"]),
        "news sitemap": "/news-sitemap.xml",
        "robots.txt": "/robots.txt",
        "flat page": "/a-propos/",
    }


@pytest.mark.parametrize(
    "kind",
    [
        "home",
        "home in English",
        "article",
        "tag",
        "author",
        "year archive",
        "month archive",
        "search",
        "rss feed",
        "atom feed",
        "tag feed",
        "sitemap index",
        "sitemap section",
        "news sitemap",
        "robots.txt",
        "flat page",
    ],
)
def test_every_reader_page_and_file_carries_the_strict_policy(client, site_pages, kind):
    response = client.get(site_pages[kind])

    assert response.status_code == 200, kind
    assert_strict(response)
    # Reader pages need no script at all: no nonce is handed out.
    assert "nonce-" not in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("url", "status"),
    [("/nulle-part/", 404), ("/1999/13/", 404), ("/search/%00/", 400), ("/boom/", 500)],
)
@pytest.mark.urls(__name__)
def test_error_pages_carry_the_policy_in_production(settings, url, status):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)

    response = client.get(url)

    assert response.status_code == status
    assert_strict(response)


def test_static_files_carry_the_policy_too(settings):
    # An SVG opened on its own is a document: the policy keeps any script in it inert.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True

    response = Client().get("/static/img/favicon.svg")

    assert response.status_code == 200
    assert_strict(response)


def test_a_request_for_an_unknown_host_is_answered_with_the_policy(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["magazine.example"]

    response = Client(raise_request_exception=False).get("/", HTTP_HOST="scanner.example")

    assert response.status_code >= 400
    assert_strict(response)


def test_the_admin_login_page_carries_the_policy(client):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert_strict(response)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/articles/article/",
        "/admin/articles/article/add/",
        "/admin/flatpages/flatpage/add/",
        "/admin/articles/image/add/",
    ],
)
def test_admin_pages_carry_the_policy(superuser_client, url):
    response = superuser_client.get(url)

    assert response.status_code == 200
    assert_strict(response)


def test_the_editor_s_inline_import_map_runs_by_the_request_s_nonce_only(superuser_client):
    article = make_article("Un brouillon")

    response = superuser_client.get(f"/admin/articles/article/{article.pk}/change/")
    other = superuser_client.get(f"/admin/articles/article/{article.pk}/change/")

    assert_strict(response)
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])[1]
    html = response.content.decode()
    assert f'<script type="importmap" nonce="{nonce}">' in html
    # Every inline script of the page holds that nonce; the others are files of the site.
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or f'nonce="{nonce}"' in tag, tag
    assert nonce not in other["Content-Security-Policy"], "a nonce is used once"


@pytest.mark.parametrize(
    "url", ["/", "/admin/login/", "/admin/articles/article/add/", "/admin/flatpages/flatpage/add/"]
)
def test_pages_hold_no_inline_style_or_event_handler(superuser_client, url):
    # What the policy would block: the page must not need it.
    html = superuser_client.get(url).content.decode()

    assert not re.search(r"<[^>]+\sstyle=", html)
    assert not re.search(r"<[^>]+\son[a-z]+=", html)
    assert not re.search(r"<style\b", html)
    assert "javascript:" not in html


def test_violations_are_reported_where_the_settings_say(client, settings):
    settings.CSP_REPORT_ENDPOINT = "https://reports.example/csp"
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {
            **settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
            "report-uri": ["https://reports.example/csp"],
            "report-to": "csp",
        }
    }

    response = client.get("/")

    policy = directives(response)
    assert policy["report-uri"] == ["https://reports.example/csp"]
    assert policy["report-to"] == ["csp"]
    assert response["Reporting-Endpoints"] == 'csp="https://reports.example/csp"'


def test_no_reporting_without_an_address(client):
    response = client.get("/")

    assert "report-uri" not in directives(response)
    assert "report-to" not in directives(response)
    assert "Reporting-Endpoints" not in response


def test_the_editor_s_stylesheet_is_the_one_the_policy_allows():
    # Tiptap injects this <style> itself; an upgrade that changes it must change the hash.
    script = Path(django_prose_editor.__file__).parent / "static/django_prose_editor/editor.js"
    stylesheets = re.findall(r"=`(\.ProseMirror \{[^`]*)`", script.read_text(encoding="utf-8"))

    assert len(stylesheets) == 1
    digest = base64.b64encode(hashlib.sha256(stylesheets[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" == settings.RICH_TEXT_EDITOR_STYLE_HASH


def test_the_policy_settings_pass_django_csp_s_own_checks():
    # django-csp refuses settings named like its 3.x ones (CSP_…): none may be defined.
    call_command("check", stdout=io.StringIO())


def policy_headers(middleware_class, request, view):
    """The policy headers ``middleware_class`` gives ``view``'s response to ``request``."""
    middleware = middleware_class(view)
    middleware.process_request(request)
    response = middleware.process_response(request, view(request))
    return {
        name: response.headers.get(name)
        for name in ("Content-Security-Policy", "Content-Security-Policy-Report-Only")
    }


def plain_page(request):
    return HttpResponse("<p>A page</p>")


def page_with_a_nonce(request):
    return HttpResponse(f'<script nonce="{request.csp_nonce}"></script>')


@csp_update({"img-src": ["https://pictures.example"]})
def page_with_more_pictures(request):
    return HttpResponse("<img>")


@csp_exempt()
def exempt_page(request):
    return HttpResponse("<p>No policy</p>")


@pytest.mark.parametrize(
    "view", [plain_page, page_with_a_nonce, page_with_more_pictures, exempt_page]
)
@pytest.mark.parametrize("report_only", [False, True])
def test_the_policy_kept_per_process_is_the_one_django_csp_writes(settings, view, report_only):
    if report_only:
        settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {
            "DIRECTIVES": {"default-src": ["'self'"], "report-uri": ["/csp-reports/"]}
        }
    factory = RequestFactory()

    ours = policy_headers(ContentSecurityPolicyMiddleware, factory.get("/"), view)
    django_csp_s = policy_headers(CSPMiddleware, factory.get("/"), view)

    if view is page_with_a_nonce:
        # Each request has its own nonce.
        nonce = re.compile(r"'nonce-[^']+'")
        ours = {name: value and nonce.sub("N", value) for name, value in ours.items()}
        django_csp_s = {
            name: value and nonce.sub("N", value) for name, value in django_csp_s.items()
        }
    assert ours == django_csp_s
    assert (ours["Content-Security-Policy"] is None) == (view is exempt_page)
    # csp_exempt() without REPORT_ONLY exempts the enforced policy only.
    assert (ours["Content-Security-Policy-Report-Only"] is None) == (not report_only)


def test_a_change_of_the_policy_setting_reaches_the_next_response(settings):
    request = RequestFactory().get("/")
    before = policy_headers(ContentSecurityPolicyMiddleware, request, plain_page)
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}

    after = policy_headers(ContentSecurityPolicyMiddleware, RequestFactory().get("/"), plain_page)

    assert "default-src 'self'" in before["Content-Security-Policy"]
    assert after["Content-Security-Policy"] == "default-src 'none'"


def test_a_nonce_asked_for_once_the_policy_is_written_is_refused():
    request = RequestFactory().get("/")
    policy_headers(ContentSecurityPolicyMiddleware, request, plain_page)

    with pytest.raises(CSPNonceError):
        str(request.csp_nonce)
