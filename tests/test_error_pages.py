"""Error pages, in production mode: each answers with its own status and the site's layout,
whatever broke the request, without reading what broke it again (the host, the query,
the session) nor the database, so that a hostile request never turns into a 500."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comments.models import Comment
from core.models import SiteSettings
from core.roles import AUTHORS
from tests.comments.conftest import comment_data
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

BAD_REQUEST_TITLE = '<h1 class="page-title">Cette demande ne peut pas aboutir</h1>'
TOO_MANY_FIELDS = "&".join(f"f{number}=x" for number in range(1_100))


@pytest.fixture
def production(settings):
    """DEBUG off, as on the server: exceptions reach the error handlers, not the debug page."""
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    return Client(raise_request_exception=False)


@pytest.fixture
def article(db):
    return make_article("Le béton qui se répare")


def assert_calm_error(response, status, title):
    """The error page of ``status``, in the site's layout, without a session read."""
    assert response.status_code == status
    text = response.content.decode()
    assert title in text
    assert text.count("<h1") == 1
    assert '<main id="content"' in text
    assert 'name="robots" content="noindex"' in text
    # SessionMiddleware says Vary: Cookie whenever the page read the session.
    assert "Cookie" not in response.get("Vary", "")


ENGLISH_BAD_REQUEST_TITLE = '<h1 class="page-title">This request cannot be answered</h1>'


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/", BAD_REQUEST_TITLE),
        ("/search/?q=b%C3%A9ton", BAD_REQUEST_TITLE),
        ("/nulle-part/", BAD_REQUEST_TITLE),
        ("/feeds/rss/", BAD_REQUEST_TITLE),
        ("/admin/", BAD_REQUEST_TITLE),
        ("/en/", ENGLISH_BAD_REQUEST_TITLE),
    ],
)
def test_an_unknown_host_is_a_bad_request(production, path, title, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = production.get(path, HTTP_HOST="scanner.example")

    assert_calm_error(response, 400, title)


def test_an_unknown_host_posting_a_comment_is_a_bad_request(production, article):
    response = production.post(
        reverse("comments:post", args=[article.pk]),
        comment_data(article),
        HTTP_HOST="scanner.example",
    )

    assert_calm_error(response, 400, BAD_REQUEST_TITLE)
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "path", ["/", "/search/", "/nulle-part/", "/tags/beton/", "/admin/login/", "/2026/"]
)
def test_too_many_query_parameters_is_a_bad_request(production, path, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = production.get(f"{path}?{TOO_MANY_FIELDS}")

    assert_calm_error(response, 400, BAD_REQUEST_TITLE)


def test_too_many_form_fields_is_a_bad_request(production, article):
    fields = {f"f{number}": "x" for number in range(1_100)}

    response = production.post(
        reverse("comments:post", args=[article.pk]), {**comment_data(article), **fields}
    )

    assert_calm_error(response, 400, BAD_REQUEST_TITLE)
    assert not Comment.objects.exists()


def test_a_bad_request_page_shows_the_site_name_the_cache_holds(production):
    SiteSettings.objects.update_or_create(pk=1, defaults={"site_name": "Le Quotidien du Béton"})
    SiteSettings.current()

    response = production.get("/", HTTP_HOST="scanner.example")

    assert "<title>Requête incorrecte — Le Quotidien du Béton</title>" in response.content.decode()


def test_a_form_sent_without_its_cookie_gets_the_friendly_page(article, settings):
    settings.DEBUG = False
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)

    response = client.post(
        f"{reverse('admin:login')}?q=%C3%A9t%C3%A9", {"username": "x", "password": "y"}
    )

    assert_calm_error(
        response, 403, '<h1 class="page-title">Votre formulaire n’a pas pu être envoyé</h1>'
    )
    assert "été" not in response.content.decode()


def test_a_comment_from_another_sites_page_gets_the_friendly_page(article, settings):
    settings.DEBUG = False
    client = Client(HTTP_ORIGIN="https://elsewhere.example", raise_request_exception=False)

    response = client.post(reverse("comments:post", args=[article.pk]), comment_data(article))

    assert_calm_error(
        response, 403, '<h1 class="page-title">Votre commentaire n’a pas pu être envoyé</h1>'
    )
    assert not Comment.objects.exists()


def test_a_page_the_user_may_not_open_is_a_friendly_403(production):
    author = make_user("autrice", AUTHORS)
    production.force_login(author)

    response = production.get("/admin/core/sitesettings/1/change/")

    assert response.status_code == 403
    assert '<h1 class="page-title">Vous ne pouvez pas ouvrir cette page</h1>' in (
        response.content.decode()
    )


