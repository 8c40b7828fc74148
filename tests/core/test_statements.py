"""A query compiled once runs again with new values and gives what Django's queryset gives."""

from datetime import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import Count, Prefetch
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Source
from core.statements import CompiledQuery
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db


def by_slug(slug):
    return (
        Article.objects.published()
        .filter(slug=slug)
        .defer("body")
        .select_related("featured_image")
        .annotate(source_count=Count("sources"))
        .prefetch_related(Prefetch("sources", queryset=Source.objects.order_by("order")))
    )


def test_the_same_rows_as_the_queryset_for_each_value():
    first = make_article("Premier", sources=["AFP", "Reuters"])
    second = make_article("Second", sources=["Le Monde"])
    make_article("Brouillon", status=Article.Status.DRAFT)
    compiled = CompiledQuery(Article, by_slug, slug=str)

    for article in (first, second):
        (found,) = compiled(slug=article.slug)
        (expected,) = by_slug(article.slug)
        assert (found.pk, found.title, found.source_count) == (
            expected.pk, expected.title, expected.source_count,
        )
        assert found.get_deferred_fields() == {"body"}
        assert [source.name for source in found.sources.all()] == [
            source.name for source in expected.sources.all()
        ]
    assert compiled(slug="brouillon") == []
    assert compiled(slug="nowhere") == []


def test_compiled_once_then_run_with_each_value(monkeypatch):
    articles = [make_article(f"Article {n}") for n in range(3)]
    compiled = CompiledQuery(Article, lambda pk: Article.objects.filter(pk=pk), pk=int)
    compiled(pk=articles[0].pk)

    def compile_again(self, *args, **kwargs):
        raise AssertionError("compiled again")

    monkeypatch.setattr(SQLCompiler, "as_sql", compile_again)
    with CaptureQueriesContext(connection) as queries:
        found = [compiled(pk=article.pk)[0].title for article in articles]
    assert found == ["Article 0", "Article 1", "Article 2"]
    assert len(queries) == 3


def test_the_converters_of_the_columns_asked_once_per_connection(monkeypatch):
    articles = [make_article(f"Article {n}") for n in range(3)]
    compiled = CompiledQuery(Article, lambda pk: Article.objects.filter(pk=pk), pk=int)
    asked = []
    get_converters = SQLCompiler.get_converters

    def counted(self, expressions):
        asked.append(self.connection)
        return get_converters(self, expressions)

    monkeypatch.setattr(SQLCompiler, "get_converters", counted)
    found = [compiled(pk=article.pk)[0] for article in articles]

    assert asked == [connection]
    # Still converted on every run (SQLite's dates are text until converted).
    assert [article.published_at for article in found] == [
        article.published_at for article in articles
    ]
    assert all(isinstance(article.published_at, datetime) for article in found)


def test_a_list_of_ids_compiled_for_each_length():
    articles = [make_article(f"Article {n}") for n in range(4)]
    compiled = CompiledQuery(
        Article, lambda ids: Article.objects.filter(pk__in=ids).order_by("pk"), ids=[int]
    )
    ids = [article.pk for article in articles]
    assert [a.pk for a in compiled(ids=ids[:2])] == ids[:2]
    assert [a.pk for a in compiled(ids=ids[2:])] == ids[2:]
    assert [a.pk for a in compiled(ids=ids[1:])] == ids[1:]
    assert [a.pk for a in compiled(ids=ids[:1])] == ids[:1]
    with CaptureQueriesContext(connection) as queries:
        assert compiled(ids=[]) == []
    assert len(queries) == 0


def test_a_value_of_another_type_is_refused():
    compiled = CompiledQuery(Article, lambda pk: Article.objects.filter(pk=pk), pk=int)
    for value in (None, "3", 3.0, True):
        with pytest.raises(TypeError, match="pk"):
            compiled(pk=value)
    compiled = CompiledQuery(Article, lambda ids: Article.objects.filter(pk__in=ids), ids=[int])
    with pytest.raises(TypeError, match="ids"):
        compiled(ids=[1, None])


def test_the_variants_kept_are_bounded(monkeypatch):
    monkeypatch.setattr("core.statements.MAX_VARIANTS", 3)
    articles = [make_article(f"Article {n}") for n in range(5)]
    ids = [article.pk for article in articles]
    compiled = CompiledQuery(Article, lambda ids: Article.objects.filter(pk__in=ids), ids=[int])
    for length in range(1, 6):
        assert len(compiled(ids=ids[:length])) == length
    assert len(compiled._compiled) == 3


def test_other_arguments_key_the_compiled_query():
    for n in range(5):
        make_article(f"Article {n}")
    compiled = CompiledQuery(
        Article, lambda status, limit: Article.objects.filter(status=status)[:limit], status=str
    )
    assert len(compiled(status=Article.Status.PUBLISHED, limit=2)) == 2
    assert len(compiled(status=Article.Status.PUBLISHED, limit=4)) == 4
    assert len(compiled(status=Article.Status.DRAFT, limit=4)) == 0


def test_a_value_rewritten_before_the_sql_is_refused():
    compiled = CompiledQuery(
        Article, lambda title: Article.objects.filter(title__icontains=title), title=str
    )
    with pytest.raises(ImproperlyConfigured, match="title"):
        compiled(title="puces")


def test_only_model_instances_of_the_model_named():
    with pytest.raises(ImproperlyConfigured):
        CompiledQuery(Article, lambda pk: Article.objects.filter(pk=pk).values("title"), pk=int)(
            pk=1
        )
    with pytest.raises(ImproperlyConfigured):
        CompiledQuery(Source, lambda pk: Article.objects.filter(pk=pk), pk=int)(pk=1)
    with pytest.raises(ImproperlyConfigured):
        CompiledQuery(Article, lambda pk: Article.objects.filter(pk=pk), pk=float)


def test_a_changed_setting_compiles_again(settings):
    for n in range(3):
        make_article(f"Article {n}")
    compiled = CompiledQuery(
        Article, lambda: Article.objects.all()[: settings.RELATED_ARTICLES_COUNT]
    )
    settings.RELATED_ARTICLES_COUNT = 1
    assert len(compiled()) == 1
    settings.RELATED_ARTICLES_COUNT = 2
    assert len(compiled()) == 2


def test_the_article_page_runs_its_compiled_queries(client):
    author = make_user("marie", first_name="Marie", last_name="Curie")
    article = make_article("Les puces de demain", authors=[author], tags=["Hardware"])
    make_article("Autres puces", tags=["Hardware"])
    for _ in range(2):
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        assert "Autres puces" in response.content.decode()
    article.status = Article.Status.DRAFT
    article.save()
    assert client.get(article.get_absolute_url()).status_code == 404
