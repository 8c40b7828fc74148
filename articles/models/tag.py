"""The taxonomy: tags with their own archive pages, and which articles carry them."""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Exists, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _
from taggit.managers import _TaggableManager
from taggit.models import TagBase, TaggedItemBase

from core import pagecache
from core.addresses import reverse_slug
from core.statements import CompiledQuery

from ..slugs import slugify_french

#: The permission that lets a user choose the tags of the site's main menu.
MANAGE_SECTIONS = "articles.manage_sections"


class TagQuerySet(pagecache.PurgingQuerySet):
    def shown_keys(self, rows, changes):
        """A tag's name is on its page, its articles' pages, the lists and, for a section,
        the menu of every page (as articles/signals.py purges for a save)."""
        return {
            pagecache.LISTING_KEY,
            pagecache.SITE_KEY,
            *(pagecache.object_key("tag", pk) for (pk,) in rows),
        }

    def with_published_articles(self):
        """The tags readers may know of: those of at least one published article.

        A tag that only drafts or scheduled articles carry would name them before they are out.
        """
        from .article import published_condition

        # The tags of a join of published articles, not a query nested in another: the same
        # plan as an EXISTS in PostgreSQL (a semi-join), and a quarter less for Django to
        # build and compile than the EXISTS (and its outer reference), on every page: the
        # menu asks it.
        tagged_published = TaggedArticle.objects.filter(
            published_condition(through="content_object__")
        ).values("tag_id")
        return self.filter(pk__in=tagged_published)

    def known_to(self, user):
        """The tags ``user`` may learn of in the admin: for whom may not edit every article,
        neither the tags that only other authors' unpublished articles carry (they would
        give those articles away), but the unused ones, which name nothing."""
        from .article import Article

        if user is not None and user.has_perm("articles.edit_any_article"):
            return self
        tagged = TaggedArticle.objects.filter(tag=OuterRef("pk"))
        readable = (
            Article.objects.published() if user is None else Article.objects.known_to(user)
        )
        return self.filter(~Exists(tagged) | Exists(tagged.filter(content_object__in=readable)))

    def sections(self):
        """The site's sections, as editors ordered them: the tags of the main menu that
        lead to at least one published article (an empty archive is no place to send
        readers), in one query."""
        from .article import published_condition

        # The last published article of each section, found from the end of the tag's
        # index: PostgreSQL stops at the first one. Asked as a semi-join (``EXISTS``, or
        # with_published_articles()), it hashed every tagged article of each tag first:
        # three times the work, on every page, for a handful of tags.
        last_published = (
            TaggedArticle.objects.filter(
                published_condition(through="content_object__"), tag=OuterRef("pk")
            )
            .order_by("-content_object_id")
            .values("content_object_id")[:1]
        )
        return (
            self.filter(is_section=True)
            .alias(last_published=Subquery(last_published))
            .filter(last_published__isnull=False)
            .order_by("section_position", "name")
        )


class TagManager(models.Manager.from_queryset(TagQuerySet)):
    """``Tag.objects``: the queryset's methods, and the main menu's query."""

    def menu(self):
        """The sections of the main menu (``sections()``) with their names and slugs only,
        as a list."""
        return MENU_SECTIONS()


class ArticleTagsManager(_TaggableManager):
    """An article's ``tags``: taggit's manager, whose queryset is filtered lazily, as
    Django's related managers filter theirs.

    Prefetching the tags of a list of articles asks each article's manager for its
    queryset, only to replace its result with the prefetched tags: taggit built the
    filter in full every time, a third of what prefetching a page of cards' tags cost.
    """

    def get_queryset(self, extra_filters=None):
        if self.instance is None or extra_filters:
            return super().get_queryset(extra_filters)
        try:
            return self.instance._prefetched_objects_cache[self.prefetch_cache_name]
        except (AttributeError, KeyError):
            pass
        # What taggit's tags_for() gives for one article, ordered first: ordering a
        # queryset would apply the deferred filter.
        queryset = self.through.tag_model().objects.order_by(*self.ordering)
        queryset._defer_next_filter = True
        return queryset.filter(**{f"{self.through.tag_relname()}__content_object": self.instance})

    def get_prefetch_querysets(self, instances, querysets=None):
        queryset, *rest = super().get_prefetch_querysets(instances, querysets)
        # taggit leaves the tags it prefetches for several articles unordered: each
        # article's tags come in the order they were given, as for one article.
        return (queryset.order_by(f"{self.through.tag_relname()}__pk"), *rest)


class Tag(TagBase):
    """A taxonomy term (Hardware, Société…) with its own archive page.

    Anyone who writes may create a tag by typing it on an article; only editors make a
    tag a section of the site, shown in the main menu (``may_manage_sections``).
    """

    name = models.CharField(_("name"), unique=True, max_length=100)
    slug = models.SlugField(_("slug"), unique=True, max_length=100, allow_unicode=False)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Shown at the top of the tag's archive page.")
    )
    is_section = models.BooleanField(
        _("section of the site"),
        default=False,
        help_text=_(
            "Shown in the main menu of every page, once it has a published article. "
            "Only editors choose the sections."
        ),
    )
    section_position = models.PositiveSmallIntegerField(
        _("position in the menu"),
        default=0,
        help_text=_("Sections are listed from the smallest number; equal numbers by name."),
    )

    objects = TagManager()

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]
        permissions = [("manage_sections", _("Can choose the sections of the site"))]

    #: The fields only a user who may manage sections can change.
    SECTION_FIELDS = ("is_section", "section_position")

    @staticmethod
    def may_manage_sections(user):
        return user.has_perm(MANAGE_SECTIONS)

    def set_section(self, user, *, is_section, position=None):
        """Show this tag in the main menu (at ``position``) or take it out; editors only."""
        if not self.may_manage_sections(user):
            raise PermissionDenied(_("Only editors choose the sections of the site."))
        self.is_section = is_section
        if position is not None:
            self.section_position = position
        self.save(update_fields=["is_section", "section_position"])

    def slugify(self, tag, i=None):
        slug = slugify_french(tag, max_length=90) or "tag"
        return f"{slug}-{i}" if i is not None else slug

    def get_absolute_url(self, address_context=None):
        """Its archive's address (``address_context`` as ``core.addresses.reverse_slug``'s)."""
        return reverse_slug("articles:tag", self.slug, address_context)


# Every reader page asks it: compiled once per process (core/statements.py).
MENU_SECTIONS = CompiledQuery(Tag, lambda: Tag.objects.sections().only("name", "slug"))


class TaggedArticle(TaggedItemBase):
    content_object = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="tagged_items"
    )
    # Indexed with the article (Meta.indexes), which serves lookups by tag alone too.
    tag = models.ForeignKey(
        Tag, on_delete=models.CASCADE, related_name="tagged_articles", db_index=False
    )

    class Meta:
        verbose_name = _("tagged article")
        verbose_name_plural = _("tagged articles")
        # The articles of some tags, read from the index alone: ranking related articles
        # counts every article sharing a tag with the page's.
        indexes = [models.Index(fields=["tag", "content_object"], name="tagged_article_by_tag_idx")]
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_tag")
        ]


