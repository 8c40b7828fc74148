"""WordPress post content made into the HTML an article body holds.

Block-editor markup (``<!-- wp:paragraph -->`` comments around HTML) and the classic
editor's text (paragraphs separated by blank lines, which WordPress's ``wpautop`` turns into
``<p>`` when it displays them) both become plain HTML. Pictures (``[caption]`` shortcodes,
image blocks, plain ``<img>``) become the body's references to the media library
(articles/body.py), through a function the importer gives, which finds or imports each
picture; one it cannot keeps its caption as text. What has no equivalent here is kept as
text and counted by name, so the report says what an editor should look at. The article's
own sanitizer has the last word.
"""

import html
import re
from collections import Counter
from dataclasses import dataclass, field

from .credits import parse_credit

#: Blocks whose HTML means the same thing here (the pictures are imported separately).
KNOWN_BLOCKS = frozenset(
    {
        "paragraph", "heading", "list", "list-item", "quote", "image", "group", "columns",
        "column", "freeform", "separator", "spacer", "more", "pullquote", "html",
        "preformatted", "code", "verse", "gallery", "embed", "media-text", "cover",
    }
)
#: Shortcodes converted here; any other is left in the text as typed and reported.
KNOWN_SHORTCODES = frozenset({"caption", "wp_caption", "embed"})

_BLOCK_COMMENT = re.compile(r"<!--\s*(/?)wp:([a-z0-9_/-]+)(\s+\{.*?\})?\s*(/?)-->", re.DOTALL)
_CAPTION = re.compile(
    r"\[(?:wp_)?caption([^\]]*)\](.*?)\[/(?:wp_)?caption\]", re.DOTALL | re.IGNORECASE
)
_EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.DOTALL | re.IGNORECASE)
_SHORTCODE = re.compile(r"\[(/?)([A-Za-z][\w-]*)(?=[\s\]/])[^\]\[]*\]")
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_IMG_ATTRIBUTE = re.compile(r"""([a-zA-Z][\w-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ATTACHMENT_CLASS = re.compile(r"\bwp-image-(\d+)\b")
_ATTACHMENT_CAPTION_ID = re.compile(r"""\bid\s*=\s*["']?attachment_(\d+)""")
_CAPTION_ATTRIBUTE = re.compile(r"""\bcaption\s*=\s*(?:"([^"]*)"|'([^']*)')""")
#: A picture, with the link around it that opened the full-size file.
_LINKED_IMG = re.compile(r"(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?", re.IGNORECASE)
#: The innermost figures (a gallery's figure holds one per picture).
_HTML_FIGURE = re.compile(
    r"<figure\b[^>]*>((?:(?!</?figure\b).)*?<img\b(?:(?!</?figure\b).)*)</figure>",
    re.DOTALL | re.IGNORECASE,
)
_FIGCAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption>", re.DOTALL | re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\x00picture(\d+)\x00")
#: A figure left holding nothing but pictures: a gallery, which shows them one after another.
_PICTURES_ONLY_FIGURE = re.compile(
    r"<figure\b[^>]*>((?:\s|\x00picture\d+\x00)*)</figure>", re.IGNORECASE
)
_PARAGRAPH = re.compile(r"<p\b[^>]*>((?:(?!</?p\b).)*?)</p>", re.DOTALL | re.IGNORECASE)
_EMPTY_PARAGRAPH_TEXT = re.compile(r"^(?:\s|<br\s*/?>|&nbsp;)*$", re.IGNORECASE)
_BLOCK_TAGS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|"
    "map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|"
    "aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary"
)
_STARTS_BLOCK = re.compile(rf"^\s*</?(?:{_BLOCK_TAGS})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Picture:
    """A picture a post showed: its address, the attachment WordPress named in its markup
    (``wp-image-12``, ``[caption id="attachment_12"]``), its alternative text and caption."""

    src: str
    attachment_id: str = ""
    alt: str = ""
    caption: str = ""


@dataclass
class Converted:
    """A body made into HTML, the pictures it showed and what had no equivalent."""

    html: str
    pictures: list = field(default_factory=list)
    unknown_blocks: Counter = field(default_factory=Counter)
    unknown_shortcodes: Counter = field(default_factory=Counter)


def wpautop(text):
    """Paragraphs from blank lines, line breaks from single newlines, as WordPress shows
    classic-editor text; chunks that already are block-level HTML stay as they are."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    chunks = [chunk.strip() for chunk in re.split(r"\n\s*\n", text) if chunk.strip()]
    paragraphs = []
    for chunk in chunks:
        if _STARTS_BLOCK.match(chunk):
            paragraphs.append(chunk)
        else:
            paragraphs.append("<p>" + re.sub(r"\s*\n\s*", "<br>\n", chunk) + "</p>")
    return "\n".join(paragraphs)


def _text(fragment):
    """The text of an HTML fragment, on one line."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", fragment)).split())


