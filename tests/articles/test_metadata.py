"""What pages tell search engines and social networks: canonical, Open Graph, JSON-LD."""

import json
from datetime import timedelta
from html.parser import HTMLParser

import feedparser
import pytest
from django.contrib.auth.models import Group
from django.utils import timezone, translation

from articles.images.renditions import build_renditions
from articles.models import Article
from core.models import SiteSettings
from core.roles import EDITORS

from .discovery import make_article, make_author, make_image, make_tag, png_upload

pytestmark = pytest.mark.django_db


class HeadParser(HTMLParser):
    """The <meta>, <link> and JSON-LD of a page."""

    def __init__(self):
        super().__init__()
        self.meta, self.links, self.json_ld, self.scripts = {}, [], [], []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            key = attrs.get("property") or attrs.get("name")
            self.meta.setdefault(key, []).append(attrs.get("content"))
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script":
            self.scripts.append(attrs)
            self._in_json_ld = attrs.get("type") == "application/ld+json"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(json.loads(data))


def head(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


def one(parser, key):
    values = parser.meta.get(key, [])
    assert len(values) == 1, (key, values)
    return values[0]


def links(parser, rel):
    return [link for link in parser.links if link.get("rel") == rel]


@pytest.fixture
def article():
    camille = make_author()
    noor = make_author("noor", "Noor", "Haddad")
    return make_article(
        "Les éoliennes </script><b>et le réseau",
        standfirst="Pourquoi le vent ne suffit pas, et ce que « stocker » veut dire.",
        body="<p>Le réseau électrique.</p>",
        authors=[camille, noor],
        tags=[make_tag("Énergie"), make_tag("Société")],
        sources=[("RTE, bilan 2025", "https://rte.example/bilan"), "Entretien avec l’auteur"],
        featured_image=make_image(),
        ago=timedelta(days=2),
    )


def test_an_article_has_canonical_description_and_sharing_tags(client, article):
    page = head(client, article.get_absolute_url())
    url = f"http://testserver{article.get_absolute_url()}"
    image_url = f"http://testserver{article.featured_image.file.url}"

    assert [link["href"] for link in links(page, "canonical")] == [url]
    assert one(page, "description") == article.standfirst
    assert "robots" not in page.meta
    assert one(page, "og:type") == "article"
    assert one(page, "og:title") == article.title
    assert one(page, "og:description") == article.standfirst
    assert one(page, "og:url") == url
    assert one(page, "og:site_name") == "Newsroom"
    assert one(page, "og:locale") == "fr_FR"
    assert one(page, "og:image") == image_url
    assert one(page, "og:image:alt") == article.featured_image.alt_text
    assert one(page, "og:image:width") == "120"
    assert one(page, "twitter:card") == "summary_large_image"
    assert one(page, "twitter:image") == image_url
    assert one(page, "twitter:image:alt") == article.featured_image.alt_text
    assert one(page, "article:published_time") == timezone.localtime(
        article.published_at
    ).isoformat(timespec="seconds")
    assert one(page, "article:modified_time")
    assert sorted(page.meta["article:tag"]) == ["Société", "Énergie"]
    assert page.meta["article:author"] == [
        "http://testserver/auteurs/camille-lefevre/",
        "http://testserver/auteurs/noor-haddad/",
    ]


def test_an_article_has_a_news_article_in_json_ld(client, article):
    page = head(client, article.get_absolute_url())
    url = f"http://testserver{article.get_absolute_url()}"

    assert len(page.json_ld) == 1
    data = page.json_ld[0]
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Les éoliennes </script><b>et le réseau"
    assert data["description"] == article.standfirst
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["datePublished"] == timezone.localtime(article.published_at).isoformat(
        timespec="seconds"
    )
    assert data["dateModified"]
    assert data["author"] == [
        {"@type": "Person", "name": "Camille Lefèvre", "url": "http://testserver/auteurs/camille-lefevre/"},
        {"@type": "Person", "name": "Noor Haddad", "url": "http://testserver/auteurs/noor-haddad/"},
    ]
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["name"] == "Newsroom"
    assert data["publisher"]["logo"] == {
        "@type": "ImageObject",
        "url": "http://testserver/static/img/logo.png",
        "width": 600,
        "height": 60,
    }
    assert sorted(data["keywords"]) == ["Société", "Énergie"]
    assert data["citation"] == [
        {"@type": "CreativeWork", "name": "RTE, bilan 2025", "url": "https://rte.example/bilan"},
        {"@type": "CreativeWork", "name": "Entretien avec l’auteur"},
    ]
    image = data["image"]
    assert image["@type"] == "ImageObject"
    assert image["url"] == f"http://testserver{article.featured_image.file.url}"
    assert (image["width"], image["height"]) == (120, 80)
    assert image["caption"] == "Le parc éolien de Beauce, en mai"
    assert image["creditText"] == "Jeanne Roux / Agence Plein Champ"
    assert image["creator"] == {"@type": "Person", "name": "Jeanne Roux"}
    assert image["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert image["copyrightNotice"] == "Jeanne Roux / Agence Plein Champ"
    assert image["acquireLicensePage"] == "https://photos.example.com/eoliennes"


def test_json_ld_cannot_close_its_script_element(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    script = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in script
    assert "\\u003C/script\\u003E" in script


def test_json_ld_escapes_every_character_that_could_end_its_script_element():
    from articles.templatetags.seo import json_ld

    assert json_ld({"name": "</script> & <!-- > é"}) == (
        '<script type="application/ld+json">'
        '{"name": "\\u003C/script\\u003E \\u0026 \\u003C!-- \\u003E é"}</script>'
    )


def test_the_only_script_elements_are_json_ld_data_and_the_comment_forms_file(client, article):
    page = head(client, article.get_absolute_url())
    # The comment form's optional script (a token of the reader's own) is a file of the site.
    assert page.scripts == [
        {"type": "application/ld+json"},
        {"src": "/static/comments/form.js", "defer": None},
    ]


def test_an_article_without_image_has_a_summary_card(client):
    article = make_article("Sans image", authors=[make_author()])
    page = head(client, article.get_absolute_url())

    assert one(page, "twitter:card") == "summary"
    assert "og:image" not in page.meta
    assert "image" not in page.json_ld[0]


def test_a_preview_says_noindex_and_claims_no_address(client, article):
    editor = make_author("redaction", "Rita", "Chef")
    editor.is_staff = True
    editor.save()
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    draft = make_article("Brouillon", status=Article.Status.DRAFT, authors=[editor])

    page = head(client, draft.get_preview_url())

    assert one(page, "robots") == "noindex, nofollow"
    assert links(page, "canonical") == []
    assert "og:url" not in page.meta


def test_a_tag_archive_describes_the_tag_and_advertises_its_feeds(client, article):
    tag = article.tags.get(name="Énergie")
    tag.description = "Produire, stocker et économiser l’énergie."
    tag.save()

    page = head(client, tag.get_absolute_url())

    assert one(page, "description") == tag.description
    assert one(page, "og:title") == "Énergie"
    feeds = [
        (link["type"], link["href"]) for link in links(page, "alternate") if "type" in link
    ]
    assert feeds == [
        ("application/rss+xml", "http://testserver/tags/energie/feed/rss/"),
        ("application/atom+xml", "http://testserver/tags/energie/feed/atom/"),
        ("application/rss+xml", "http://testserver/feeds/rss/"),
        ("application/atom+xml", "http://testserver/feeds/atom/"),
    ]


def test_an_author_archive_advertises_the_author_s_feeds(client, article):
    page = head(client, "/auteurs/noor-haddad/")

    assert one(page, "description") == "Les articles de Noor Haddad."
    hrefs = [link["href"] for link in links(page, "alternate") if "type" in link]
    assert "http://testserver/auteurs/noor-haddad/feed/rss/" in hrefs
    assert "http://testserver/auteurs/noor-haddad/feed/atom/" in hrefs


def test_paginated_pages_have_their_own_canonical_address(client, settings):
    author = make_author()
    for index in range(settings.ARTICLES_PER_PAGE + 1):
        make_article(f"Article {index}", authors=[author], ago=timedelta(hours=index + 1))

    first = head(client, "/?utm_source=newsletter")
    second = head(client, "/?page=2&utm_source=newsletter")

    assert [link["href"] for link in links(first, "canonical")] == ["http://testserver/"]
    assert [link["href"] for link in links(second, "canonical")] == ["http://testserver/?page=2"]
    with translation.override("fr"):
        assert one(first, "description") == str(settings.NEWSROOM_SITE_DESCRIPTION)


def test_english_pages_use_their_own_locale(client, article):
    page = head(client, f"/en{article.get_absolute_url()}")

    assert one(page, "og:locale") == "en_GB"
    assert page.meta["og:locale:alternate"] == ["fr_FR"]


def test_a_404_claims_no_canonical_address(client):
    page = head(client, "/articles/nulle-part/", status=404)
    assert links(page, "canonical") == []
    assert one(page, "robots") == "noindex"


def test_the_article_date_links_to_its_month_archive(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    published = timezone.localtime(article.published_at)
    assert f'href="/{published:%Y}/{published:%m}/"' in html


def test_the_header_search_form_points_to_the_search_page(client):
    html = client.get("/").content.decode()
    assert 'action="/search/"' in html
    assert 'action="/en/search/"' in client.get("/en/").content.decode()


def test_site_settings_name_the_publisher_and_give_pages_a_default_image(client, article):
    site = SiteSettings.current()
    site.site_name = "Le Canard numérique"
    site.tagline = "L’actualité du numérique, sans détour."
    site.default_social_image = make_image(alt_text="Le logo du Canard sur fond bleu")
    site.publisher_logo = png_upload("logo.png", (300, 60))
    site.save()
    SiteSettings.forget()

    home = head(client, "/")
    assert one(home, "og:site_name") == "Le Canard numérique"
    assert one(home, "description") == "L’actualité du numérique, sans détour."
    assert one(home, "og:image") == f"http://testserver{site.default_social_image.file.url}"
    assert one(home, "og:image:alt") == "Le logo du Canard sur fond bleu"

    data = head(client, article.get_absolute_url()).json_ld[0]
    assert data["publisher"]["name"] == "Le Canard numérique"
    assert data["publisher"]["logo"]["url"] == f"http://testserver{site.publisher_logo.url}"
    assert (data["publisher"]["logo"]["width"], data["publisher"]["logo"]["height"]) == (300, 60)


@pytest.mark.usefixtures("site_base_url")
def test_shared_pages_and_feeds_show_the_social_card_rendition_once_built(client):
    image = make_image()
    image.file.save("grand.png", png_upload("grand.png", (1600, 1000)))
    build_renditions(image)
    image.refresh_from_db()
    card = image.social_card()
    assert (card.width, card.height) == (1200, 630)
    article = make_article("Avec carte", authors=[make_author()], featured_image=image)

    page = head(client, article.get_absolute_url())
    assert one(page, "og:image") == f"http://testserver{card.url}"
    assert (one(page, "og:image:width"), one(page, "og:image:height")) == ("1200", "630")
    assert page.json_ld[0]["image"]["url"] == f"http://testserver{card.url}"

    entry = feedparser.parse(client.get("/feeds/rss/").content).entries[0]
    assert entry.enclosures[0].href == f"http://testserver{card.url}"
    assert int(entry.enclosures[0].length) == card.file_size
    assert entry.media_content[0]["width"] == "1200"
