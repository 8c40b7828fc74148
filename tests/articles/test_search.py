"""Search: French words found whatever their accents, case or number; only published articles;
any query answered with a page; the same queries on PostgreSQL and SQLite."""

import re
from datetime import timedelta

import pytest
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.contrib.sites.models import Site
from django.db import connection
from django.db.models import F

from articles.models import Article, WritingMethod
from articles.search import (
    SEARCH_CONFIG,
    SEARCH_INDEX_NAME,
    clean_query,
    python_snippet,
    query_words,
)
from core.models import SiteSettings

from .discovery import grow, make_article, make_author, make_tag

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL full-text search"
)
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite fallback")


def found(query, queryset=None):
    queryset = Article.objects.published() if queryset is None else queryset
    return [article.title for article in queryset.search(query)]


@pytest.fixture
def author():
    return make_author()


@pytest.fixture
def societe(author):
    """Three articles that speak of society, spelt three ways, and one that does not."""
    make_article(
        "Le numérique et la societe",
        body="<p>Un texte sans accents.</p>",
        authors=[author],
        ago=timedelta(hours=3),
    )
    make_article(
        "Les réseaux",
        standfirst="Ce que les plateformes font aux sociétés.",
        authors=[author],
        ago=timedelta(hours=2),
    )
    make_article(
        "Une enquête",
        body="<p>La <strong>Société</strong> générale des eaux répond.</p>",
        authors=[author],
        ago=timedelta(hours=1),
    )
    make_article("Le vent", body="<p>Éoliennes et réseau électrique.</p>", authors=[author])


# The same promises on both databases


@pytest.mark.parametrize("query", ["société", "SOCIÉTÉ", "societe", "sociétés", "Societes"])
def test_accents_case_and_plural_do_not_matter(societe, query):
    assert sorted(found(query)) == ["Le numérique et la societe", "Les réseaux", "Une enquête"]


def test_a_title_match_ranks_first(author):
    make_article(
        "Une histoire",
        body="<p>Les batteries, les batteries, toujours les batteries.</p>",
        authors=[author],
        ago=timedelta(hours=1),
    )
    make_article("Un mot", standfirst="Les batteries au sodium.", authors=[author])
    make_article(
        "Les batteries au sodium",
        body="<p>Rien d’autre.</p>",
        authors=[author],
        ago=timedelta(days=30),
    )

    assert found("batterie") == ["Les batteries au sodium", "Un mot", "Une histoire"]


def test_every_word_must_match(societe):
    assert found("société plateformes") == ["Les réseaux"]


@pytest.mark.parametrize(
    "status", [Article.Status.DRAFT, Article.Status.REVIEW, Article.Status.PUBLISHED]
)
def test_unpublished_articles_are_never_found(client, author, status):
    make_article(
        "Photovoltaïque secret",
        status=status,
        # Published status with a future date: scheduled, not yet visible.
        published_at=None if status != Article.Status.PUBLISHED else None,
        ago=timedelta(hours=-2),
        authors=[author],
    )

    assert found("photovoltaïque") == []
    response = client.get("/search/", {"q": "photovoltaïque"})
    assert response.status_code == 200
    assert list(response.context["articles"]) == []


def test_an_edited_article_is_found_by_its_new_words(author):
    article = make_article("Avant", authors=[author])
    assert found("hydrogène") == []

    article.title = "L’hydrogène vert"
    article.save()

    assert found("hydrogene") == ["L’hydrogène vert"]
    article.body = "<p>Plus rien.</p>"
    article.save(update_fields=["body"])
    assert found("hydrogene") == ["L’hydrogène vert"]


def test_html_of_the_body_is_not_searched(author):
    body = '<p><a href="https://x.example/strong">ici</a></p>'
    make_article("Un lien", body=body, authors=[author])
    assert found("strong") == []
    assert found("href") == []


# The search page


