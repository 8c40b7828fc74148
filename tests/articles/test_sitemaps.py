"""sitemap.xml, the Google News sitemap and robots.txt, as crawlers read them."""

from datetime import datetime, timedelta
from xml.etree import ElementTree

import pytest
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site

from articles.models import Article

from .discovery import make_article, make_author, make_tag

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_base_url")]

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
NS = {"s": SITEMAP_NS, "news": NEWS_NS}


@pytest.fixture
def newsroom():
    camille = make_author()
    make_author("lurker", "Lurker", "Sansarticle")
    energie = make_tag("Énergie")
    make_tag("Vide")
    recent = make_article("Tout frais", authors=[camille], tags=[energie], ago=timedelta(hours=2))
    older = make_article("Plus ancien", authors=[camille], ago=timedelta(days=3))
    make_article("Brouillon", authors=[camille], tags=[make_tag("Brouillons")], status="draft")
    make_article("Programmé", authors=[camille], ago=timedelta(hours=-2))
    about = FlatPage.objects.create(url="/a-propos/", title="À propos", content="<p>Nous.</p>")
    about.sites.add(Site.objects.get_current())
    hidden = FlatPage.objects.create(
        url="/interne/", title="Interne", content="<p>…</p>", registration_required=True
    )
    hidden.sites.add(Site.objects.get_current())
    return {"recent": recent, "older": older}


def fetch_xml(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(response.content)  # noqa: S314 - the site's own XML


def locations(root):
    return [loc.text for loc in root.findall("s:url/s:loc", NS)]


def test_the_index_lists_the_four_sections_in_the_sitemap_namespace(client, newsroom):
    root = fetch_xml(client, "/sitemap.xml")

    assert root.tag == f"{{{SITEMAP_NS}}}sitemapindex"
    assert [loc.text for loc in root.findall("s:sitemap/s:loc", NS)] == [
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-tags.xml",
        "http://testserver/sitemap-authors.xml",
        "http://testserver/sitemap-pages.xml",
    ]
    # The articles section says when a published article last changed.
    lastmod = datetime.fromisoformat(root.find("s:sitemap/s:lastmod", NS).text)
    assert lastmod == max(newsroom["recent"].updated_at, newsroom["older"].updated_at)


def test_the_articles_section_lists_exactly_the_published_articles(client, newsroom):
    root = fetch_xml(client, "/sitemap-articles.xml")

    assert root.tag == f"{{{SITEMAP_NS}}}urlset"
    assert locations(root) == [
        f"http://testserver{newsroom['recent'].get_absolute_url()}",
        f"http://testserver{newsroom['older'].get_absolute_url()}",
    ]
    assert len(root.findall("s:url/s:lastmod", NS)) == 2


def test_the_other_sections_list_what_has_published_articles(client, newsroom):
    assert locations(fetch_xml(client, "/sitemap-tags.xml")) == ["http://testserver/tags/energie/"]
    assert locations(fetch_xml(client, "/sitemap-authors.xml")) == [
        "http://testserver/auteurs/camille-lefevre/"
    ]
    pages = locations(fetch_xml(client, "/sitemap-pages.xml"))
    assert pages[0] == "http://testserver/"
    assert "http://testserver/a-propos/" in pages
    assert "http://testserver/interne/" not in pages  # for logged-in readers only


def test_sitemaps_list_french_addresses_whatever_the_browser_language(client, newsroom):
    client.cookies["django_language"] = "en"
    root = fetch_xml(client, "/sitemap-tags.xml", HTTP_ACCEPT_LANGUAGE="en")
    assert locations(root) == ["http://testserver/tags/energie/"]


def test_an_unknown_section_is_a_404(client):
    assert client.get("/sitemap-inconnu.xml").status_code == 404


def test_the_news_sitemap_lists_the_articles_of_the_last_48_hours(client, newsroom):
    root = fetch_xml(client, "/news-sitemap.xml")

    assert root.tag == f"{{{SITEMAP_NS}}}urlset"
    assert locations(root) == [f"http://testserver{newsroom['recent'].get_absolute_url()}"]
    news = root.find("s:url/news:news", NS)
    assert news.find("news:publication/news:name", NS).text == "Newsroom"
    assert news.find("news:publication/news:language", NS).text == "fr"
    assert news.find("news:title", NS).text == "Tout frais"
    published = news.find("news:publication_date", NS).text
    assert published.startswith(newsroom["recent"].published_at.astimezone().strftime("%Y-"))
    assert "T" in published and published[-6] in "+-"


def test_the_news_sitemap_escapes_titles(client):
    make_article("Orange & Bouygues <fusion>", authors=[make_author()])
    root = fetch_xml(client, "/news-sitemap.xml")
    assert root.find("s:url/news:news/news:title", NS).text == "Orange & Bouygues <fusion>"


def test_sitemaps_are_not_indexed_themselves(client, newsroom):
    assert client.get("/sitemap.xml")["X-Robots-Tag"].startswith("noindex")


def test_robots_txt_points_to_the_sitemaps_and_keeps_crawlers_out(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    for path in ["/admin/", "/search/", "/en/search/", "/apercu/", "/en/apercu/"]:
        assert f"Disallow: {path}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/news-sitemap.xml" in lines


def test_drafts_never_reach_a_sitemap(client, newsroom):
    Article.objects.update(status=Article.Status.DRAFT)
    assert locations(fetch_xml(client, "/sitemap-articles.xml")) == []
    assert locations(fetch_xml(client, "/news-sitemap.xml")) == []
    assert locations(fetch_xml(client, "/sitemap-tags.xml")) == []
