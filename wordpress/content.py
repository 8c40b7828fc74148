"""WordPress post content made into the HTML an article body holds.

Block-editor markup (``<!-- wp:paragraph -->`` comments around HTML) and the classic
editor's text (paragraphs separated by blank lines, which WordPress's ``wpautop`` turns into
``<p>`` when it displays them) both become plain HTML; ``[caption]`` shortcodes become
figures. What has no equivalent here is kept as text and counted by name, so the report
says what an editor should look at. The article's own sanitizer has the last word.
"""

import html
import re
from collections import Counter
from dataclasses import dataclass, field

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
_SRC = re.compile(r"""\bsrc\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_BLOCK_TAGS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|"
    "map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|"
    "aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary"
)
_STARTS_BLOCK = re.compile(rf"^\s*</?(?:{_BLOCK_TAGS})\b", re.IGNORECASE)


@dataclass
class Converted:
    """A body made into HTML, the pictures it showed and what had no equivalent."""

    html: str
    image_urls: list = field(default_factory=list)
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


def _caption_figure(match):
    inner = match.group(2)
    images = _IMG.findall(inner)
    text = _IMG.sub("", inner)
    text = re.sub(r"</?a\b[^>]*>", "", text).strip()
    caption = f"<figcaption>{text}</figcaption>" if text else ""
    return f"<figure>{''.join(images)}{caption}</figure>"


def _embed_link(match):
    url = html.escape(match.group(1).strip(), quote=True)
    return f'<p><a href="{url}">{url}</a></p>'


def convert(content):
    """``content`` of a WordPress post (blocks or classic) as article HTML (see module)."""
    content = content or ""
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
    content = _CAPTION.sub(_caption_figure, content)
    unknown_shortcodes = Counter(
        match.group(2).lower()
        for match in _SHORTCODE.finditer(content)
        if not match.group(1) and match.group(2).lower() not in KNOWN_SHORTCODES
    )
    if not is_blocks:
        content = wpautop(content)
    image_urls = [m.group(1) for img in _IMG.findall(content) for m in [_SRC.search(img)] if m]
    return Converted(
        html=content.strip(),
        image_urls=image_urls,
        unknown_blocks=unknown_blocks,
        unknown_shortcodes=unknown_shortcodes,
    )