def test_the_page_shows_ranked_results_with_highlighted_snippets(client, societe):
    response = client.get("/search/", {"q": "Sociétés"})

    assert response.status_code == 200
    articles = response.context["articles"]
    assert len(articles) == 3
    assert response.context["paginator"].count == 3
    snippets = {article.title: article.snippet for article in articles}
    assert "<mark>Société</mark>" in snippets["Une enquête"]
    assert "<mark>sociétés</mark>" in snippets["Les réseaux"]
    html = response.content.decode()
    assert "<mark>Société</mark>" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html


def test_snippets_are_escaped(client, author):
    make_article(
        "Échappement",
        standfirst="Le code <script>alert(1)</script> & la société.",
        authors=[author],
    )
    html = client.get("/search/", {"q": "société"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "alert(1)" in html


def test_results_are_paginated(client, author, settings):
    settings.SEARCH_RESULTS_PER_PAGE = 2
    for index in range(5):
        make_article(f"Énergie {index}", authors=[author], ago=timedelta(hours=index + 1))

    first = client.get("/search/", {"q": "energie"})
    third = client.get("/search/", {"q": "energie", "page": 3})
    beyond = client.get("/search/", {"q": "energie", "page": 99})

    assert [a.title for a in first.context["articles"]] == ["Énergie 0", "Énergie 1"]
    assert [a.title for a in third.context["articles"]] == ["Énergie 4"]
    assert beyond.status_code == 200
    assert [a.title for a in beyond.context["articles"]] == ["Énergie 4"]
    assert "q=energie&amp;page=2" in first.content.decode()


def test_results_can_be_narrowed_to_a_tag(client, author):
    energie = make_tag("Énergie")
    make_article("Le solaire et la société", authors=[author], tags=[energie])
    make_article("La société du vent", authors=[author])

    response = client.get("/search/", {"q": "société", "tag": "energie"})

    assert [a.title for a in response.context["articles"]] == ["Le solaire et la société"]
    assert response.context["tag"] == energie
    # An unknown tag is ignored rather than an error.
    response = client.get("/search/", {"q": "société", "tag": "n-existe-pas"})
    assert len(response.context["articles"]) == 2


def test_results_show_their_bylines(client):
    ines, tom = make_author("ines", "Inès", "Garnier"), make_author("tom", "Tom", "Weber")
    article = make_article(
        "La société du vent", authors=[tom, ines], writing_method=WritingMethod.AI_ASSISTED
    )
    make_article("La société du soleil", authors=[ines])

    html = client.get("/search/", {"q": "société"}).content.decode()

    assert re.search(r">Tom Weber</a> et <a [^>]*>Inès Garnier</a>", html)
    assert re.search(r"Par <a [^>]*>Inès Garnier</a></span>", html)
    assert html.count(f'<span class="ai-label">{article.short_ai_label}</span>') == 1


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "?!…«»—",
        "x" * 10_000,
        "société " * 2_000,
        '"unterminated -- OR AND & | ! ( ) : * \\',
        "nul\x00byte",
        "'; DROP TABLE articles_article; --",
        "le la les de",
    ],
)
def test_any_query_gets_a_friendly_page(client, societe, query):
    response = client.get("/search/", {"q": query})

    assert response.status_code == 200
    assert len(response.context["query"]) <= 200
    assert Article.objects.count() == 4


def test_a_query_without_words_says_so(client):
    response = client.get("/search/", {"q": "?!"})
    assert response.context["searched"] is False
    assert "punctuation" in response.content.decode() or "ponctuation" in response.content.decode()


def test_the_search_page_costs_the_same_queries_at_two_sizes(client, django_assert_num_queries):
    authors = [make_author("ines", "Inès", "Garnier"), make_author("tom", "Tom", "Weber")]
    tags = [make_tag("Société"), make_tag("Énergie")]
    Site.objects.clear_cache()
    SiteSettings.current()  # cached from the first page on, like the Site
    # Count, results, their authors, the snippets' text (PostgreSQL: headlines; SQLite: the
    # bodies, which results leave out), the topic menu (which the search form lists
    # again). Results show neither tags nor pictures: none fetched.
    expected = 5

    grow(3, authors=authors, tags=tags)
    with django_assert_num_queries(expected):
        response = client.get("/search/", {"q": "article numéro"})
    assert len(response.context["articles"]) == 3

    grow(30, authors=authors, tags=tags)
    with django_assert_num_queries(expected):
        response = client.get("/search/", {"q": "article numéro", "page": 2})
    assert len(response.context["articles"]) == 10


