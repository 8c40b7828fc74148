"""Whatever a reader or a robot puts in a reader URL, the answer is a page, never a 500."""

import pytest

from articles.models import Article

pytestmark = pytest.mark.django_db

GARBAGE = [
    "",
    "abc",
    "-1",
    "0",
    "99999999999999999999",
    "1.5",
    "%00",
    "%C3%28",  # invalid UTF-8
    "<script>alert(1)</script>",
    "'; DROP TABLE articles_article; --",
    "x" * 5000,
    "%E2%80%AE%F0%9F%98%80",
]
PARAMETERS = ["page", "q", "tag", "provenance", "reply_to"]


@pytest.fixture
def pages(site_build):
    tags, authors = site_build(3)
    article, tag, author = Article.objects.published().first(), tags[0], authors[0]
    return [
        "/",
        article.get_absolute_url(),
        tag.get_absolute_url(),
        f"/auteurs/{author.profile.public_slug}/",
        "/search/",
        "/feeds/rss/",
        f"/tags/{tag.slug}/feed/atom/",
        f"/{article.published_at.year}/",
        "/sitemap.xml",
        "/en/",
    ]


@pytest.mark.parametrize("value", GARBAGE)
def test_garbage_in_query_parameters_never_breaks_a_page(client, pages, value):
    for path in pages:
        for parameter in PARAMETERS:
            response = client.get(f"{path}?{parameter}={value}")
            assert response.status_code in {200, 301, 302, 400, 404}, (path, parameter, value)


@pytest.mark.parametrize(
    "path",
    [
        "/articles/%00/",
        "/articles/" + "a" * 3000 + "/",
        "/tags/%C3%28/",
        "/auteurs/%00/",
        "/auteurs/" + "é" * 500 + "/",
        "/2026/13/",
        "/99999/",
        "/apercu/99999999999999999999999/",
        "/feeds/rss/%00",
        "/sitemap-nope.xml",
        "/commentaires/99999999999999999999/",
    ],
)
def test_garbage_in_the_path_is_a_not_found_page(client, path):
    assert client.get(path).status_code in {301, 400, 404, 405}


@pytest.mark.parametrize("url", ["/auteurs/%00/", "/tags/a%00b/", "/articles/%00/"])
def test_a_nul_character_in_the_path_is_a_bad_request_page(client, url):
    response = client.get(url)

    assert response.status_code == 400
    assert '<h1 class="page-title">Cette demande ne peut pas aboutir</h1>' in (
        response.content.decode()
    )


def test_nul_characters_in_query_parameters_are_dropped(client, pages, superuser_client):
    assert client.get("/search/?q=soci%00%C3%A9t%C3%A9&tag=mat%00eriel").context["query"] == (
        "société"
    )
    assert superuser_client.get("/admin/articles/article/?q=%00Article").status_code == 200


@pytest.mark.parametrize(
    "path",
    ["/0000/", "/0001/", "/0001/01/", "/0001/12/", "/9999/", "/9999/01/", "/9999/12/",
     "/2026/13/", "/2026/00/", "/en/0001/01/"],
)
def test_an_impossible_date_is_a_not_found_page(client, settings, site_build, path):
    site_build(1)
    settings.DEBUG = False
    client.raise_request_exception = False

    response = client.get(path)

    assert response.status_code == 404
    assert "error-page__code" in response.content.decode()