def picture_of(img, *, caption="", attachment_id=""):
    """The Picture an ``<img>`` tag shows (None without an address)."""
    attributes = {
        name.lower(): html.unescape(double if double is not None else single)
        for name, double, single in _IMG_ATTRIBUTE.findall(img)
    }
    src = attributes.get("src", "").strip()
    if not src:
        return None
    found = _ATTACHMENT_CLASS.search(attributes.get("class", ""))
    return Picture(
        src=src,
        attachment_id=found.group(1) if found else attachment_id,
        alt=" ".join(attributes.get("alt", "").split()),
        caption=caption,
    )


def figure_html(image_id, caption=""):
    """A picture of the media library in a body, in the one form of articles/body.py."""
    inside = f"<figcaption>{html.escape(caption, quote=False)}</figcaption>" if caption else ""
    return f'<figure data-image-id="{int(image_id)}" data-decorative="false">{inside}</figure>'


def _lift_pictures(text):
    """Figures out of the paragraphs they were written in (a figure cannot be in a
    ``<p>``): the paragraph is split around them, and what is left empty goes."""

    def split(match):
        if not _PLACEHOLDER.search(match.group(1)):
            return match.group(0)
        parts = []
        for index, piece in enumerate(_PLACEHOLDER.split(match.group(1))):
            if index % 2:
                parts.append(f"\x00picture{piece}\x00")
                continue
            piece = re.sub(r"^(?:\s|<br\s*/?>)+|(?:\s|<br\s*/?>)+$", "", piece)
            if not _EMPTY_PARAGRAPH_TEXT.match(piece):
                parts.append(f"<p>{piece}</p>")
        return "".join(parts)

    return _PARAGRAPH.sub(split, text)


def shown_caption(caption):
    """A picture's caption as its figure shows it: without the credit it often ends with,
    which the figure shows from the media library."""
    credit = parse_credit(caption)
    return " ".join(credit.remainder.split()) if credit else caption


def _embed_link(match):
    url = html.escape(match.group(1).strip(), quote=True)
    return f'<p><a href="{url}">{url}</a></p>'


def convert(content, picture_id=None):
    """``content`` of a WordPress post (blocks or classic) as article HTML (see module).

    ``picture_id(picture)`` gives the id in the media library of each Picture, or None when
    the picture could not be had (its caption is then kept as a paragraph)."""
    content = content or ""
    pictures = []

    def placeholder(picture):
        if picture is None:
            return ""
        pictures.append(picture)
        return f"\x00picture{len(pictures) - 1}\x00"

    def caption_shortcode(match):
        inner = match.group(2)
        found = _ATTACHMENT_CAPTION_ID.search(match.group(1))
        # WordPress before 3.4 wrote the caption as an attribute, later ones after the picture.
        written = _CAPTION_ATTRIBUTE.search(match.group(1))
        caption = _text(
            (written.group(1) or written.group(2) or "") if written else _LINKED_IMG.sub("", inner)
        )
        images = _IMG.findall(inner)
        if not images:
            return f"<p>{html.escape(caption, quote=False)}</p>" if caption else ""
        return "".join(
            placeholder(picture_of(img, caption=caption, attachment_id=found.group(1) if found
                                   else ""))
            for img in images
        )

    def html_figure(match):
        inner = match.group(1)
        found = _FIGCAPTION.search(inner)
        caption = _text(found.group(1)) if found else ""
        return "".join(
            placeholder(picture_of(img, caption=caption)) for img in _IMG.findall(inner)
        )

    unknown_blocks = Counter()
    is_blocks = bool(_BLOCK_COMMENT.search(content))

    def drop_block_comment(match):
        closing, name = match.group(1), match.group(2)
        name = name.removeprefix("core/")
        if not closing and name not in KNOWN_BLOCKS:
            unknown_blocks[name] += 1
        return ""

    content = _BLOCK_COMMENT.sub(drop_block_comment, content)
    content = _EMBED.sub(_embed_link, content)
    content = _HTML_FIGURE.sub(html_figure, content)
    content = _CAPTION.sub(caption_shortcode, content)
    content = _LINKED_IMG.sub(lambda match: placeholder(picture_of(match.group(0))), content)
    content = _PICTURES_ONLY_FIGURE.sub(lambda match: match.group(1), content)
    unknown_shortcodes = Counter(
        match.group(2).lower()
        for match in _SHORTCODE.finditer(content)
        if not match.group(1) and match.group(2).lower() not in KNOWN_SHORTCODES
    )
    if not is_blocks:
        content = wpautop(content)

    def picture_html(match):
        picture = pictures[int(match.group(1))]
        image_id = picture_id(picture) if picture_id else None
        caption = shown_caption(picture.caption)
        if image_id is None:
            return f"<p>{html.escape(caption, quote=False)}</p>" if caption else ""
        return figure_html(image_id, caption)

    content = _PLACEHOLDER.sub(picture_html, _lift_pictures(content))
    return Converted(
        html=content.strip(),
        pictures=pictures,
        unknown_blocks=unknown_blocks,
        unknown_shortcodes=unknown_shortcodes,
    )
