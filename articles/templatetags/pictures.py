"""``{{ picture(image, "card") }}`` in the reader templates (newsroom/jinja2.py): an image
of the library as a responsive <picture>.

The browser picks the smallest stored rendition that fills the slot: WebP when it can,
the fallback format (JPEG, or PNG for transparency) otherwise. ``width`` and ``height``
give the ratio, so nothing moves when the picture arrives. The lead image of a page is
asked for first (``priority=True``: ``fetchpriority="high"``, loaded at once); every other
one waits until it is about to be scrolled into view (``loading="lazy"``).

Until the renditions are built (a few seconds after an upload), the original is shown.
The image should come with its renditions prefetched
(``Prefetch("featured_image__renditions")``), or each picture costs a query.
"""

import html
from dataclasses import dataclass
from urllib.parse import urljoin

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.images.specs import WEBP
from articles.models import Rendition


@dataclass(frozen=True)
class Slot:
    """Where a picture goes: how wide it is drawn (``sizes``), and the width of the plain
    ``src`` for browsers that know nothing of ``srcset``."""

    sizes: str
    default_width: int


#: The slots of the site's templates, matching the layout of static/css/site.css.
SLOTS = {
    # The card grid: 1 column on phones, up to 4 of about 18rem on wide screens.
    "card": Slot("(min-width: 74.5rem) 18rem, (min-width: 56rem) 33vw, "
                 "(min-width: 37.5rem) 50vw, 100vw", 800),
    # The front page's lead story: three fifths of the page beside its text, full width
    # on phones.
    "lead": Slot("(min-width: 76rem) 43rem, (min-width: 48rem) 60vw, 100vw", 1200),
    # An article's featured image, up to 60rem wide.
    "article": Slot("(min-width: 60rem) 60rem, 100vw", 1200),
    # A picture in an article's text: the reading column (39rem and its padding).
    "body": Slot("(min-width: 41rem) 39rem, 100vw", 800),
}


def _address(url, base):
    """``url``, absolute on ``base`` when one is given (feeds)."""
    return urljoin(base, url) if base else url


def _storage_url():
    """The ``url`` method of the renditions' storage, for ``Rendition.url_with()``."""
    return Rendition.file.field.storage.url


def _srcset(renditions, base="", storage_url=None):
    # What format_html_join(", ", "{} {}w", …) gives, three times faster: a page of cards
    # prints a score of these lists. Django's escape() is html.escape() behind a check for
    # lazy strings, which addresses never are.
    storage_url = storage_url or _storage_url()
    return mark_safe(  # noqa: S308  # nosec B308 B703  # each address escaped, widths are numbers
        ", ".join(
            f"{html.escape(_address(r.url_with(storage_url), base))} {int(r.width)}w"
            for r in renditions
        )
    )


def _closest(renditions, width):
    """The narrowest rendition at least ``width`` wide, else the widest."""
    for rendition in renditions:
        if rendition.width >= width:
            return rendition
    return renditions[-1]


def _loading(priority):
    if priority:
        return mark_safe(' loading="eager" fetchpriority="high" decoding="async"')  # noqa: S308  # nosec B308  # constant
    return mark_safe(' loading="lazy" decoding="async"')  # noqa: S308  # nosec B308  # constant


def _escaped(value):
    """``conditional_escape(value)``, as format_html() escapes each value: a picture has a
    dozen, and Django's escape() first looks for lazy strings, which none of them is."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def picture(image, slot="card", *, priority=False, css_class="", decorative=False, base_url=""):
    """The <picture> of ``image`` for ``slot`` (see SLOTS); empty without an image.

    A ``decorative`` picture has an empty alternative text (the editor said so where it is
    shown); ``base_url`` makes every address absolute (feeds).
    """
    if image is None or not image.file:
        return ""
    alt = "" if decorative else image.alt_text
    layout = SLOTS[slot]
    class_attr = format_html(' class="{}"', css_class) if css_class else ""
    by_format = image.width_renditions()
    fallback_format = next((name for name in by_format if name != WEBP), None)
    if fallback_format is None:
        # Not built yet: the original, at its own size.
        return format_html(
            '<img src="{}" alt="{}" width="{}" height="{}"{}{}>',
            _address(image.file.url, base_url), alt, image.width, image.height,
            _loading(priority), class_attr,
        )
    fallback = by_format[fallback_format]
    default = _closest(fallback, layout.default_width)
    sizes = _escaped(layout.sizes)
    storage_url = _storage_url()
    source = ""
    if by_format.get(WEBP):
        source = (
            f'<source type="image/webp" srcset="{_srcset(by_format[WEBP], base_url, storage_url)}"'
            f' sizes="{sizes}">'
        )
    default_address = _address(default.url_with(storage_url), base_url)
    fallback_srcset = _srcset(fallback, base_url, storage_url)
    # What format_html() gives, each value escaped as it escapes them.
    return mark_safe(  # noqa: S308  # nosec B308 B703  # every value escaped
        f'<picture>{source}<img src="{_escaped(default_address)}" '
        f'srcset="{fallback_srcset}" sizes="{sizes}" alt="{_escaped(alt)}" '
        f'width="{_escaped(default.width)}" height="{_escaped(default.height)}"'
        f"{_loading(priority)}{_escaped(class_attr)}></picture>"
    )
