"""
The one HTML sanitizer of the site.

Rich text written in the admin is cleaned with this allowlist before it is
stored, whatever path it arrives by (admin form, command, fixture, import).
"""

import nh3

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
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "ol": {"start", "type"},
    "blockquote": {"cite"},
}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

_cleaner = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
    url_schemes=set(ALLOWED_URL_SCHEMES),
    link_rel="noopener noreferrer",
    strip_comments=True,
)

_EMPTY_DOCUMENTS = {"", "<p></p>", "<p><br></p>"}


def sanitize_html(html):
    """Return ``html`` reduced to the allowlist; empty documents become ``""``."""
    if not html:
        return ""
    cleaned = _cleaner.clean(html).strip()
    return "" if cleaned in _EMPTY_DOCUMENTS else cleaned
