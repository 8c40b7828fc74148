"""
RSS 2.0 and Atom feeds: the latest articles, the articles of a tag, of an author.

Each item carries the standfirst as its summary, the full (sanitized) body as its content,
every author, the tags as categories and the featured image, both as an enclosure and as a
Media RSS ``media:content`` with its alternative text and credit.

Addresses in a feed are absolute on the site's base URL (``core.identity``), whatever host
the feed was asked on: Django's syndication view, as it is.
"""

import mimetypes

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from core import identity
from core.models import SiteSettings
from core.names import public_name

from . import body
from .models import Article, Tag, fetch_card_relations, public_authors
from .rendering import embeds_for, render_body

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
MEDIA_NS = "http://search.yahoo.com/mrss/"


def _add_media_content(handler, image):
    """A Media RSS element for the featured image (Atom and RSS alike)."""
    if not image:
        return
    attributes = {"url": image["url"], "medium": "image"}
    for key in ("type", "width", "height", "fileSize"):
        if image.get(key):
            attributes[key] = str(image[key])
    handler.startElement("media:content", attributes)
    if image.get("alt"):
        handler.addQuickElement("media:description", image["alt"], {"type": "plain"})
    if image.get("credit"):
        handler.addQuickElement("media:credit", image["credit"])
    handler.endElement("media:content")


class ArticleRssFeedGenerator(Rss201rev2Feed):
    """RSS 2.0 with the full body in ``content:encoded`` and one ``dc:creator`` per author."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": CONTENT_NS,
            "xmlns:dc": DC_NS,
            "xmlns:media": MEDIA_NS,
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, _url in item["authors"]:
            handler.addQuickElement("dc:creator", name)
        handler.addQuickElement("content:encoded", item["content_html"])
        _add_media_content(handler, item["image"])


class ArticleAtomFeedGenerator(Atom1Feed):
    """Atom with the full body in ``<content type="html">`` and one ``<author>`` per author."""

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, url in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.addQuickElement("uri", url)
            handler.endElement("author")
        handler.addQuickElement("content", item["content_html"], {"type": "html"})
        _add_media_content(handler, item["image"])


class LatestArticlesFeed(Feed):
    """The latest published articles of the site, in RSS 2.0."""

    feed_type = ArticleRssFeedGenerator
    #: The name of the feed's own address, for its self link.
    url_name = "articles:feed_rss"

    def absolute(self, path):
        return identity.absolute_url(path)

    def url_arguments(self, obj):
        return []

    # The feed

    def title(self, obj):
        return identity.site_name()

    def link(self, obj):
        return self.absolute(reverse("articles:home"))

    def summary(self, obj):
        """The feed's description, in plain text."""
        return str(SiteSettings.current().description)

    def description(self, obj):
        # RSS readers take the channel's description for HTML: the plain text is escaped.
        return escape(self.summary(obj))

    def subtitle(self, obj):
        # Atom's description is text (its default type): written as it is.
        return self.summary(obj)

    def feed_url(self, obj):
        return self.absolute(reverse(self.url_name, args=self.url_arguments(obj)))

    def get_articles(self, obj):
        return Article.objects.published()

    def items(self, obj):
        articles = self.get_articles(obj).for_feed().order_by("-published_at", "-pk")
        articles = list(articles[: settings.FEED_ARTICLES_COUNT])
        fetch_card_relations(articles)
        # The embeds of every item in one query; their pictures came with them.
        embeds = embeds_for({url for article in articles for url in body.embed_urls(article.body)})
        for article in articles:
            article.feed_content = str(
                render_body(
                    article, base_url=identity.absolute_url("/"), embeds=embeds, static=True
                )
            )
        return articles

    # Each article

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Readers take the summary for HTML: the plain-text standfirst is escaped.
        return escape(item.standfirst)

    def item_link(self, item):
        return self.absolute(item.get_absolute_url())

    def item_guid(self, item):
        # A tag URI survives a change of slug, so readers do not show the article twice.
        return f"tag:{identity.host()},{item.published_at:%Y-%m-%d}:article:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]

    def item_comments(self, item):
        return self.item_link(item) + "#comments"

    def item_enclosures(self, item):
        image = self._image(item)
        if not image or not image.get("fileSize"):
            # RSS requires the length of an enclosure: without the file, media:content only.
            return []
        return [Enclosure(image["url"], str(image["fileSize"]), image["type"])]

    def item_extra_kwargs(self, item):
        return {
            "content_html": item.feed_content,
            "authors": [
                (
                    public_name(author),
                    self.absolute(reverse("articles:author", args=[author.profile.public_slug])),
                )
                for author in item.ordered_authors
            ],
            "image": self._image(item),
        }

    def _image(self, item):
        """The featured image as feeds describe it (from the prefetched renditions)."""
        return self._describe_image(item.featured_image)

    def _describe_image(self, image):
        if image is None or not image.file:
            return None
        card = image.social_card()
        return {
            "url": self.absolute(card.url),
            "type": mimetypes.guess_type(card.url)[0] or "image/jpeg",
            "width": card.width,
            "height": card.height,
            "fileSize": card.file_size,
            "alt": image.alt_text,
            "credit": image.credit_text,
        }


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = ArticleAtomFeedGenerator
    url_name = "articles:feed_atom"


class TagFeed(LatestArticlesFeed):
    """The latest articles of one tag."""

    url_name = "articles:tag_feed_rss"

    def url_arguments(self, obj):
        return [obj.slug]

    def get_object(self, request, slug):
        return Tag.objects.with_published_articles().get(slug=slug)

    def title(self, obj):
        return _("%(site)s: %(tag)s") % {"site": identity.site_name(), "tag": obj.name}

    def link(self, obj):
        return self.absolute(obj.get_absolute_url())

    def summary(self, obj):
        return obj.description or _("The latest articles about %(tag)s.") % {"tag": obj.name}

    def get_articles(self, obj):
        return Article.objects.published().filter(tags=obj)


class TagAtomFeed(TagFeed):
    feed_type = ArticleAtomFeedGenerator
    url_name = "articles:tag_feed_atom"


class AuthorFeed(LatestArticlesFeed):
    """The latest articles of one author."""

    url_name = "articles:author_feed_rss"

    def url_arguments(self, obj):
        return [obj.profile.public_slug]

    def get_object(self, request, slug):
        return public_authors().get(profile__public_slug=slug)

    def title(self, obj):
        return _("%(site)s: articles by %(name)s") % {
            "site": identity.site_name(),
            "name": public_name(obj),
        }

    def link(self, obj):
        return self.absolute(reverse("articles:author", args=[obj.profile.public_slug]))

    def summary(self, obj):
        return _("The latest articles by %(name)s.") % {"name": public_name(obj)}

    def author_name(self, obj):
        return public_name(obj)

    def author_link(self, obj):
        return self.link(obj)

    def get_articles(self, obj):
        return Article.objects.published().filter(authors=obj)


class AuthorAtomFeed(AuthorFeed):
    feed_type = ArticleAtomFeedGenerator
    url_name = "articles:author_feed_atom"
