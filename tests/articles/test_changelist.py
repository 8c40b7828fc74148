"""The article list editors work from: the filters of every day, and a fixed cost."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, WritingMethod
from core.roles import AUTHORS, EDITORS
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")
DRAFT, REVIEW = Article.Status.DRAFT, Article.Status.REVIEW


@pytest.fixture
def editor():
    return make_user("edith", EDITORS)


@pytest.fixture
def author():
    return make_user("albert", AUTHORS)


@pytest.fixture
def desk(editor, author):
    """One article of each kind the filters tell apart."""
    return {
        "mine": make_article("Le mien", authors=[editor], status=DRAFT),
        "review": make_article("En relecture", authors=[author], status=REVIEW),
        "scheduled": make_article(
            "Programmé", authors=[author], published_at=timezone.now() + timedelta(days=2)
        ),
        "live": make_article("En ligne", authors=[author]),
        "ai": make_article(
            "Généré", authors=[author], status=DRAFT, writing_method=WritingMethod.AI_GENERATED
        ),
        "sent_back": make_article(
            "Renvoyé", authors=[author], status=DRAFT, sent_back_at=timezone.now()
        ),
    }


def titles(client, query):
    response = client.get(f"{CHANGELIST}?{query}")
    assert response.status_code == 200
    return {article.title for article in response.context["cl"].result_list}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("mine=1", {"mine"}),
        ("desk=review", {"review"}),
        ("desk=scheduled", {"scheduled"}),
        ("desk=ai_unreviewed", {"ai"}),
        ("desk=sent_back", {"sent_back"}),
        ("desk=live", {"live"}),
        ("review=awaiting", {"ai"}),
    ],
)
def test_each_filter_lists_its_articles(client, editor, desk, query, expected):
    client.force_login(editor)

    assert titles(client, query) == {desk[key].title for key in expected}


def test_the_filters_are_offered(client, editor, desk):
    client.force_login(editor)

    html = client.get(CHANGELIST).content.decode()

    for query in ("?mine=1", "?desk=review", "?desk=scheduled", "?desk=ai_unreviewed"):
        assert query in html


def test_mine_is_an_authors_own_articles(client, author, desk):
    client.force_login(author)

    assert titles(client, "mine=1") == {
        desk[key].title for key in ("review", "scheduled", "live", "ai", "sent_back")
    }


def test_a_filter_value_nobody_offered_lists_everything(client, editor, desk):
    client.force_login(editor)

    assert len(titles(client, "desk=nimporte")) == len(desk)


def test_the_list_shows_the_columns_an_editor_reads(client, editor, desk):
    client.force_login(editor)

    html = client.get(CHANGELIST).content.decode()

    for column in (
        "featured_thumbnail", "title", "status_and_links", "tag_names", "author_names",
        "provenance_and_review", "published_at",
    ):
        assert f"column-{column}" in html
    assert f'href="{desk["mine"].get_preview_url()}"' in html


def grow(size, authors, make_image):
    for number in range(Article.objects.count(), size):
        article = make_article(
            f"Article {number}", authors=authors, tags=["Sciences", "Société"],
            featured_image=make_image() if number % 2 else None,
            writing_method=WritingMethod.AI_GENERATED if number % 2 else WritingMethod.HUMAN,
        )
        if number % 3 == 0:
            Article.objects.filter(pk=article.pk).update(
                review_done=True, reviewed_by=authors[0], reviewed_at=timezone.now()
            )


# Session, user, permissions (2); whether the person uses two-factor sign-in (1); the
# filters' choices of tags and authors (2); the count and the total count (2); the site
# settings' admin (1); the page of articles with their image and reviewer, then their
# authors, tags and images' renditions (3); the date hierarchy (2).
LIST_QUERIES = 16


@pytest.mark.parametrize("size", [5, 40])
def test_the_list_costs_a_fixed_number_of_queries(
    client, editor, author, site_make_image, django_assert_num_queries, size
):
    grow(size, [author, editor], site_make_image)
    client.force_login(editor)
    client.get(CHANGELIST)

    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(CHANGELIST)

    assert response.status_code == 200


@pytest.mark.parametrize("size", [5, 40])
def test_the_list_leaves_the_articles_texts_in_the_database(
    client, editor, author, site_make_image, django_assert_num_queries, size
):
    """Each row would otherwise carry its whole body (and search text) for a title."""
    grow(size, [author, editor], site_make_image)
    Article.objects.update(body="<p>" + "Un très long texte. " * 2000 + "</p>")
    client.force_login(editor)
    client.get(CHANGELIST)

    with django_assert_num_queries(LIST_QUERIES) as queries:
        response = client.get(CHANGELIST)

    assert response.status_code == 200
    assert f"Article {size - 1}" in response.content.decode()
    selects_of_articles = [
        query["sql"] for query in queries.captured_queries
        if query["sql"].startswith("SELECT") and 'FROM "articles_article"' in query["sql"]
    ]
    assert selects_of_articles
    for sql in selects_of_articles:
        for column in ("body", "search_text", "sent_back_note"):
            assert f'"articles_article"."{column}"' not in sql
