"""The related articles an article page suggests: published articles sharing the most tags."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Tag
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def tags():
    return [Tag.objects.create(name=name) for name in ("Énergie", "Climat", "Réseau", "Sport")]


def titles(article, limit=None):
    return [related.title for related in article.related_articles(limit)]


def test_the_most_shared_tags_come_first_however_old(tags):
    energy, climate, grid, sport = tags
    article = make_article("Le réseau", tags=[energy, climate, grid])
    make_article("Un tag, récent", tags=[energy, sport], ago=timedelta(minutes=5))
    make_article("Trois tags, ancien", tags=[grid, climate, energy], ago=timedelta(days=300))
    make_article("Deux tags", tags=[climate, grid, sport], ago=timedelta(days=2))

    assert titles(article) == ["Trois tags, ancien", "Deux tags", "Un tag, récent"]


def test_equal_shares_go_most_recent_first_then_latest_created(tags):
    energy = tags[0]
    article = make_article("Le réseau", tags=[energy])
    published_at = timezone.now() - timedelta(hours=3)
    first = make_article("Même heure, créé d'abord", tags=[energy], published_at=published_at)
    second = make_article("Même heure, créé ensuite", tags=[energy], published_at=published_at)
    make_article("Plus récent", tags=[energy], ago=timedelta(hours=1))
    make_article("Plus ancien", tags=[energy], ago=timedelta(days=1))
    assert first.pk < second.pk

    assert titles(article, limit=4) == [
        "Plus récent",
        "Même heure, créé ensuite",
        "Même heure, créé d'abord",
        "Plus ancien",
    ]


def test_only_published_articles_other_than_itself_sharing_a_tag(tags):
    energy, climate, grid, sport = tags
    article = make_article("Le réseau", tags=[energy, climate])
    make_article("Brouillon", tags=[energy, climate], status=Article.Status.DRAFT)
    make_article("En relecture", tags=[energy, climate], status=Article.Status.REVIEW)
    tomorrow = timezone.now() + timedelta(days=1)
    make_article("Programmé", tags=[energy, climate], published_at=tomorrow)
    make_article("Autre sujet", tags=[grid, sport])
    make_article("Sans tag")
    make_article("Voisin", tags=[climate, sport])

    assert titles(article) == ["Voisin"]


def test_an_article_without_tags_has_none(tags):
    article = make_article("Sans tag")
    make_article("Tagué", tags=tags)

    assert titles(article) == []


def test_no_more_than_the_limit(tags, settings):
    settings.RELATED_ARTICLES_COUNT = 2
    article = make_article("Le réseau", tags=[tags[0]])
    for index in range(4):
        make_article(f"Voisin {index}", tags=[tags[0]], ago=timedelta(hours=index + 1))

    assert titles(article) == ["Voisin 0", "Voisin 1"]
    assert titles(article, limit=3) == ["Voisin 0", "Voisin 1", "Voisin 2"]


def test_cards_read_neither_the_body_nor_the_reviewer(tags, django_assert_num_queries):
    article = make_article("Le réseau", tags=[tags[0]])
    make_article("Voisin", tags=[tags[0]])

    with django_assert_num_queries(1):
        (related,) = article.related_articles()

    assert "body" in related.get_deferred_fields()
    assert not Article.reviewed_by.is_cached(related)
