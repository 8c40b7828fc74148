"""The comment form without a cookie: reader pages stay cacheable by shared caches, each
form's signed token posts once, and posts from other sites' pages are refused."""

import re
import time

import pytest
from django.core.management import call_command
from django.test import Client

from comments.forms import make_timestamp, read_timestamp
from comments.models import Comment, UsedFormToken
from core.roles import EDITORS
from tests.factories import make_user

from .conftest import comment_data, make_article, make_comment, post_comment, post_url

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="timestamp" value="([^"]+)"')


@pytest.fixture
def production(settings):
    """What a reader meets on the real site: no debug."""
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver", "magazine.test"]


def reader_pages(client, article):
    """The article and the listing pages it links to: home, tag, author, date archive."""
    html = client.get(article.get_absolute_url()).content.decode()
    links = set(re.findall(r'href="(/(?:tags|auteurs)/[^/"]+/|/\d{4}/(?:\d{2}/)?)"', html))
    assert any(link.startswith("/tags/") for link in links)
    assert any(link.startswith("/auteurs/") for link in links)
    return [article.get_absolute_url(), f"/en{article.get_absolute_url()}", "/", "/en/",
            "/search/?q=b%C3%A9ton", *sorted(links)]


@pytest.mark.usefixtures("production")
def test_anonymous_reader_pages_set_no_cookie_and_do_not_vary_on_cookies(author):
    article = make_article(authors=[author], tags=["béton"])
    make_comment(article)
    client = Client()
    for url in reader_pages(client, article):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, (url, response.cookies.keys())
        assert "Set-Cookie" not in response.headers, url
        assert "cookie" not in response.get("Vary", "").lower(), (url, response["Vary"])
    # The form is there all the same, with its token.
    assert TOKEN.search(client.get(article.get_absolute_url()).content.decode())


@pytest.mark.usefixtures("production")
def test_a_commenter_with_a_pending_comment_gets_private_pages_varying_on_cookies(client, article):
    post_comment(client, article, body="Mon avis en attente")
    response = client.get(article.get_absolute_url())
    assert "Mon avis en attente" in response.content.decode()
    assert "Cookie" in response["Vary"]
    assert "private" in response["Cache-Control"]


def test_the_token_of_the_page_posts_a_comment(client, article, settings):
    settings.COMMENTS_MIN_SUBMIT_SECONDS = 0
    token = TOKEN.search(client.get(article.get_absolute_url()).content.decode()).group(1)
    response = client.post(post_url(article), {**comment_data(article), "timestamp": token})
    assert response.status_code == 302
    assert Comment.objects.get().spam_signals == []


def test_a_reply_form_carries_a_token_for_that_reply(client, article, settings):
    settings.COMMENTS_MIN_SUBMIT_SECONDS = 0
    parent = make_comment(article)
    html = client.get(f"{article.get_absolute_url()}?reply_to={parent.pk}").content.decode()
    token = TOKEN.search(html).group(1)
    assert read_timestamp(token, article).parent_id == parent.pk
    response = client.post(
        post_url(article), {**comment_data(article), "parent": parent.pk, "timestamp": token}
    )
    assert response.status_code == 302
    reply = Comment.objects.get(parent=parent)
    assert reply.spam_signals == []


def test_a_token_given_for_another_conversation_is_not_the_forms(client, article):
    first, second = make_comment(article), make_comment(article)
    token = make_timestamp(article, time.time() - 60, parent=first.pk)
    post_comment(client, article, parent=str(second.pk), timestamp=token)
    assert Comment.objects.get(parent=second).spam_signals == ["timestamp_invalid"]


class TestTokenForAReaderWhoStartsWriting:
    """static/comments/form.js asks for a token of the reader's own on the first focus."""

    def test_the_form_says_where_to_ask(self, client, article):
        html = client.get(article.get_absolute_url()).content.decode()
        assert f'data-token-url="/commentaires/{article.pk}/jeton/"' in html
        parent = make_comment(article)
        html = client.get(f"{article.get_absolute_url()}?reply_to={parent.pk}").content.decode()
        assert f'data-token-url="/commentaires/{article.pk}/jeton/?parent={parent.pk}"' in html

    @pytest.mark.usefixtures("production")
    def test_a_fresh_token_never_cached_and_without_cookie(self, article):
        parent = make_comment(article)
        response = Client().get(f"/commentaires/{article.pk}/jeton/?parent={parent.pk}")
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert not response.cookies
        token = read_timestamp(response.json()["token"], article)
        assert token.parent_id == parent.pk and token.age < 5
        second = Client().get(f"/commentaires/{article.pk}/jeton/").json()["token"]
        assert read_timestamp(second, article).nonce != token.nonce

    def test_it_posts(self, article, settings):
        settings.COMMENTS_MIN_SUBMIT_SECONDS = 0
        client = Client()
        token = client.get(f"/commentaires/{article.pk}/jeton/").json()["token"]
        response = client.post(post_url(article), {**comment_data(article), "timestamp": token})
        assert response.status_code == 302
        assert Comment.objects.get().spam_signals == []

    def test_none_for_a_closed_or_unpublished_article(self, client, article):
        closed = make_article("Fermé", comments_open=False)
        draft = make_article("Brouillon", status="draft")
        assert client.get(f"/commentaires/{closed.pk}/jeton/").status_code == 403
        assert client.get(f"/commentaires/{draft.pk}/jeton/").status_code == 404
        assert client.get(f"/commentaires/{2**64}/jeton/").status_code == 404
        assert client.post(f"/commentaires/{article.pk}/jeton/").status_code == 405


