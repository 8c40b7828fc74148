"""
What a page tells search engines, social networks and feed readers about itself.

Views put a ``PageMetadata`` in their context as ``metadata``; the template
``includes/metadata.html`` (in the ``<head>`` of base.html) turns it into the canonical link,
the meta description, robots directives, Open Graph and Twitter card tags, the feed links and,
on articles, a JSON-LD ``NewsArticle``. Pages without one (flat pages, errors) get the site's.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core import identity
from core.addresses import address_context, reverse_slug, reverse_without_arguments, static
from core.models import SiteSettings
from core.names import public_name

from . import feeds
from .provenance import add_provenance

#: The built-in publisher's logo of structured data (Google wants at most 600×60), used
#: until one is uploaded in the site settings.
LOGO_PATH, LOGO_WIDTH, LOGO_HEIGHT = "img/logo.png", 600, 60
#: Search engines cut descriptions around this length.
DESCRIPTION_LENGTH = 160
#: Open Graph locales of the site's languages.
OG_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


@dataclass(frozen=True)
class FeedLink:
    """A feed a page advertises with ``<link rel="alternate">``."""

    title: str
    url: str
    type: str = "application/rss+xml"


def feed_links(title, rss_url, atom_url):
    return [
        FeedLink(title, rss_url),
        FeedLink(_("%(title)s (Atom)") % {"title": title}, atom_url, "application/atom+xml"),
    ]


def site_feeds():
    return feed_links(
        feeds.LatestArticlesFeed().title(None),
        reverse("articles:feed_rss"),
        reverse("articles:feed_atom"),
    )


@dataclass
class PageMetadata:
    """The page as others see it: shared on a social network, listed by a search engine."""

    title: str = ""
    description: str = ""
    og_type: str = "website"
    image: object = None
    noindex: bool = False
    #: Whether the page may claim its address as canonical (a 404 or a form error may not).
    canonical: bool = True
    article: object = None
    feeds: list = field(default_factory=list)

    def __post_init__(self):
        site = SiteSettings.current()
        self.title = self.title or site.site_name
        description = " ".join(str(self.description or site.description).split())
        self.description = Truncator(description).chars(DESCRIPTION_LENGTH)
        # Shared, a page without a picture of its own shows the site's default one.
        self.image = self.image or site.default_social_image
        # Every page points to the site-wide feed; archives add their own first.
        self.feeds = [*self.feeds, *site_feeds()]

    @classmethod
    def for_article(cls, article, *, preview=False):
        return cls(
            title=article.title,
            description=article.standfirst or article.title,
            og_type="article",
            image=article.featured_image,
            # A preview (a draft, a scheduled article) must never be indexed.
            noindex=preview or not article.is_published,
            article=article,
        )

    @classmethod
    def for_tag(cls, tag):
        return cls(
            title=tag.name,
            description=tag.description
            or _("Articles about %(tag)s.") % {"tag": tag.name},
            feeds=feed_links(
                feeds.TagFeed().title(tag),
                reverse("articles:tag_feed_rss", args=[tag.slug]),
                reverse("articles:tag_feed_atom", args=[tag.slug]),
            ),
        )

    @classmethod
    def for_author(cls, author):
        name = public_name(author)
        slug = author.profile.public_slug
        return cls(
            title=name,
            description=_("Articles by %(name)s.") % {"name": name},
            og_type="profile",
            feeds=feed_links(
                feeds.AuthorFeed().title(author),
                reverse("articles:author_feed_rss", args=[slug]),
                reverse("articles:author_feed_atom", args=[slug]),
            ),
        )

    @property
    def locale(self):
        return OG_LOCALES.get(get_language(), OG_LOCALES[settings.LANGUAGE_CODE])

    @property
    def alternate_locales(self):
        return [locale for locale in OG_LOCALES.values() if locale != self.locale]


def _image_object(image, absolute):
    """A schema.org ImageObject with everything the photo credit says about licensing."""
    card = image.social_card()
    data = {
        "@type": "ImageObject",
        "url": absolute(card.url),
        "contentUrl": absolute(card.url),
        "width": card.width,
        "height": card.height,
    }
    if image.caption or image.alt_text:
        data["caption"] = image.caption or image.alt_text
    if image.credit_text:
        data["creditText"] = image.credit_text
        data["copyrightNotice"] = image.credit_text
    if image.credit:
        data["creator"] = {"@type": "Person", "name": image.credit}
    elif image.credit_source:
        data["creator"] = {"@type": "Organization", "name": image.credit_source}
    if image.licence_url:
        data["license"] = image.licence_url
    if image.source_url:
        data["acquireLicensePage"] = image.source_url
    return data


def _publisher_logo(site, absolute):
    """The logo uploaded in the site settings, or the built-in one."""
    if site.publisher_logo:
        url, width, height = (
            site.publisher_logo.url,
            site.publisher_logo_width,
            site.publisher_logo_height,
        )
    else:
        url, width, height = static(LOGO_PATH), LOGO_WIDTH, LOGO_HEIGHT
    return {"@type": "ImageObject", "url": absolute(url), "width": width, "height": height}


def news_article_data(article, request):
    """The schema.org ``NewsArticle`` of ``article``, as a dict ready for JSON-LD.

    ``article`` comes with its authors, tags, sources and featured image prefetched.
    """

    absolute = identity.absolute_urls(request)
    # Its addresses, all in the language and URL configuration active now.
    addresses = address_context()
    site = SiteSettings.current()
    url = absolute(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": f"{url}#article",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": Truncator(article.title).chars(110),
        "description": article.standfirst,
        "inLanguage": settings.LANGUAGE_CODE,
        "isAccessibleForFree": True,
        "author": [
            {
                "@type": "Person",
                "name": public_name(author),
                "url": absolute(
                    reverse_slug("articles:author", author.profile.public_slug, addresses)
                ),
            }
            for author in article.ordered_authors
        ],
        "publisher": {
            "@type": "Organization",
            "name": site.site_name,
            "url": absolute(reverse_without_arguments("articles:home", addresses)),
            "logo": _publisher_logo(site, absolute),
        },
        "keywords": [tag.name for tag in article.tags.all()],
        "citation": [
            {"@type": "CreativeWork", "name": source.name, "url": source.url or None}
            for source in article.sources.all()
        ],
    }
    if article.published_at:
        data["datePublished"] = _iso(article.published_at)
    if article.updated_at:
        data["dateModified"] = _iso(article.updated_at)
    if article.featured_image_id:
        data["image"] = _image_object(article.featured_image, absolute)
    if data["keywords"]:
        data["articleSection"] = data["keywords"][0]
    add_provenance(data, article, absolute)
    return _without_empty(data)


def _iso(moment):
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _without_empty(value):
    """``value`` without the keys whose value is empty, at every depth."""
    if isinstance(value, dict):
        return {
            key: _without_empty(item) for key, item in value.items() if item not in (None, "", [])
        }
    if isinstance(value, list):
        return [_without_empty(item) for item in value]
    return value
