"""The benchmark's content (bench/seed.py): the counts asked for, written in bulk, and
articles that the site shows and finds as if they had been saved one by one."""

import pytest
from django.db import connection
from django.test import Client

from articles.models import Article, TaggedArticle
from bench import seed
from comments.models import Comment, body_fingerprint

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    showcase = seed.showcase()
    added = seed.bulk(article_count=30, comment_count=300, image_count=2, batch_size=7)
    return showcase, added


def test_it_adds_the_articles_and_comments_asked_for(seeded):
    showcase, added = seeded
    assert added == (30, 300)
    assert Article.objects.published().count() == 31
    assert Comment.objects.approved().count() == 310
    assert showcase.comments.count() == 10
    assert showcase.tags.count() == 4
    assert TaggedArticle.objects.count() == 4 + 30 * 3
    # What save() would have computed, computed anyway: each duplicate check finds it.
    comment = Comment.objects.exclude(article=showcase).first()
    assert comment.body_hash == body_fingerprint(comment.body)


def test_the_showcase_is_made_once(seeded):
    showcase, _added = seeded
    assert seed.showcase().pk == showcase.pk
    assert Article.objects.filter(slug=seed.SHOWCASE_SLUG).count() == 1


def test_the_site_shows_and_finds_the_bulk_articles(seeded):
    article = Article.objects.get(slug="article-30")
    assert Client().get(article.get_absolute_url()).status_code == 200
    word = article.title.split()[0].lower()
    assert article.title in Client().get("/search/", {"q": word}).content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's visibility map")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_bulk_content_is_vacuumed_as_autovacuum_would(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    seed.bulk(article_count=5, comment_count=5, image_count=1)

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relallvisible FROM pg_class WHERE relname = 'articles_taggedarticle'"
        )
        (all_visible_pages,) = cursor.fetchone()

    assert all_visible_pages > 0
