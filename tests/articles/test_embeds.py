"""Posts and videos of other sites in an article's text: recognised strictly, shown as a
preview that loads nothing from the provider, titled by oEmbed off the request path."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import oembed
from articles.embeds import recognise
from articles.models import Article, Embed
from articles.sanitizer import sanitize_html
from tests.articles.fixtures_admin import *  # noqa: F403
from tests.articles.fixtures_admin import make_article

pytestmark = pytest.mark.django_db

VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


@pytest.mark.parametrize(
    ("url", "provider", "frame"),
    [
        (VIDEO, "youtube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ", "youtube",
         "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "vimeo", "https://player.vimeo.com/video/76979871?dnt=1"),
        ("https://x.com/lemondefr/status/1790000000000000000", "x",
         "https://platform.twitter.com/embed/Tweet.html?id=1790000000000000000&dnt=true"),
        ("https://twitter.com/lemondefr/status/1790000000000000000", "x",
         "https://platform.twitter.com/embed/Tweet.html?id=1790000000000000000&dnt=true"),
        ("https://mastodon.social/@Gargron/109327234466823487", "mastodon",
         "https://mastodon.social/@Gargron/109327234466823487/embed"),
        ("https://bsky.app/profile/bsky.app/post/3l6oveex3ii2l", "bluesky", ""),
    ],
)
def test_known_providers_links_are_recognised(url, provider, frame):
    target = recognise(url)

    assert target.provider.slug == provider
    assert target.frame_url == frame


@pytest.mark.parametrize(
    "url",
    [
        "http://www.youtube.com/watch?v=dQw4w9WgXcQ",  # not HTTPS
        "https://www.youtube.com:8443/watch?v=dQw4w9WgXcQ",  # a port
        "https://user@www.youtube.com/watch?v=dQw4w9WgXcQ",  # credentials
        "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ",  # another host
        "https://evil.example/@Gargron/109327234466823487",  # an unknown Mastodon server
        "https://www.youtube.com/watch?v=short",  # not a video id
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ\"onload=\"x",
        "https://vimeo.com/channels/staffpicks",
        "https://x.com/lemondefr",
        "javascript:alert(1)//https://youtu.be/dQw4w9WgXcQ",
        " https://youtu.be/dQw4w9WgXcQ",
    ],
)
def test_anything_else_is_not_an_embed(url):
    assert recognise(url) is None


def test_hostile_embed_figures_become_plain_links_or_nothing():
    assert sanitize_html(
        '<figure data-embed-url="https://evil.example/v" onclick="x()"><iframe src="x">'
        "</iframe></figure>"
    ) == '<p><a href="https://evil.example/v" rel="noopener noreferrer">https://evil.example/v</a></p>'
    assert sanitize_html('<figure data-embed-url="javascript:alert(1)"></figure>') == ""
    assert sanitize_html(
        f'<figure data-embed-url="{VIDEO}" style="x"><p>inside</p></figure>'
    ) == f'<figure data-embed-url="{VIDEO}"></figure>'


def test_a_link_alone_in_its_paragraph_becomes_an_embed():
    assert sanitize_html(f'<p><a href="{VIDEO}">{VIDEO}</a></p>') == (
        f'<figure data-embed-url="{VIDEO}"></figure>'
    )
    # A link in a sentence, or with other words, stays a link.
    kept = sanitize_html(f'<p>Voir <a href="{VIDEO}">{VIDEO}</a></p>')
    assert "data-embed-url" not in kept
    kept = sanitize_html(f'<p><a href="{VIDEO}">la vidéo</a></p>')
    assert "data-embed-url" not in kept


def published(body):
    return make_article(
        "La vidéo",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(hours=1),
        body=body,
    )


def test_an_embed_is_a_preview_that_loads_nothing_from_the_provider(client):
    published(f'<p>Texte.</p><figure data-embed-url="{VIDEO}"></figure>')

    html = client.get("/articles/la-video/").content.decode()

    body = html[html.index("article__body"):]
    assert "<iframe" not in html
    assert "youtube-nocookie.com" in body  # only as the address the button will load
    assert 'data-embed-frame="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in body
    assert f'<a class="embed__link" href="{VIDEO.replace("&", "&amp;")}">' in body
    assert "Watch on YouTube" in body or "Regarder sur YouTube" in body
    # Until oEmbed answers, the post is named by its address.
    assert f'<p class="embed__title">{VIDEO}</p>' in body
    # No picture, style or script from the provider: only the site's own script.
    assert 'src="https://' not in html
    assert '/static/articles/embeds.js' in html


def test_pages_without_embeds_load_no_script(client):
    published("<p>Texte.</p>")

    assert "embeds.js" not in client.get("/articles/la-video/").content.decode()


def test_the_policy_lets_frames_come_only_from_the_providers(client):
    published(f'<figure data-embed-url="{VIDEO}"></figure>')

    policy = client.get("/articles/la-video/")["Content-Security-Policy"]

    frame_src = next(d for d in policy.split(";") if d.strip().startswith("frame-src"))
    assert "https://www.youtube-nocookie.com" in frame_src
    assert "youtube.com " not in frame_src + " "
    assert "*" not in frame_src


def test_saving_records_the_embed_and_the_title_is_fetched_by_a_task(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    asked = []

    def answer(url):
        asked.append(url)
        return {"type": "video", "title": "Never Gonna Give You Up", "author_name": "Rick"}

    monkeypatch.setattr(oembed, "fetch_json", answer)
    with django_capture_on_commit_callbacks(execute=True):
        published(f'<figure data-embed-url="{VIDEO}"></figure>')

    embed = Embed.objects.get(url=VIDEO)
    assert embed.provider == "youtube" and embed.fetched_at is not None
    assert embed.title == "Never Gonna Give You Up"
    assert asked == [
        "https://www.youtube.com/oembed?format=json&url="
        "https%3A%2F%2Fwww.youtube.com%2Fwatch%3Fv%3DdQw4w9WgXcQ"
    ]
    html = client.get("/articles/la-video/").content.decode()
    assert '<p class="embed__title">Never Gonna Give You Up</p>' in html


def test_a_provider_that_does_not_answer_leaves_the_address_as_title(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        published(f'<figure data-embed-url="{VIDEO}"></figure>')

    assert Embed.objects.get(url=VIDEO).fetched_at is None
    response = client.get("/articles/la-video/")
    assert response.status_code == 200
    assert f'<p class="embed__title">{VIDEO}</p>' in response.content.decode()


def test_bluesky_frames_come_from_oembed(monkeypatch, django_capture_on_commit_callbacks, client):
    url = "https://bsky.app/profile/bsky.app/post/3l6oveex3ii2l"
    did = "did:plc:z72i7hdynmk6r22z27h6tvur"
    monkeypatch.setattr(
        oembed,
        "fetch_json",
        lambda endpoint: {
            "author_name": "Bluesky",
            "html": f'<blockquote data-bluesky-uri="at://{did}/app.bsky.feed.post/3l6oveex3ii2l">',
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        published(f'<figure data-embed-url="{url}"></figure>')

    html = client.get("/articles/la-video/").content.decode()
    assert f'data-embed-frame="https://embed.bsky.app/embed/{did}/app.bsky.feed.post/' in html


def test_the_feed_shows_embeds_as_links_without_script(client):
    published(f'<figure data-embed-url="{VIDEO}"></figure>')

    xml = client.get("/feeds/rss/").content.decode()

    assert "embed__link" in xml
    assert "data-embed-frame" not in xml and "embed__load" not in xml


def test_a_provider_that_did_not_answer_is_asked_again_at_the_next_save(
    monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = published(f'<figure data-embed-url="{VIDEO}"></figure>')
    assert Embed.objects.get(url=VIDEO).fetched_at is None

    monkeypatch.setattr(oembed, "fetch_json", lambda url: {"title": "Enfin"})
    with django_capture_on_commit_callbacks(execute=True):
        article.save()

    assert Embed.objects.get(url=VIDEO).title == "Enfin"
    monkeypatch.setattr(oembed, "fetch_json", lambda url: pytest.fail("asked twice"))
    with django_capture_on_commit_callbacks(execute=True):
        article.save()
