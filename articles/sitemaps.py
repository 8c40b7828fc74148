"""
The sitemaps search engines read: an index over four sections, and a Google News sitemap,
served by Django's own sitemap views (see newsroom/urls.py).

Their addresses are on the site's base URL (``core.identity``): its scheme and host.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.flatpages.models import FlatPage
from django.contrib.sitemaps import Sitemap
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone

from core import identity

from .models import Article, Tag

#: How far back the Google News sitemap looks (Google News ignores older articles).
NEWS_WINDOW = timedelta(hours=48)


class SiteSitemap(Sitemap):
    """A sitemap section whose addresses use the scheme and host of the site's base URL."""

    @property
    def protocol(self):
        return identity.scheme()

    def get_domain(self, site=None):
        return identity.host_and_port()


class ArticleSitemap(SiteSitemap):
    """Every published article, with the date it last changed."""

    def items(self):
        return (
            Article.objects.published()
            .only("slug", "updated_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, article):
        return article.updated_at

    def get_latest_lastmod(self):
        return Article.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class TagSitemap(SiteSitemap):
    """The archive of every tag that has a published article."""

    def items(self):
        now = timezone.now()
        return (
            Tag.objects.filter(
                tagged_articles__content_object__status=Article.Status.PUBLISHED,
                tagged_articles__content_object__published_at__lte=now,
            )
            .annotate(last_modified=Max("tagged_articles__content_object__updated_at"))
            .only("slug")
            .order_by("name")
        )

    def lastmod(self, tag):
        return tag.last_modified


class AuthorSitemap(SiteSitemap):
    """The archive of every author who has a published article."""

    def items(self):
        return (
            get_user_model()
            .objects.filter(
                is_active=True,
                articles__status=Article.Status.PUBLISHED,
                articles__published_at__lte=timezone.now(),
            )
            .annotate(last_modified=Max("articles__updated_at"), slug=F("profile__public_slug"))
            .only("pk")
            .order_by("slug")
        )

    def location(self, user):
        return reverse("articles:author", args=[user.slug])

    def lastmod(self, user):
        return user.last_modified


class StaticPagesSitemap(SiteSitemap):
    """The home page and the public flat pages (about, legal notice…)."""

    def items(self):
        flatpages = FlatPage.objects.filter(
            sites__id=settings.SITE_ID, registration_required=False
        ).order_by("url")
        return [reverse("articles:home"), *flatpages.values_list("url", flat=True)]

    def location(self, path):
        return path


class NewsSitemap(SiteSitemap):
    """Articles published in the last 48 hours, for Google News."""

    limit = 1000  # Google News reads at most 1,000 addresses per sitemap.

    def items(self):
        return (
            Article.objects.published()
            .filter(published_at__gte=timezone.now() - NEWS_WINDOW)
            .only("slug", "title", "published_at", "updated_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, article):
        return article.updated_at


#: The sections of sitemap.xml, by the name in their address (sitemap-<name>.xml).
#: The Google News sitemap is a sitemap of its own, never listed in the index.
SECTIONS = {
    "articles": ArticleSitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
    "pages": StaticPagesSitemap,
}
