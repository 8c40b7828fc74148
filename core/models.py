"""
The site's own settings, edited in the admin: its name, the AI-writing disclosure printed in
every footer, who holds editorial responsibility, the pages the site links to, its images.

One row, read on nearly every request: it is kept in the cache and dropped from it whenever
the row (or a page or image it points to) is saved, so an edit shows on the next page without
a restart. With several server processes, the cache must be shared (REDIS_URL) for that to be
immediate everywhere; a process-local cache still picks the change up within
``CACHE_SECONDS``.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from asgiref.local import Local
from django.conf import settings
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .validators import validate_image_file


@dataclass(frozen=True)
class PageLink:
    title: str
    url: str


# Named after the app that owns the model: a copy cached under the model's former home
# (newsroom) cannot be unpickled any more.
CACHE_KEY = "core:site-settings:v1"
#: How long a process may keep the settings without asking the cache's owner again.
CACHE_SECONDS = 300

# A page asks for the settings a score of times (its name, the base of every absolute
# address, the footer): the request being answered keeps the copy it read first, rather
# than asking a shared cache (a round trip each) again. Only while a request is answered
# (core/signals.py), so that a long-running process never keeps a stale copy.
_this_request = Local()


def remember_settings_during_request(**kwargs):
    _this_request.settings = {}


def forget_settings_after_request(**kwargs):
    _this_request.settings = None


def normalized_base_url(value):
    """``value`` as a base URL: scheme and host (and port), no path, no trailing slash."""
    value = (value or "").strip()
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValidationError(
            {"base_url": _("Give the scheme and the host, such as https://magazine.example.")}
        )
    if parts.path.strip("/") or parts.query or parts.fragment:
        raise ValidationError(
            {
                "base_url": _(
                    "Only the scheme and the host: the site is served from the root of its "
                    "address (remove “%(rest)s”)."
                )
                % {"rest": value[len(f"{parts.scheme}://{parts.netloc}") :]}
            }
        )
    return f"{parts.scheme}://{parts.netloc}".lower()


class SiteSettings(models.Model):
    """The one row of site-wide settings (its primary key is always 1)."""

    class Responsible(models.TextChoices):
        PERSON = "person", _("A person")
        ORGANIZATION = "organization", _("A company or organisation")

    SINGLETON_PK = 1

    site_name = models.CharField(
        _("site name"),
        max_length=100,
        help_text=_("Shown in the header, page titles, feeds and structured data."),
    )
    base_url = models.URLField(
        _("address of the site"),
        max_length=200,
        blank=True,
        help_text=_(
            "Its scheme and host, such as https://magazine.example: the address of every "
            "link that leaves the site (canonical links, feeds, sitemaps, e-mails, "
            "structured data). Left empty, pages use the address they are asked at."
        ),
    )
    tagline = models.CharField(
        _("tagline"),
        max_length=300,
        blank=True,
        help_text=_(
            "One sentence about the site: the description of pages that have none of "
            "their own. Left empty, a built-in description is used."
        ),
    )
    disclosure_text = models.TextField(
        _("AI-writing disclosure"),
        max_length=600,
        blank=True,
        help_text=_(
            "Printed at the bottom of every page: how the site uses artificial intelligence "
            "to write. Plain text. Left empty, a built-in sentence is used."
        ),
    )
    disclosure_page = models.ForeignKey(
        FlatPage,
        verbose_name=_("disclosure page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The page that explains the disclosure in detail; the footer and the AI labels "
            "of articles link to it."
        ),
    )
    disclosure_link_text = models.CharField(
        _("disclosure link text"),
        max_length=100,
        blank=True,
        help_text=_("The words of the footer's link to that page. Left empty: “Learn more”."),
    )
    editorial_responsibility = models.CharField(
        _("editorial responsibility"),
        max_length=200,
        blank=True,
        help_text=_(
            "Who answers for what the site publishes, AI-written articles included: "
            "a person (the publication director) or the publishing company."
        ),
    )
    editorial_responsibility_kind = models.CharField(
        _("editorial responsibility held by"),
        max_length=20,
        choices=Responsible.choices,
        default=Responsible.PERSON,
    )
    comment_policy_page = models.ForeignKey(
        FlatPage,
        verbose_name=_("comment policy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("How comments and commenters' data are handled; the comment form links to it."),
    )
    default_social_image = models.ForeignKey(
        "articles.Image",
        verbose_name=_("default social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when a page without an image of its own is shared."),
    )
    publisher_logo = models.ImageField(
        _("publisher logo"),
        upload_to="site/",
        blank=True,
        width_field="publisher_logo_width",
        height_field="publisher_logo_height",
        validators=[validate_image_file],
        help_text=_(
            "The publisher's logo in structured data, for search engines: PNG or JPEG, "
            "at most 600 pixels wide and 60 high. Left empty, the built-in logo is used."
        ),
    )
    publisher_logo_width = models.PositiveIntegerField(editable=False, default=0)
    publisher_logo_height = models.PositiveIntegerField(editable=False, default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        # The table the settings had when the project package held them: moving the model
        # to this app kept the data where it was.
        db_table = "newsroom_sitesettings"
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self):
        return gettext("Site settings")

    def save(self, *args, **kwargs):
        self.pk = self.SINGLETON_PK
        self.base_url = self.base_url.rstrip("/")
        super().save(*args, **kwargs)
        self.update_site()

    def clean(self):
        super().clean()
        self.base_url = normalized_base_url(self.base_url)

    def update_site(self):
        """Give the Sites framework the same name and host, for the Django views that ask
        it (syndication, sitemaps, flat pages)."""
        if not self.base_url:
            return
        site = Site.objects.filter(pk=settings.SITE_ID).first()
        host = urlsplit(self.base_url).netloc
        if site is not None and (site.domain, site.name) != (host, self.site_name):
            site.domain, site.name = host, self.site_name[:50]
            site.save()

    # Reading, through the cache

    @classmethod
    def defaults(cls):
        """The values of a site that nobody has configured yet."""
        return {"site_name": settings.NEWSROOM_SITE_NAME, "base_url": settings.SITE_BASE_URL}

    @classmethod
    def current(cls):
        """The settings, from the cache when possible; created with defaults on first use."""
        remembered = getattr(_this_request, "settings", None)
        if remembered:
            return remembered["current"]
        site_settings = cache.get(CACHE_KEY)
        if site_settings is None:
            site_settings = cls._load()
            cache.set(CACHE_KEY, site_settings, CACHE_SECONDS)
        if remembered is not None:
            remembered["current"] = site_settings
        return site_settings

    @classmethod
    def cached(cls):
        """The settings if the cache holds them, else the defaults, without any query.

        For pages that must not reach the database: those answering a suspect request.
        """
        site_settings = cache.get(CACHE_KEY)
        if site_settings is None:
            site_settings = cls(pk=cls.SINGLETON_PK, **cls.defaults())
            site_settings._footer_pages = []
        return site_settings

    @classmethod
    def _load(cls):
        related = ["disclosure_page", "comment_policy_page", "default_social_image"]
        found = cls.objects.select_related(*related).filter(pk=cls.SINGLETON_PK).first()
        if found is None:
            found, _created = cls.objects.get_or_create(
                pk=cls.SINGLETON_PK, defaults=cls.defaults()
            )
        found.footer_pages  # noqa: B018 - computed now, to be cached with the settings
        # The Sites framework keeps its site in each process: read it again with the
        # settings, so that its domain follows a change of the base URL here too.
        Site.objects.clear_cache()
        return found

    @staticmethod
    def forget():
        """Drop the cached copy, once the change that made it stale is committed."""
        transaction.on_commit(SiteSettings._drop_cached_copies)
        SiteSettings._drop_cached_copies()

    @staticmethod
    def _drop_cached_copies():
        cache.delete(CACHE_KEY)
        if getattr(_this_request, "settings", None):
            _this_request.settings = {}

    # What templates and structured data print

    @property
    def description(self):
        return self.tagline or settings.NEWSROOM_SITE_DESCRIPTION

    @property
    def footer_disclosure(self):
        return self.disclosure_text or gettext(
            "Articles on this site may be written with artificial intelligence. "
            "Every one of them is published under the responsibility of our editors."
        )

    @property
    def disclosure_url(self):
        return self.disclosure_page.url if self.disclosure_page_id else ""

    @property
    def disclosure_link_label(self):
        return self.disclosure_link_text or gettext("Learn more")

    @property
    def comment_policy_url(self):
        if self.comment_policy_page_id:
            return self.comment_policy_page.url
        return settings.COMMENTS_PRIVACY_URL

    @property
    def footer_pages(self):
        """The site's public pages, listed in every footer: (title, url) pairs by title."""
        if "_footer_pages" not in self.__dict__:
            pages = FlatPage.objects.filter(
                sites=settings.SITE_ID, registration_required=False
            ).order_by("title", "url")
            self._footer_pages = [
                PageLink(title, url) for title, url in pages.values_list("title", "url")
            ]
        return self._footer_pages

    @property
    def responsible_is_organization(self):
        return self.editorial_responsibility_kind == self.Responsible.ORGANIZATION