# PostgreSQL: French stemming, ranking and the index


@on_postgresql
def test_postgresql_stems_french_words(author):
    make_article("Les plateformes numériques", authors=[author])
    assert found("plateforme numérique") == ["Les plateformes numériques"]
    assert found("numeriques") == ["Les plateformes numériques"]


@on_postgresql
def test_postgresql_understands_web_search_syntax(societe):
    assert found('"société générale"') == ["Une enquête"]
    assert sorted(found("société -plateformes")) == ["Le numérique et la societe", "Une enquête"]


@on_postgresql
def test_postgresql_search_uses_the_gin_index(societe):
    # A handful of rows would be read sequentially: make the planner show its index choice.
    # (With so few rows, the status and date filters of published() have their own indexes
    # win; the text match is what the GIN index serves.)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = Article.objects.search("société").explain()

    assert f"Bitmap Index Scan on {SEARCH_INDEX_NAME}" in plan
    assert "search_vector @@" in plan


@on_postgresql
def test_postgresql_ranks_as_ts_rank_with_the_query_parsed_once(author):
    for number, body in enumerate(["batteries", "batteries " * 3, "sodium batteries", "rien"]):
        make_article(f"Article {number}", body=f"<p>{body}</p>", authors=[author])
    query = SearchQuery("batteries -sodium", search_type="websearch", config=SEARCH_CONFIG)
    ranked = Article.objects.annotate(rank=SearchRank(F("search_vector"), query)).filter(
        search_vector=query
    )

    results = Article.objects.search("batteries -sodium")

    assert [(a.title, a.rank) for a in results] == [
        (a.title, a.rank) for a in ranked.order_by("-rank", "-published_at", "-pk")
    ]
    # A subquery of its own, evaluated once: not for every match, even in a generic plan.
    assert "InitPlan" in results.explain()


@on_postgresql
def test_postgresql_keeps_the_vector_current(author):
    article = make_article("Le charbon", authors=[author])
    assert Article.objects.filter(pk=article.pk, search_vector="charbon").exists()
    Article.objects.filter(pk=article.pk)  # no stale vector after a title change:
    article.title = "Le gaz"
    article.save(update_fields=["title"])
    assert not Article.objects.filter(pk=article.pk, search_vector="charbon").exists()


# SQLite: the normalised column


@on_sqlite
def test_sqlite_stores_normalised_text(author):
    article = make_article(
        "L’Œuvre ÉNERGÉTIQUE",
        standfirst="Cœur",
        body="<p>Pâté&nbsp;<em>Noël</em></p>",
        authors=[author],
    )
    assert article.search_text == " l oeuvre energetique coeur pate noel "


@on_sqlite
def test_sqlite_matches_word_beginnings_only(author):
    make_article("La photosynthèse", authors=[author])
    assert found("photo") == ["La photosynthèse"]
    assert found("synthese") == []


# The pieces


def test_queries_are_cleaned_and_capped():
    assert clean_query("  a\x00b\n\tc  ") == "ab c"
    assert len(clean_query("é" * 10_000)) == 200


def test_query_words_are_normalised_and_stemmed():
    assert query_words("Les Sociétés de l’ÉNERGIE, société") == ["societe", "energie"]


def test_python_snippets_mark_matches_around_the_first_one():
    text = " ".join(f"mot{index}" for index in range(100)) + " Sociétés & <b> fin"
    snippet = python_snippet(text, ["societe"])
    assert snippet.startswith("… ")
    assert "<mark>Sociétés</mark> &amp; &lt;b&gt; fin" in snippet
