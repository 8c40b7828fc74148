"""The change form tells who else has the article open; leaving or going quiet releases it."""

import time

import pytest

from articles import presence
from core.roles import AUTHORS, EDITORS
from tests.articles.fixtures_admin import *  # noqa: F403
from tests.articles.fixtures_admin import make_article
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(author):
    return make_article("Un article disputé", authors=[author])


@pytest.fixture
def louise():
    return make_user("louise", EDITORS, first_name="Louise", last_name="Weiss")


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def presence_url(article):
    return f"/admin/articles/article/{article.pk}/presence/"


def test_the_second_person_to_open_an_article_is_told_who_is_there(editor, louise, article):
    first, second = client_for(editor), client_for(louise)  # noqa: F405
    assert "presence__notice" not in first.get(change_url(article)).content.decode()

    page = second.get(change_url(article)).content.decode()

    assert "presence__notice" in page
    assert editor.get_full_name() in page
    # The first learns it at their next renewal.
    assert first.post(presence_url(article)).json() == {"others": ["Louise Weiss"]}


def test_the_notice_the_page_script_shows_is_in_the_admins_language(editor, article, settings):
    settings.LANGUAGE_CODE = "fr"
    french = client_for(editor).get(change_url(article))  # noqa: F405
    page = french.content.decode()

    # The page script fills in the names.
    assert 'data-message="Aussi ouvert en ce moment par %(names)s.' in page

def test_leaving_releases_the_article_at_once(editor, louise, article):
    first, second = client_for(editor), client_for(louise)  # noqa: F405
    first.get(change_url(article))
    second.get(change_url(article))

    response = first.post(presence_url(article), {"leave": "1"})

    assert response.status_code == 204
    assert second.post(presence_url(article)).json() == {"others": []}


def test_a_form_that_goes_quiet_is_released_after_the_timeout(
    editor, louise, article, settings, monkeypatch
):
    settings.ARTICLE_PRESENCE_SECONDS = 60
    client_for(editor).get(change_url(article))  # noqa: F405
    later = time.time() + 61
    monkeypatch.setattr(presence.time, "time", lambda: later)

    assert client_for(louise).post(presence_url(article)).json() == {"others": []}  # noqa: F405


def test_presence_is_only_for_those_who_may_change_the_article(editor, article):
    client_for(editor).get(change_url(article))  # noqa: F405
    stranger = client_for(make_user("autre", AUTHORS))  # noqa: F405

    for response in (stranger.post(presence_url(article)), stranger.get(change_url(article))):
        assert response.status_code in (302, 403, 404)
        assert editor.get_full_name() not in response.content.decode()
    assert stranger.get(presence_url(article)).status_code in (403, 404, 405)
    assert [p["name"] for p in presence.others(article.pk, editor)] == []
