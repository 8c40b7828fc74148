"""Reader pages cost a fixed number of queries, however many articles, tags, authors and
sources the site holds: no query per card, per tag or per author.

Each page is pinned to an exact count at two data sizes. When a change adds a query on
purpose, update the number here and say why in the commit.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Tag

pytestmark = pytest.mark.django_db

SIZES = [5, 50]

# page: (address builder, exact number of queries)
PAGES = {
    # nav tags, count, page of articles, their authors, their tags, their images' renditions
    "home": (lambda tags, authors: "/", 6),
    # nav tags, article, its sources, comments, related articles; then the authors, tags
    # and images' renditions of the article and its related articles together (a text that
    # shows pictures adds one query for them: see test_pictures_of_the_text_cost_one_query)
    "article": (lambda tags, authors: "/articles/article-numero-0/", 8),
    # the same as the home page, and the tag
    "tag": (lambda tags, authors: tags[0].get_absolute_url(), 7),
    # the same as the home page, and the author
    "author": (lambda tags, authors: f"/auteurs/{authors[0].profile.public_slug}/", 7),
    # nav tags (which the search form lists again), count, page of results, their authors,
    # the snippets' text (PostgreSQL: headlines; SQLite: the bodies, which results leave
    # out); results show neither tags nor pictures
    "search": (lambda tags, authors: "/search/?q=article", 5),
}


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("page", PAGES)
def test_page_costs_its_pinned_number_of_queries(
    client, site_build, django_assert_num_queries, page, size
):
    address, expected = PAGES[page]
    url = address(*site_build(size))
    # The first request warms caches that live for the whole process (content types, site).
    client.get(url)

    with django_assert_num_queries(expected):
        response = client.get(url)

    assert response.status_code == 200


@pytest.mark.parametrize("page", PAGES)
def test_page_costs_the_same_with_ten_times_more_content(client, site_build, page):
    address, _expected = PAGES[page]
    url = address(*site_build(SIZES[0]))
    client.get(url)
    small = queries_for(client, url)

    site_build(SIZES[1])
    large = queries_for(client, url)

    assert small == large


def test_missing_page_skips_the_topic_menu(client, site_build, django_assert_max_num_queries):
    site_build(SIZES[0])
    client.get("/nulle-part/")

    # Only the flat page lookup: missing pages are what crawlers and bots hit most.
    with django_assert_max_num_queries(1):
        response = client.get("/nulle-part/")

    assert response.status_code == 404


@pytest.mark.parametrize("page", PAGES)
def test_reader_pages_never_read_a_reviewers_password_hash_or_address(
    client, site_build, site_make_user, page
):
    address, _expected = PAGES[page]
    tags, authors = site_build(SIZES[0])
    reviewer = site_make_user("relectrice", "Rose", "Relectrice")
    Article.objects.update(reviewed_by=reviewer, reviewed_at=timezone.now())
    url = address(tags, authors)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    user_columns = [
        query["sql"] for query in captured.captured_queries
        if re.search(r'"(auth_user|T\d+)"\."(password|email)"', query["sql"])
    ]
    assert user_columns == []


def test_search_results_fetch_neither_the_tags_nor_the_pictures_they_do_not_show(
    client, site_build
):
    tags, _authors = site_build(SIZES[0])
    client.get("/search/?q=article")

    with CaptureQueriesContext(connection) as captured:
        response = client.get("/search/?q=article")

    assert len(response.context["articles"]) == SIZES[0]
    html = response.content.decode()
    assert "<img" not in html
    read = [query["sql"] for query in captured.captured_queries]
    assert [sql for sql in read if re.search(r'"articles_(image|rendition)"', sql)] == []
    # The menu's sections, which the search form lists again: no tag of the results.
    assert len([sql for sql in read if '"articles_tag"' in sql]) == 1
    for tag in tags:
        assert f'<option value="{tag.slug}">{tag.name}</option>' in html
        assert f'<a href="{tag.get_absolute_url()}">{tag.name}</a>' in html


def test_each_page_fetches_the_sections_of_the_moment(client, site_build):
    tags, _authors = site_build(SIZES[0])
    client.get("/search/?q=article")
    Tag.objects.filter(pk=tags[0].pk).update(name="Matériaux")

    html = client.get("/search/?q=article").content.decode()

    assert f'<option value="{tags[0].slug}">Matériaux</option>' in html
    assert f'<a href="{tags[0].get_absolute_url()}">Matériaux</a>' in html