@pytest.mark.parametrize("path", ["/nulle-part/", "/articles/inconnu/", "/en/nowhere/"])
def test_a_missing_page_reads_neither_the_query_nor_the_session(production, path):
    production.get("/")  # the site settings in the cache, as on a live site

    with CaptureQueriesContext(connection) as queries:
        response = production.get(
            f"{path}?q=zyxwvu&page=2", HTTP_COOKIE="sessionid=abcdefghijklmnopqrstuvwxyz"
        )

    assert response.status_code == 404
    assert not [query for query in queries if "django_session" in query["sql"]]
    assert "zyxwvu" not in response.content.decode()
    assert "Cookie" not in production.get(path).get("Vary", "")


@pytest.mark.parametrize(
    "cookie",
    [
        'sessionid="abcdefgh\\000ijkl"',
        "sessionid=" + "z" * 5000,
        'csrftoken="\\000"; django_language="\\000"',
        "messages=not-signed; sessionid=%00",
    ],
)
def test_a_hostile_cookie_never_breaks_a_page(production, article, cookie):
    superuser = make_user("root", is_superuser=True)
    assert Group.objects.exists()

    for path in ["/", article.get_absolute_url(), "/admin/login/", "/nulle-part/"]:
        response = production.get(path, HTTP_COOKIE=cookie)
        assert response.status_code in {200, 404}, (path, response.status_code)

    production.force_login(superuser)
    assert production.get("/admin/", HTTP_COOKIE=cookie).status_code in {200, 302}


def test_nul_characters_in_headers_never_reach_the_database(production, article, settings):
    settings.COMMENTS_SPAM_CHECKS = []
    client = Client(
        raise_request_exception=False,
        HTTP_USER_AGENT="Navigateur\x00/1.0",
    )

    response = client.post(reverse("comments:post", args=[article.pk]), comment_data(article))

    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.user_agent == "Navigateur/1.0"


def wsgi_call(application, environ):
    """The status line ``application`` answers ``environ`` with, as a WSGI server sees it."""
    statuses = []
    body = b"".join(application(environ, lambda status, headers: statuses.append(status)))
    return statuses[0], body


def test_a_charset_and_too_many_query_parameters_is_a_bad_request(production):
    from django.test import RequestFactory

    from newsroom.handlers import NewsroomWSGIHandler
    from newsroom.wsgi import application

    environ = RequestFactory()._base_environ(
        PATH_INFO="/",
        QUERY_STRING=TOO_MANY_FIELDS,
        CONTENT_TYPE="text/plain; charset=utf-8",
    )

    status, body = wsgi_call(NewsroomWSGIHandler(), environ)

    assert status == "400 Bad Request"
    assert BAD_REQUEST_TITLE in body.decode()
    assert isinstance(application, NewsroomWSGIHandler)


@pytest.mark.parametrize("selected", ["abc", "99999999999999999999999", "1.5", ""])
@pytest.mark.parametrize("changelist", ["/admin/flatpages/flatpage/", "/admin/articles/tag/"])
def test_a_bulk_action_on_ids_that_are_not_ids_is_a_bad_request(production, changelist, selected):
    production.force_login(make_user("edith", "Editors"))

    response = production.post(
        changelist, {"action": "delete_selected", "_selected_action": ["1", selected]}
    )

    assert_calm_error(response, 400, BAD_REQUEST_TITLE)


def test_a_bulk_action_on_real_ids_still_asks_for_confirmation(production):
    from articles.models import Tag

    production.force_login(make_user("edith", "Editors"))
    tag = Tag.objects.create(name="Énergie")

    response = production.post(
        "/admin/articles/tag/", {"action": "delete_selected", "_selected_action": [tag.pk]}
    )

    assert response.status_code == 200
    assert "Énergie" in response.content.decode()
    assert Tag.objects.filter(pk=tag.pk).exists()


@pytest.mark.parametrize(
    "address",
    ["/admin/articles/tag/{pk}/change/?_to_field=", "/admin/articles/tag/?_to_field=",
     "/admin/articles/tag/{pk}/change/?_to_field=nope"],
)
def test_a_popup_naming_no_field_is_a_bad_request(production, address):
    from articles.models import Tag

    production.force_login(make_user("edith", "Editors"))
    tag = Tag.objects.create(name="Énergie")

    response = production.get(address.format(pk=tag.pk))

    assert response.status_code == 400
    assert BAD_REQUEST_TITLE in response.content.decode()


def test_a_media_name_the_file_system_refuses_is_a_404(client, db):
    # Development serves uploads itself; a name too long for the file system is no 500.
    assert client.get("/media/" + "x" * 5000).status_code == 404
