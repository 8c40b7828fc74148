"""``fetch_card_relations()``: each card's authors and tags, in their order, in one query each
for any number of cards, as Django's own relations give them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from articles.models.article import fetch_card_relations
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db


def tagged(article, *names):
    # One at a time: the order they are given is the order they are shown.
    for name in names:
        article.tags.add(name)
    return article


def test_each_card_gets_its_own_authors_and_tags_in_their_order():
    alice = make_user("alice", first_name="Alice", last_name="Aubert")
    bruno = make_user("bruno", first_name="Bruno", last_name="Blanc")
    tagged(make_article("Premier", authors=[bruno, alice]), "Climat", "Énergie")
    tagged(make_article("Second", authors=[alice]), "Énergie", "Société", "Climat")
    make_article("Sans rien")
    cards = list(Article.objects.for_cards().order_by("pk"))

    with CaptureQueriesContext(connection) as fetching:
        fetch_card_relations(cards)
    with CaptureQueriesContext(connection) as reading:
        authors = {
            card.title: [(author.username, author.profile.public_slug)
                         for author in card.ordered_authors]
            for card in cards
        }
        tags = {card.title: [(tag.name, tag.slug) for tag in card.tags.all()] for card in cards}

    assert len(fetching) == 2  # the authors, the tags (no image: no renditions to fetch)
    assert len(reading) == 0
    assert [name for name, _slug in authors["Premier"]] == ["bruno", "alice"]
    assert [name for name, _slug in authors["Second"]] == ["alice"]
    assert [name for name, _slug in tags["Second"]] == ["Énergie", "Société", "Climat"]
    assert authors["Sans rien"] == tags["Sans rien"] == []
    for card in cards:
        stored = Article.objects.get(pk=card.pk)
        assert list(card.ordered_authors) == list(stored.authors.order_by(
            "authorships__position", "authorships__pk"
        ))
        assert list(card.tags.all()) == list(stored.tags.all())


def test_cards_read_only_the_byline_of_their_authors():
    author = make_user("alice", first_name="Alice", last_name="Aubert")
    card = make_article("Premier", authors=[author])

    fetch_card_relations([card])

    (fetched,) = card.ordered_authors
    assert {"password", "email"} <= fetched.get_deferred_fields()
    assert fetched.card_article_id == card.pk
