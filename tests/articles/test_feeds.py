"""RSS and Atom feeds: valid, with the expected articles, and cheap to serve."""

import html
from datetime import timedelta
from xml.etree import ElementTree

import feedparser
import pytest
from django.contrib.sites.models import Site
from django.urls import reverse

from articles.models import Article
from core.models import SiteSettings

from .discovery import grow, make_article, make_author, make_image, make_tag

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_base_url")]

FEEDS = ["feed_rss", "feed_atom"]


@pytest.fixture
def newsroom():
    """Two published articles of two authors, with a tag, and articles readers must not see."""
    camille = make_author()
    noor = make_author("noor", "Noor", "Haddad")
    energie = make_tag("Énergie")
    societe = make_tag("Société")
    lead = make_article(
        "Les éoliennes & le « réseau »",
        standfirst="Pourquoi le vent <ne suffit pas>.",
        body='<p>Le <strong>réseau</strong> électrique <a href="https://rte.example">RTE</a>.</p>',
        authors=[camille, noor],
        tags=[energie, societe],
        featured_image=make_image(),
        ago=timedelta(hours=1),
    )
    other = make_article("La sobriété", authors=[noor], tags=[societe], ago=timedelta(hours=5))
    make_article("Brouillon", authors=[camille], tags=[energie], status=Article.Status.DRAFT)
    make_article("Programmé", authors=[camille], tags=[energie], ago=timedelta(hours=-3))
    return {"lead": lead, "other": other, "camille": camille, "energie": energie}


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return response, parsed


@pytest.mark.parametrize("name", FEEDS)
def test_latest_feeds_list_the_published_articles_newest_first(client, newsroom, name):
    response, parsed = parse(client, reverse(f"articles:{name}"))

    assert [entry.title for entry in parsed.entries] == [
        "Les éoliennes & le « réseau »",
        "La sobriété",
    ]
    assert parsed.feed.title == "Newsroom"
    assert parsed.feed.link == "http://testserver/"
    assert "Last-Modified" in response.headers


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_an_entry_carries_summary_content_authors_tags_and_image(client, newsroom, kind):
    _response, parsed = parse(client, reverse(f"articles:feed_{kind}"))
    entry = parsed.entries[0]
    lead = newsroom["lead"]

    assert entry.link == f"http://testserver{lead.get_absolute_url()}"
    assert entry.summary == "Pourquoi le vent &lt;ne suffit pas&gt;."
    assert entry.content[0].value == lead.body
    assert entry.content[0].type == "text/html"
    assert [author.name for author in entry.authors] == ["Camille Lefèvre", "Noor Haddad"]
    assert sorted(tag.term for tag in entry.tags) == ["Société", "Énergie"]
    image_url = f"http://testserver{lead.featured_image.file.url}"
    enclosure = entry.enclosures[0]
    assert enclosure.href == image_url
    assert int(enclosure.length) == lead.featured_image.file.size
    assert enclosure.type == "image/png"
    assert entry.media_content[0]["url"] == image_url
    assert entry.media_content[0]["medium"] == "image"
    assert entry.published_parsed is not None


def test_rss_guid_survives_a_change_of_slug(client, newsroom):
    _response, before = parse(client, reverse("articles:feed_rss"))
    lead = newsroom["lead"]
    lead.slug = "nouvelle-adresse"
    lead.save()
    _response, after = parse(client, reverse("articles:feed_rss"))

    assert before.entries[0].id == after.entries[0].id
    assert before.entries[0].id.startswith("tag:testserver,")


def test_a_missing_image_file_leaves_the_enclosure_out_not_the_article(client, newsroom):
    image = newsroom["lead"].featured_image
    image.file.storage.delete(image.file.name)

    _response, parsed = parse(client, reverse("articles:feed_rss"))

    assert parsed.entries[0].title == "Les éoliennes & le « réseau »"
    assert parsed.entries[0].get("enclosures", []) == []
    assert parsed.entries[0].media_content[0]["url"].endswith(image.file.name)


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_a_tag_feed_lists_the_tag_s_published_articles(client, newsroom, kind):
    url = reverse(f"articles:tag_feed_{kind}", args=[newsroom["energie"].slug])
    _response, parsed = parse(client, url)

    assert [entry.title for entry in parsed.entries] == ["Les éoliennes & le « réseau »"]
    assert "Énergie" in parsed.feed.title
    assert parsed.feed.link == f"http://testserver{newsroom['energie'].get_absolute_url()}"


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_an_author_feed_lists_the_author_s_published_articles(client, newsroom, kind):
    _response, parsed = parse(client, reverse(f"articles:author_feed_{kind}", args=["noor-haddad"]))

    assert [entry.title for entry in parsed.entries] == [
        "Les éoliennes & le « réseau »",
        "La sobriété",
    ]
    assert "Noor Haddad" in parsed.feed.title
    if kind == "atom":
        assert parsed.feed.author == "Noor Haddad"