class TestSingleUse:
    def test_a_replayed_form_does_not_post_twice_and_says_why(self, article):
        data = comment_data(article)
        assert Client().post(post_url(article), data).status_code == 302
        replayed = {**data, "email": "autre@ailleurs.test", "body": "Un autre texte"}
        response = Client().post(post_url(article), replayed)
        assert response.status_code == 200
        html = response.content.decode()
        assert "déjà servi" in html  # "This form was already used", in French.
        assert "Un autre texte</textarea>" in html
        assert Comment.objects.count() == 1
        # The form comes back with a new token, which posts.
        token = TOKEN.search(html).group(1)
        assert token != data["timestamp"]
        again = {**replayed, "timestamp": token}
        assert Client().post(post_url(article), again).status_code == 302
        assert Comment.objects.count() == 2

    def test_the_same_form_replayed_many_times_posts_once(self, article):
        data = comment_data(article)
        for number in range(5):
            Client(REMOTE_ADDR=f"192.0.2.{number}").post(
                post_url(article), {**data, "email": f"robot{number}@spam.test"}
            )
        assert Comment.objects.count() == 1

    def test_a_double_click_leads_to_the_comment_already_posted(self, client, article):
        data = comment_data(article)
        first = client.post(post_url(article), data)
        second = client.post(post_url(article), data)
        comment = Comment.objects.get()
        assert second.status_code == 302
        assert second["Location"] == first["Location"]
        assert second["Location"].endswith(f"#comment-{comment.pk}")
        assert "déjà été reçu" in client.get(second["Location"]).content.decode()

    def test_a_form_with_errors_keeps_its_token_until_it_posts(self, client, article):
        data = comment_data(article, email="pas-une-adresse")
        response = client.post(post_url(article), data)
        assert TOKEN.search(response.content.decode()).group(1) == data["timestamp"]
        fixed = {**data, "email": "do@lecteurs.test"}
        assert client.post(post_url(article), fixed).status_code == 302

    def test_claiming_is_atomic(self, article):
        token = read_timestamp(make_timestamp(article), article)
        assert UsedFormToken.objects.claim(token) is True
        assert UsedFormToken.objects.claim(token) is False

    def test_the_daily_purge_forgets_expired_tokens_only(self, article, settings):
        settings.COMMENTS_FORM_MAX_AGE_SECONDS = 3600
        old = read_timestamp(make_timestamp(article, time.time() - 7200), article)
        fresh = read_timestamp(make_timestamp(article), article)
        UsedFormToken.objects.claim(old)
        UsedFormToken.objects.claim(fresh)
        call_command("purge_comment_ip_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert list(UsedFormToken.objects.values_list("pk", flat=True)) == [fresh.nonce]


class TestOrigin:
    @pytest.mark.parametrize(
        "headers",
        [
            {"HTTP_ORIGIN": "https://evil.example"},
            {"HTTP_ORIGIN": "null"},
            {"HTTP_ORIGIN": "http://testserver.evil.example"},
            {"HTTP_SEC_FETCH_SITE": "cross-site"},
            {"HTTP_SEC_FETCH_SITE": "same-site"},
            {"HTTP_REFERER": "https://evil.example/page.html"},
        ],
        ids=lambda headers: ":".join(headers.values()),
    )
    def test_a_post_from_another_sites_page_is_refused_kindly(self, article, headers):
        response = Client(**headers).post(post_url(article), comment_data(article))
        assert response.status_code == 403
        html = response.content.decode()
        assert 'class="wrap error-page"' in html
        assert "un autre site" in html  # "sent from a page of another site", in French.
        assert Comment.objects.count() == 0
        assert UsedFormToken.objects.count() == 0

    @pytest.mark.parametrize(
        "headers",
        [
            {"HTTP_ORIGIN": "http://testserver"},
            {"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "same-origin"},
            {"HTTP_SEC_FETCH_SITE": "same-origin"},
            {"HTTP_REFERER": "http://testserver/articles/x/"},
            {"HTTP_ORIGIN": "https://relais.magazine.test"},
            {},
        ],
        ids=lambda headers: ":".join(headers.values()) or "no-header",
    )
    def test_a_post_from_this_site_goes_through(self, article, settings, headers):
        settings.CSRF_TRUSTED_ORIGINS = ["https://*.magazine.test"]
        response = Client(**headers).post(post_url(article), comment_data(article))
        assert response.status_code == 302
        assert Comment.objects.count() == 1

    @pytest.mark.usefixtures("production")
    def test_over_https_a_post_naming_no_origin_is_refused(self, article):
        client = Client()
        response = client.post(post_url(article), comment_data(article), secure=True)
        assert response.status_code == 403
        response = client.post(
            post_url(article), comment_data(article), secure=True,
            HTTP_ORIGIN="https://testserver",
        )
        assert response.status_code == 302


def test_the_admin_keeps_djangos_csrf_protection(db):
    make_user("editrice", EDITORS)
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "editrice", "password": "x"})
    assert response.status_code == 403
    assert 'class="wrap error-page"' in response.content.decode()
