"""Authors in the order an editor gives: stored, and used by the byline, the author pages,
the feeds, the JSON-LD and the admin."""

import json
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from articles.actions import PublishArticle, SaveArticle
from articles.models import Article
from core.roles import AUTHORS
from tests.articles.fixtures_admin import *  # noqa: F403
from tests.articles.fixtures_admin import article_form_data, make_article, make_user

pytestmark = pytest.mark.django_db

ARTICLES = "/admin/articles/article/"


@pytest.fixture
def alice(db):
    return make_user("alice", AUTHORS, first_name="Alice", last_name="Aubert")


@pytest.fixture
def bruno(db):
    return make_user("bruno", AUTHORS, first_name="Bruno", last_name="Blanc")


def byline_names(html):
    byline = html.split('class="byline__authors"', 1)[1].split("</span>", 1)[0]
    return re.findall(r'rel="author">([^<]+)</a>', byline)


def json_ld_authors(html):
    script = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    data = json.loads(script)
    return [author["name"] for author in data["author"]]


def test_the_order_given_in_the_admin_is_kept_everywhere(
    client, editor, editor_client, alice, bruno
):
    # Another article by the same people, in the other order, must not disturb this one.
    other = make_article("Autre", authors=[alice, bruno])
    PublishArticle(other, editor).execute()

    response = editor_client.post(
        ARTICLES + "add/",
        article_form_data(
            title="Écrit à deux", authors=[bruno.pk, alice.pk], status="published"
        ),
    )

    assert response.status_code == 302
    article = Article.objects.get(title="Écrit à deux")
    assert list(article.ordered_authors) == [bruno, alice]
    page = client.get(article.get_absolute_url()).content.decode()
    assert byline_names(page) == ["Bruno Blanc", "Alice Aubert"]
    assert json_ld_authors(page) == ["Bruno Blanc", "Alice Aubert"]
    feed = client.get(reverse("articles:feed_atom")).content.decode()
    entry = feed.split("<title>Écrit à deux</title>", 1)[1].split("</entry>", 1)[0]
    assert re.findall(r"<author><name>([^<]+)</name>", entry) == ["Bruno Blanc", "Alice Aubert"]
    author_page = client.get(reverse("articles:author", args=["alice-aubert"])).content.decode()
    card = author_page.split("Écrit à deux", 1)[1]
    assert byline_names(card)[:2] == ["Bruno Blanc", "Alice Aubert"]
    # The admin shows them in that order: the list and the form's choices.
    listing = editor_client.get(ARTICLES).content.decode()
    assert "Bruno Blanc, Alice Aubert" in listing
    form = editor_client.get(f"{ARTICLES}{article.pk}/change/").content.decode()
    select = form.split('name="authors"', 1)[1].split("</select>", 1)[0]
    assert select.index(">Bruno Blanc<") < select.index(">Alice Aubert<")


def test_the_order_changes_from_code_and_in_the_admin(editor, editor_client, alice, bruno):
    article = make_article(authors=[editor])

    SaveArticle(article, editor, authors=[alice, bruno]).execute()
    assert list(Article.objects.get().ordered_authors) == [alice, bruno]

    response = editor_client.post(
        f"{ARTICLES}{article.pk}/change/",
        article_form_data(title=article.title, slug=article.slug, authors=[bruno.pk, alice.pk]),
    )

    assert response.status_code == 302
    assert list(Article.objects.get().ordered_authors) == [bruno, alice]


def test_an_author_cannot_leave_their_own_article_to_others(author, alice):
    article = make_article(authors=[author])

    with pytest.raises(PermissionDenied):
        SaveArticle(article, author, authors=[alice]).execute()

    assert list(Article.objects.get().ordered_authors) == [author]
    SaveArticle(article, author, authors=[alice, author]).execute()
    assert list(Article.objects.get().ordered_authors) == [alice, author]
