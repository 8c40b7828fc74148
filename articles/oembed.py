"""The titles of embedded posts and videos, asked of their provider's oEmbed endpoint by a
task (see settings.TASKS), never while a page is served; then the pages that show them are
purged. Pages name a post by its address until then, or when the provider does not answer.
"""

import json
import logging
import re
import urllib.request
from html import escape

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from core import pagecache

from .embeds import recognise

logger = logging.getLogger(__name__)

FETCH_TIMEOUT_SECONDS = 10
MAX_ANSWER_BYTES = 512 * 1024
_BLUESKY_URI = re.compile(
    r'data-bluesky-uri="at://(did:plc:[a-z0-9]{24})/app\.bsky\.feed\.post/([a-z0-9]{10,20})"'
)


class OEmbedError(Exception):
    """The provider's answer could not be had or read."""


def fetch_json(url):
    """The JSON document at ``url`` (HTTPS), within a time and size limit."""
    if not url.startswith("https://"):
        raise OEmbedError(f"Not an HTTPS address: {url}")
    request = urllib.request.Request(  # noqa: S310  # nosec B310  # https only, checked above
        url, headers={"Accept": "application/json", "User-Agent": "Newsroom oEmbed"}
    )
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_SECONDS) as answer:  # noqa: S310  # nosec B310
            data = answer.read(MAX_ANSWER_BYTES + 1)
    except (OSError, ValueError) as error:
        raise OEmbedError(str(error)) from error
    if len(data) > MAX_ANSWER_BYTES:
        raise OEmbedError("The answer is too long.")
    try:
        document = json.loads(data)
    except ValueError as error:
        raise OEmbedError("The answer is not JSON.") from error
    if not isinstance(document, dict):
        raise OEmbedError("The answer is not an oEmbed document.")
    return document


def _text(value, limit):
    return " ".join(str(value or "").split())[:limit]


@task()
def fetch_embed(url):
    """Ask the provider of ``url`` for its title (and, for Bluesky, its frame), store it on
    its ``Embed`` and purge the pages that show it."""
    from .caching import key
    from .models import Article, Embed

    embed = Embed.objects.filter(url=url).first()
    target = recognise(url)
    if embed is None or target is None:
        return "gone"
    endpoint = target.provider.oembed_url(url, host=url.split("/")[2])
    try:
        document = fetch_json(endpoint)
    except OEmbedError:
        logger.warning("No oEmbed answer for %s.", url, exc_info=True)
        raise
    embed.title = _text(document.get("title") or document.get("author_name"), 300)
    found = _BLUESKY_URI.search(str(document.get("html") or ""))
    if target.provider.slug == "bluesky" and found:
        embed.frame_url = (
            f"https://embed.bsky.app/embed/{found[1]}/app.bsky.feed.post/{found[2]}"
        )
    embed.fetched_at = timezone.now()
    embed.save()
    shown_in = Article.objects.filter(body__contains=escape(url)).values_list("pk", flat=True)
    pagecache.purge({key("article", pk) for pk in shown_in} | {key("embed", embed.pk)})
    return embed.title


def queue_embed_fetch(url):
    """Queue the fetch once the current transaction commits."""

    def enqueue():
        try:
            fetch_embed.enqueue(url)
        except Exception:
            # A queue that is down must not undo the editor's save: the page names the
            # post by its address meanwhile.
            logger.exception("Could not queue the oEmbed fetch of %s.", url)

    transaction.on_commit(enqueue)
