"""Reading a WordPress export (WXR 1.2) as a stream: one item at a time, whatever its size.

The file is parsed by defusedxml (an export is a file someone hands over: entity bombs and
external entities are refused) with ``iterparse``; each element is cleared once read, so
memory holds one item, not the export.
"""

import hashlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

WP = "{http://wordpress.org/export/1.2/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
EXCERPT = "{http://wordpress.org/export/1.2/excerpt/}"
DC = "{http://purl.org/dc/elements/1.1/}"


class ExportError(Exception):
    """The file is not a readable WordPress export (or stops being one halfway)."""


@dataclass
class Author:
    login: str
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""
    wordpress_id: str = ""


@dataclass
class Term:
    """A category or a tag."""

    taxonomy: str  # "category" or "post_tag"
    wordpress_id: str
    slug: str
    name: str
    description: str = ""
    #: The slug of the parent category, for a subcategory.
    parent: str = ""


@dataclass
class Comment:
    wordpress_id: str
    author: str
    email: str
    url: str
    ip: str
    date: str
    date_gmt: str
    content: str
    approved: str
    type: str
    parent: str


@dataclass
class Item:
    """A post, a page, an attachment or anything else WordPress stores as a post."""

    wordpress_id: str
    post_type: str
    title: str
    link: str
    creator: str
    content: str
    excerpt: str
    post_date: str
    post_date_gmt: str
    name: str
    status: str
    parent: str
    attachment_url: str
    description: str
    comment_status: str = ""
    terms: list = field(default_factory=list)  # (taxonomy, slug, name)
    meta: dict = field(default_factory=dict)
    comments: list = field(default_factory=list)
    fingerprint: str = ""


@dataclass
class Channel:
    """What the export says about the site itself."""

    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    wxr_version: str = ""


def _text(element, tag, default=""):
    child = element.find(tag)
    if child is None or child.text is None:
        return default
    return child.text.strip()


def _raw(element, tag):
    child = element.find(tag)
    return "" if child is None or child.text is None else child.text


def read_author(element):
    return Author(
        login=_text(element, f"{WP}author_login"),
        email=_text(element, f"{WP}author_email"),
        display_name=_text(element, f"{WP}author_display_name"),
        first_name=_text(element, f"{WP}author_first_name"),
        last_name=_text(element, f"{WP}author_last_name"),
        wordpress_id=_text(element, f"{WP}author_id"),
    )


def read_category(element):
    return Term(
        taxonomy="category",
        wordpress_id=_text(element, f"{WP}term_id"),
        slug=_text(element, f"{WP}category_nicename"),
        name=_text(element, f"{WP}cat_name"),
        description=_text(element, f"{WP}category_description"),
        parent=_text(element, f"{WP}category_parent"),
    )


def read_tag(element):
    return Term(
        taxonomy="post_tag",
        wordpress_id=_text(element, f"{WP}term_id"),
        slug=_text(element, f"{WP}tag_slug"),
        name=_text(element, f"{WP}tag_name"),
        description=_text(element, f"{WP}tag_description"),
    )


def read_comment(element):
    return Comment(
        wordpress_id=_text(element, f"{WP}comment_id"),
        author=_text(element, f"{WP}comment_author"),
        email=_text(element, f"{WP}comment_author_email"),
        url=_text(element, f"{WP}comment_author_url"),
        ip=_text(element, f"{WP}comment_author_IP"),
        date=_text(element, f"{WP}comment_date"),
        date_gmt=_text(element, f"{WP}comment_date_gmt"),
        content=_raw(element, f"{WP}comment_content"),
        approved=_text(element, f"{WP}comment_approved"),
        type=_text(element, f"{WP}comment_type"),
        parent=_text(element, f"{WP}comment_parent", "0"),
    )


def read_item(element):
    item = Item(
        wordpress_id=_text(element, f"{WP}post_id"),
        post_type=_text(element, f"{WP}post_type"),
        title=_text(element, "title"),
        link=_text(element, "link"),
        creator=_text(element, f"{DC}creator"),
        content=_raw(element, f"{CONTENT}encoded"),
        excerpt=_raw(element, f"{EXCERPT}encoded").strip(),
        post_date=_text(element, f"{WP}post_date"),
        post_date_gmt=_text(element, f"{WP}post_date_gmt"),
        name=_text(element, f"{WP}post_name"),
        status=_text(element, f"{WP}status"),
        parent=_text(element, f"{WP}post_parent", "0"),
        attachment_url=_text(element, f"{WP}attachment_url"),
        description=_raw(element, "description").strip(),
        comment_status=_text(element, f"{WP}comment_status"),
    )
    for category in element.findall("category"):
        name = (category.text or "").strip()
        item.terms.append((category.get("domain", ""), category.get("nicename", ""), name))
    for meta in element.findall(f"{WP}postmeta"):
        item.meta[_text(meta, f"{WP}meta_key")] = _raw(meta, f"{WP}meta_value")
    item.comments = [read_comment(c) for c in element.findall(f"{WP}comment")]
    item.fingerprint = hashlib.sha256(ET.tostring(element)).hexdigest()
    return item


_READERS = {
    f"{WP}author": read_author,
    f"{WP}category": read_category,
    f"{WP}tag": read_tag,
    "item": read_item,
}
_CHANNEL_FIELDS = {
    "title": "title",
    "link": "link",
    f"{WP}base_site_url": "base_site_url",
    f"{WP}base_blog_url": "base_blog_url",
    f"{WP}wxr_version": "wxr_version",
}


def read_export(source, channel=None):
    """Yield the authors, terms and items of the export at ``source`` (a path or a binary
    file), in the file's order. ``channel`` (a Channel) is filled in as its fields are read.

    Raises ExportError when the file is not a WordPress export or is cut short.
    """
    channel = channel if channel is not None else Channel()
    depth = 0
    seen_root = False
    container = None
    try:
        for event, element in iterparse(source, events=("start", "end"), forbid_dtd=True):
            if event == "start":
                if not seen_root:
                    seen_root = True
                    if element.tag != "rss":
                        raise ExportError(
                            f"This is not a WordPress export: its root element is "
                            f"<{element.tag}>, not <rss>."
                        )
                depth += 1
                if depth == 2:
                    container = element
                continue
            depth -= 1
            if depth == 2 and element.tag in _CHANNEL_FIELDS:
                setattr(channel, _CHANNEL_FIELDS[element.tag], (element.text or "").strip())
                element.clear()
                continue
            if depth == 2 and element.tag in _READERS:
                if not channel.wxr_version:
                    raise ExportError(
                        "This is not a WordPress export: it has no <wp:wxr_version> "
                        "before its first entry (export it again with Tools › Export)."
                    )
                yield _READERS[element.tag](element)
                # Read entries leave the tree: memory holds one entry, not the export.
                container.clear()
            elif depth == 1:
                element.clear()
    except (SyntaxError, DefusedXmlException) as error:
        # ParseError is a SyntaxError: a truncated or damaged file.
        raise ExportError(f"The export cannot be read past this point: {error}") from error
    if not seen_root:
        raise ExportError("The file is empty.")
