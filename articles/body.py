"""
What a rich text refers to: the pictures of the media library and the embeds it shows.

A body never holds a picture's address, only its reference, in the one form the sanitizer
writes (``articles/sanitizer.py``)::

    <figure data-image-id="42" data-decorative="false"><figcaption>Caption</figcaption></figure>
    <figure data-embed-url="https://www.youtube.com/watch?v=…"></figure>

and pages turn them into pictures and preview cards when they are shown
(``articles/rendering.py``), so a change of credit shows everywhere at once.
"""

import re
from dataclasses import dataclass
from html import unescape

#: A picture of the library, as the sanitizer writes it.
FIGURE = re.compile(
    r'<figure data-image-id="([0-9]{1,10})" data-decorative="(true|false)">'
    r"(?:<figcaption>([^<]*)</figcaption>)?</figure>"
)
#: An embed, as the sanitizer writes it (the address is HTML-escaped).
EMBED = re.compile(r'<figure data-embed-url="([^"<>]*)"></figure>')


@dataclass(frozen=True)
class FigureReference:
    """One picture of a body: which image, whether the editor marked it decorative (an
    empty alternative text then), and its own caption, if any."""

    image_id: int
    decorative: bool
    caption: str


def figures(html):
    """The pictures ``html`` shows, in order."""
    return [
        FigureReference(int(found[1]), found[2] == "true", unescape(found[3] or ""))
        for found in FIGURE.finditer(html or "")
    ]


def image_ids(html):
    """The ids of the library's images that ``html`` shows, each once, in order."""
    return list(dict.fromkeys(figure.image_id for figure in figures(html)))


def embed_urls(html):
    """The addresses of the embeds of ``html``, each once, in order."""
    return list(dict.fromkeys(unescape(found[1]) for found in EMBED.finditer(html or "")))
