"""The indexes that ranking related articles reads instead of the tables."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def indexes(table):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return {
        name: constraint["columns"]
        for name, constraint in constraints.items()
        if constraint["index"] and not constraint["primary_key"]
    }


def test_tagged_articles_are_indexed_by_tag_then_article_and_not_by_tag_alone():
    tagged = indexes("articles_taggedarticle")

    assert tagged["tagged_article_by_tag_idx"] == ["tag_id", "content_object_id"]
    assert ["tag_id"] not in tagged.values()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="only PostgreSQL covers columns")
def test_the_listing_index_covers_the_ids_of_the_articles():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'article_listing_idx'")
        (definition,) = cursor.fetchone()

    assert "(status, published_at DESC) INCLUDE (id)" in definition
