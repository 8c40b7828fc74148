"""
The third-party posts and videos an article may embed, and what each provider's links
look like.

A link is an embed only when it is HTTPS, on a provider's own host and in the shape of
one of its posts or videos; anything else stays a plain link. Pages load nothing from the
provider until the reader asks (see jinja2/articles/includes/embed.html and
static/articles/embeds.js); the frame then comes from the provider's most private address
(youtube-nocookie.com, Vimeo's do-not-track player, X's dnt embed).

Mastodon runs on many servers: only those of ``EMBED_MASTODON_HOSTS`` are known.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit

from django.conf import settings
from django.utils.translation import gettext_lazy as _

VIDEO = "video"
POST = "post"


@dataclass(frozen=True)
class EmbedTarget:
    """A recognised link: its provider, and the frame that shows it (when one is known
    without asking the provider)."""

    provider: "Provider"
    url: str
    frame_url: str = ""


@dataclass(frozen=True)
class Provider:
    """A site whose links become embeds."""

    slug: str
    name: str
    kind: str
    #: "Watch on YouTube", "Open on Bluesky"...
    link_label: object
    #: The oEmbed endpoint, with ``{url}`` for the quoted link; "" when there is none.
    oembed: str = ""

    def hosts(self):
        return PROVIDER_HOSTS[self.slug]()

    def match(self, parts):
        """The frame address of the link ``parts`` (a SplitResult), "" when it has none
        without oEmbed, or None when the link is not one of this provider's."""
        return _MATCHERS[self.slug](parts)

    def oembed_url(self, url, host=None):
        if not self.oembed:
            return ""
        return self.oembed.format(url=quote(url, safe=""), host=host or "")


PROVIDERS = {
    provider.slug: provider
    for provider in (
        Provider(
            "youtube", "YouTube", VIDEO, _("Watch on YouTube"),
            "https://www.youtube.com/oembed?format=json&url={url}",
        ),
        Provider(
            "vimeo", "Vimeo", VIDEO, _("Watch on Vimeo"),
            "https://vimeo.com/api/oembed.json?url={url}",
        ),
        Provider(
            "x", "X", POST, _("Open on X"),
            "https://publish.twitter.com/oembed?omit_script=true&dnt=true&url={url}",
        ),
        Provider(
            "mastodon", "Mastodon", POST, _("Open on Mastodon"),
            "https://{host}/api/oembed?url={url}",
        ),
        Provider(
            "bluesky", "Bluesky", POST, _("Open on Bluesky"),
            "https://embed.bsky.app/oembed?url={url}",
        ),
    )
}

PROVIDER_HOSTS = {
    "youtube": lambda: {"www.youtube.com", "youtube.com", "m.youtube.com", "youtu.be"},
    "vimeo": lambda: {"vimeo.com", "www.vimeo.com"},
    "x": lambda: {"x.com", "www.x.com", "twitter.com", "www.twitter.com", "mobile.twitter.com"},
    "mastodon": lambda: set(settings.EMBED_MASTODON_HOSTS),
    "bluesky": lambda: {"bsky.app"},
}

_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_DIGITS = re.compile(r"[0-9]{1,25}")
_X_PATH = re.compile(r"/[A-Za-z0-9_]{1,15}/status/([0-9]{1,25})/?")
_MASTODON_PATH = re.compile(r"/@[A-Za-z0-9_]{1,30}(?:@[a-z0-9.-]{1,100})?/([0-9]{1,25})/?")
_BLUESKY_PATH = re.compile(
    r"/profile/(did:plc:[a-z0-9]{24}|[A-Za-z0-9.-]{1,253})/post/([a-z0-9]{10,20})/?"
)


def _youtube(parts):
    path = parts.path
    if parts.hostname == "youtu.be":
        video = path.strip("/")
    elif path in ("/watch", "/watch/"):
        video = (parse_qs(parts.query).get("v") or [""])[0]
    elif path.startswith(("/shorts/", "/embed/", "/live/")):
        video = path.split("/")[2] if len(path.split("/")) > 2 else ""
    else:
        return None
    if not _YOUTUBE_ID.fullmatch(video):
        return None
    return f"https://www.youtube-nocookie.com/embed/{video}"


def _vimeo(parts):
    video = parts.path.strip("/")
    if not _DIGITS.fullmatch(video):
        return None
    return f"https://player.vimeo.com/video/{video}?dnt=1"


def _x(parts):
    found = _X_PATH.fullmatch(parts.path)
    if not found:
        return None
    return f"https://platform.twitter.com/embed/Tweet.html?id={found[1]}&dnt=true"


def _mastodon(parts):
    found = _MASTODON_PATH.fullmatch(parts.path)
    if not found:
        return None
    return f"https://{parts.hostname}{parts.path.rstrip('/')}/embed"


def _bluesky(parts):
    found = _BLUESKY_PATH.fullmatch(parts.path)
    if not found:
        return None
    author, post = found[1], found[2]
    if author.startswith("did:"):
        return f"https://embed.bsky.app/embed/{author}/app.bsky.feed.post/{post}"
    # A handle: the frame needs the account's DID, which oEmbed gives.
    return ""


_MATCHERS = {
    "youtube": _youtube,
    "vimeo": _vimeo,
    "x": _x,
    "mastodon": _mastodon,
    "bluesky": _bluesky,
}

MAX_URL_LENGTH = 500


def recognise(url):
    """The EmbedTarget of ``url``, or None when it is not a link to a known provider's
    post or video (any other scheme than HTTPS, a port, credentials, another host...)."""
    if not isinstance(url, str) or len(url) > MAX_URL_LENGTH or url != url.strip():
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme != "https" or port is not None or parts.username or parts.password:
        return None
    if any(ord(character) < 33 or character in "\\\"'<>`" for character in url):
        return None
    host = (parts.hostname or "").lower()
    if parts.netloc.lower() != host:
        return None
    for provider in PROVIDERS.values():
        if host in provider.hosts():
            frame_url = provider.match(parts)
            if frame_url is not None:
                return EmbedTarget(provider, url, frame_url)
    return None

