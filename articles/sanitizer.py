"""
The one HTML sanitizer of the site.

Rich text written in the admin is cleaned with this allowlist before it is
stored, whatever path it arrives by (admin form, command, fixture, import).

Pictures and embeds are kept as references only (see articles/body.py), rewritten in one
form whatever was sent: a picture keeps its image id, whether it is decorative and the text
of its caption; an embed its address, when it is one of a known provider's posts or videos
(articles/embeds.py) — any other address becomes a plain link. A paragraph holding nothing
but a link to such a post or video becomes its embed, as pasting one does in the editor.
"""

import re
from html import escape, unescape

import nh3

from .embeds import recognise

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "h2",
        "h3",
        "h4",
        "strong",
        "b",
        "em",
        "i",
        "a",
        "ul",
        "ol",
        "li",
        "blockquote",
        "figure",
        "figcaption",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "ol": {"start", "type"},
    "blockquote": {"cite"},
    "figure": {"data-image-id", "data-embed-url"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
#: Attributes kept only with one of these values.
ALLOWED_ATTRIBUTE_VALUES = {"figure": {"data-decorative": {"true", "false"}}}
#: Classes kept, each on its element: a pull quote.
ALLOWED_CLASSES = {"blockquote": {"pullquote"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

_cleaner = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
    tag_attribute_values={
        tag: {name: set(values) for name, values in attrs.items()}
        for tag, attrs in ALLOWED_ATTRIBUTE_VALUES.items()
    },
    allowed_classes={tag: set(classes) for tag, classes in ALLOWED_CLASSES.items()},
    url_schemes=set(ALLOWED_URL_SCHEMES),
    link_rel="noopener noreferrer",
    strip_comments=True,
)

_EMPTY_DOCUMENTS = {"", "<p></p>", "<p><br></p>"}

_FIGURE_TAG = re.compile(r"<figure\b([^>]*)>|</figure>")
_ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')
_CAPTION = re.compile(r"<figcaption>(.*?)</figcaption>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_IMAGE_ID = re.compile(r"[1-9][0-9]{0,9}")
_LINK_PARAGRAPH = re.compile(r'<p><a href="([^"]*)"[^>]*>([^<]*)</a>(?:<br>)?</p>')
MAX_CAPTION_LENGTH = 500


def sanitize_html(html):
    """Return ``html`` reduced to the allowlist; empty documents become ``""``."""
    if not html:
        return ""
    cleaned = _cleaner.clean(html).strip()
    if "<figure" in cleaned or "<a " in cleaned:
        cleaned = _canonical_figures(_links_as_embeds(cleaned))
    return "" if cleaned in _EMPTY_DOCUMENTS else cleaned


def _links_as_embeds(html):
    def embed(found):
        url = unescape(found[1])
        text = unescape(found[2]).strip()
        if text not in ("", url) or recognise(url) is None:
            return found[0]
        return f'<figure data-embed-url="{escape(url)}"></figure>'

    return _LINK_PARAGRAPH.sub(embed, html)


def _canonical_figures(html):
    """``html`` with each picture and embed figure in the one form of articles/body.py."""
    parts, position, depth, opened = [], 0, 0, None
    for found in _FIGURE_TAG.finditer(html):
        closing = found[0] == "</figure>"
        if opened is None:
            if closing:
                continue
            attributes = dict(_ATTRIBUTE.findall(found[1]))
            if "data-image-id" in attributes or "data-embed-url" in attributes:
                parts.append(html[position:found.start()])
                opened, depth, inner_start = attributes, 1, found.end()
            continue
        depth += -1 if closing else 1
        if depth == 0:
            parts.append(_reference(opened, html[inner_start:found.start()]))
            position, opened = found.end(), None
    if opened is not None:
        # Not closed (nh3 closes every element, so this is only defence).
        parts.append(_reference(opened, html[inner_start:]))
        position = len(html)
    parts.append(html[position:])
    return "".join(parts)


def _reference(attributes, inner):
    image_id = attributes.get("data-image-id", "")
    if _IMAGE_ID.fullmatch(image_id):
        decorative = attributes.get("data-decorative") == "true"
        caption = ""
        found = _CAPTION.search(inner)
        if found:
            text = " ".join(unescape(_TAG.sub(" ", found[1])).split())[:MAX_CAPTION_LENGTH]
            caption = f"<figcaption>{escape(text, quote=False)}</figcaption>" if text else ""
        return (
            f'<figure data-image-id="{image_id}" '
            f'data-decorative="{"true" if decorative else "false"}">{caption}</figure>'
        )
    url = unescape(attributes.get("data-embed-url", ""))
    if recognise(url):
        return f'<figure data-embed-url="{escape(url)}"></figure>'
    if url.startswith(("https://", "http://")) and len(url) <= 2000:
        # Another address: a plain link, which the cleaner then judges as any link.
        link = f'<p><a href="{escape(url)}">{escape(url)}</a></p>'
        return _cleaner.clean(link)
    return ""