@pytest.mark.parametrize(
    "url",
    [
        "/tags/inconnu/feed/rss/",
        "/tags/inconnu/feed/atom/",
        "/auteurs/personne/feed/rss/",
        "/auteurs/personne/feed/atom/",
    ],
)
def test_a_feed_of_nothing_is_a_404(client, url):
    assert client.get(url).status_code == 404


def test_an_empty_feed_is_still_valid(client):
    _response, parsed = parse(client, reverse("articles:feed_atom"))
    assert parsed.entries == []


def test_english_feeds_have_english_titles(client, newsroom):
    _response, parsed = parse(client, "/en/tags/energie/feed/rss/")
    assert parsed.feed.title == "Newsroom: Énergie"
    assert parsed.feed.language == "en"
    _response, parsed = parse(client, "/en/auteurs/noor-haddad/feed/atom/")
    assert parsed.feed.title == "Newsroom: articles by Noor Haddad"
    assert parsed.entries[0].link.startswith("http://testserver/en/articles/")


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("feed_rss", []),
        ("feed_atom", []),
        ("tag_feed_rss", ["societe"]),
        ("author_feed_atom", ["ines-garnier"]),
    ],
)
def test_feeds_cost_the_same_queries_at_two_sizes(
    client, django_assert_num_queries, name, args
):
    authors = [make_author("ines", "Inès", "Garnier"), make_author("tom", "Tom", "Weber")]
    tags = [make_tag("Société"), make_tag("Énergie")]
    # Caches that live longer than a request: the Sites framework's row, the site settings.
    SiteSettings.current()
    Site.objects.clear_cache()
    Site.objects.get_current()
    url = reverse(f"articles:{name}", args=args)
    # (the tag or author), articles, their authors, their tags, the renditions of all their
    # images (texts that show pictures would add one query for them all)
    expected = 5 if args else 4

    grow(2, authors=authors, tags=tags)
    with django_assert_num_queries(expected):
        assert len(parse(client, url)[1].entries) == 2

    grow(12, authors=authors, tags=tags)
    with django_assert_num_queries(expected):
        assert len(parse(client, url)[1].entries) == 12


HOSTILE = '<img src=x onerror="alert(1)"> & <b>gras</b>'


@pytest.mark.parametrize("kind", ["tag", "author", "site"])
def test_a_channel_description_is_text_for_readers_of_rss_and_atom(client, kind):
    # RSS readers render a channel's description as HTML, so it is escaped once more than
    # XML needs; Atom's subtitle is text by default, so it is written as it is.
    tag = make_tag("Énergie", description=HOSTILE)
    author = make_author(first_name=HOSTILE, last_name="")
    SiteSettings.objects.update_or_create(pk=1, defaults={"tagline": HOSTILE})
    SiteSettings.forget()
    make_article(authors=[author], tags=[tag])
    names = {
        "tag": ("articles:tag_feed_{}", [tag.slug]),
        "author": ("articles:author_feed_{}", [author.profile.public_slug]),
        "site": ("articles:feed_{}", []),
    }
    name, args = names[kind]

    # Our own feeds, not untrusted XML.
    rss = ElementTree.fromstring(client.get(reverse(name.format("rss"), args=args)).content)  # noqa: S314
    atom = ElementTree.fromstring(client.get(reverse(name.format("atom"), args=args)).content)  # noqa: S314

    description = rss.find("channel/description").text
    subtitle = atom.find("{http://www.w3.org/2005/Atom}subtitle").text
    assert HOSTILE in html.unescape(description)
    assert "<img" not in description and "<b>" not in description
    assert HOSTILE in subtitle
    assert atom.find("{http://www.w3.org/2005/Atom}subtitle").get("type", "text") == "text"
