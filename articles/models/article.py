"""Articles, their sources and the addresses they used to have."""

import functools
import math
import re

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager

from core import pagecache
from core.addresses import reverse_slug
from core.names import display_name, public_name
from core.statements import CompiledQuery

from .. import body as body_references
from .. import search as search_backend
from ..sanitizer import sanitize_html
from ..slugs import slugify_french
from ..vocabulary import WritingMethod
from . import related as related_lists
from .embed import ArticleBodyImage, Embed
from .image import Image, Rendition, rendition_relation, shown_renditions
from .tag import ArticleTagsManager, Tag, TaggedArticle

_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")

#: The fields of an article that search reads, in order of weight.
SEARCHED_FIELDS = ("title", "standfirst", "body")
#: The search index's own copies of the text: no page prints them, so pages never load them
#: (the stored vector of a long article weighs more than its body).
SEARCH_COLUMNS = ("search_vector", "search_text")
#: What reader pages never show of an article's reviewer (only the name is shown): not read
#: with the article, so that no password hash or address travels with a page's rows.
REVIEWER_SECRETS = ("reviewed_by__password", "reviewed_by__email")
#: ``Article.save(status_before=...)`` when the caller did not read the stored status.
NOT_READ = object()
#: An article's long texts, which lists of titles never show.
TEXT_COLUMNS = ("standfirst", "body", "sent_back_note", *SEARCH_COLUMNS)


#: What a bulk ``update()`` may change that moves the next scheduled publication.
SCHEDULE_FIELDS = {"status", "published_at"}


def becomes_published(changes):
    """Whether the changes given to a bulk ``update()`` publish the articles. A new status
    given as an expression may be "published": counted as such."""
    hidden = (Article.Status.DRAFT, Article.Status.REVIEW)
    return "status" in changes and changes["status"] not in hidden


def published_condition(through=""):
    """What ``published()`` keeps, as a condition on the articles reached through the
    relation ``through`` (``"content_object__"`` from a tagged item), for a query that
    joins them rather than nesting a query of published articles.

    The time is the database's (PostgreSQL's ``STATEMENT_TIMESTAMP()``), not a parameter:
    PostgreSQL plans a prepared statement once for any parameter, and, not knowing that the
    time given is "now", which nearly every article precedes, it would plan to read every
    published article first (the sections menu took 2 ms instead of 0.6).
    """
    return Q(**{
        f"{through}status": Article.Status.PUBLISHED,
        f"{through}published_at__lte": Now(),
    })


class ArticleQuerySet(pagecache.PurgingQuerySet):
    # The search index's copies of the text: no page prints them (articles/signals.py
    # updates them after every save).
    unshown_fields = frozenset(SEARCH_COLUMNS)
    key_columns = ("pk", "status")

    def update(self, **kwargs):
        """Django's bulk update, which sends no save signal: it purges the pages of the
        articles it changes that are, or become, published (as ``Article.save()`` does),
        and one that changes statuses or dates also refreshes the kept time of the next
        scheduled publication (articles/caching.py)."""
        moved = self._moved_in_related_lists(kwargs)
        updated = super().update(**kwargs)
        if updated and SCHEDULE_FIELDS & set(kwargs):
            from ..caching import purge_related_pages, refresh_next_publication

            refresh_next_publication(keep_earlier=True)
            transaction.on_commit(refresh_next_publication, using=self.db)
            related = related_lists.RelatedArticle.objects.using(self.db)
            for pk in moved:
                purge_related_pages(related.article_changed(pk))
        return updated

    update.alters_data = True

    def _moved_in_related_lists(self, changes):
        """The ids of the articles that ``changes`` (to a bulk update) may move in the
        related articles of others: those published, or becoming so, whose status or
        publication date it changes."""
        if not SCHEDULE_FIELDS & set(changes):
            return []
        if becomes_published(changes):
            return list(self.values_list("pk", flat=True))
        return list(self.filter(status=Article.Status.PUBLISHED).values_list("pk", flat=True))

    def shown_keys(self, rows, changes):
        """An article shows on its page and on every list while it is published (or
        scheduled); a draft on none."""
        published = Article.Status.PUBLISHED
        becomes = becomes_published(changes)
        shown = [pk for pk, status in rows if status == published or becomes]
        if not shown:
            return set()
        return {pagecache.LISTING_KEY, *(pagecache.object_key("article", pk) for pk in shown)}

    def published(self):
        """Exactly what readers may see: published, with a publication date that has come."""
        return self.filter(published_condition())

    def scheduled(self, after=None):
        """Published for a date still to come (later than ``after``, now by default),
        soonest first."""
        return self.filter(
            status=Article.Status.PUBLISHED, published_at__gt=after or timezone.now()
        ).order_by("published_at", "pk")

    # The editorial desk: what waits for someone (the admin's dashboard and list filters).

    def drafts(self):
        """Drafts, the last changed first."""
        return self.filter(status=Article.Status.DRAFT).order_by("-updated_at", "-pk")

    def awaiting_review(self):
        """Submitted for review, the one waiting longest first."""
        return self.filter(status=Article.Status.REVIEW).order_by(
            models.F("submitted_at").asc(nulls_first=True), "updated_at", "pk"
        )

    def sent_back(self):
        """Drafts an editor sent back to their authors, the last sent back first."""
        return self.filter(status=Article.Status.DRAFT, sent_back_at__isnull=False).order_by(
            "-sent_back_at", "-pk"
        )

    def ai_unreviewed(self):
        """Generated by AI and not reviewed yet, live or not, the oldest change first."""
        return self.filter(
            writing_method=WritingMethod.AI_GENERATED, review_done=False
        ).order_by("updated_at", "pk")

    def by_author(self, user):
        """The articles ``user`` is one of the authors of."""
        return self.filter(authorships__author=user)

    def desk_counts(self, published_since=None):
        """How many articles are drafts, awaiting review, sent back, scheduled, generated by
        AI and not reviewed, and (with ``published_since``) published since then: one
        query, as a dict."""
        now = timezone.now()
        recent = {}
        if published_since is not None:
            recent["recently_published"] = models.Count(
                "pk",
                filter=Q(
                    status=Article.Status.PUBLISHED,
                    published_at__gte=published_since,
                    published_at__lte=now,
                ),
            )
        return self.aggregate(
            **recent,
            drafts=models.Count("pk", filter=Q(status=Article.Status.DRAFT)),
            awaiting_review=models.Count("pk", filter=Q(status=Article.Status.REVIEW)),
            scheduled=models.Count(
                "pk", filter=Q(status=Article.Status.PUBLISHED, published_at__gt=now)
            ),
            sent_back=models.Count(
                "pk", filter=Q(status=Article.Status.DRAFT, sent_back_at__isnull=False)
            ),
            ai_unreviewed=models.Count(
                "pk",
                filter=Q(writing_method=WritingMethod.AI_GENERATED, review_done=False),
            ),
        )

    def for_cards(self):
        """The rows of article cards, without their authors, tags and image renditions:
        ``fetch_card_relations()`` adds those to several lists of articles at once.

        Cards show no body: it is left in the database; nor the reviewer (their AI label
        is the short one), who is not joined.
        """
        return self.defer("body", *SEARCH_COLUMNS).select_related("featured_image")

    def for_search_results(self):
        """The rows of search results, whose cards show a title, a snippet and a byline: no
        picture and no tags. Their authors come from ``fetch_bylines()``.

        The featured image is not joined: PostgreSQL would join it to every match before
        ranking them, for a picture the results never show.
        """
        return self.defer("body", *SEARCH_COLUMNS)

    def without_texts(self):
        """The articles without their long texts (TEXT_COLUMNS), for lists that show none:
        the admin's list of articles."""
        return self.defer(*TEXT_COLUMNS)

    def for_feed(self):
        """What a feed's items show: the full body. The pictures of their texts, their
        authors, tags and renditions come from ``fetch_card_relations()``."""
        return self.defer(*SEARCH_COLUMNS, *REVIEWER_SECRETS).select_related(
            "featured_image", "reviewed_by"
        )

    def for_detail(self):
        """The article of an article page with its image and sources.

        Its authors, tags and image renditions come with those of the related articles'
        cards, in the same three queries, and the pictures of its text (when it shows any)
        just before: see ``fetch_card_relations()``.
        """
        return (
            self.defer(*SEARCH_COLUMNS, *REVIEWER_SECRETS)
            .select_related("featured_image", "reviewed_by")
            .prefetch_related("sources")
        )

    def with_images(self):
        """The featured image and its renditions, for pages that show it (one query more)."""
        return self.select_related("featured_image").prefetch_related(
            rendition_relation("featured_image__")
        )

    def search(self, query):
        """The articles matching ``query``, best first, each with a ``rank``; see search.py."""
        return search_backend.search(self, query)

    def written(self, method):
        """The articles written the way ``method`` says (a WritingMethod value)."""
        return self.filter(writing_method=method)

    def editable_by(self, user):
        """The articles ``user`` may change: all of them for editors, their own for authors."""
        if user.has_perm("articles.edit_any_article"):
            return self
        return self.filter(authors=user)

    def known_to(self, user):
        """The articles whose title and address ``user`` may learn in the admin: those
        readers see, and those ``user`` may change."""
        if user.has_perm("articles.edit_any_article"):
            return self
        return self.published() | self.editable_by(user)


#: What readers are shown of a person: their name, and the slug of their page (never their
#: username, which signing in asks for).
BYLINE_FIELDS = ("id", "username", "first_name", "last_name", "profile__public_slug")


def byline_authors():
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.select_related("profile")
        .only(*BYLINE_FIELDS)
        .order_by(*BYLINE_ORDER)
    )


def public_authors():
    """The people who have a page readers may find: active, with a published article.

    Staff who never wrote, or whose articles are all unpublished, have none: their page
    would tell who works here, and what a sign-in may be tried on.
    """
    from django.contrib.auth import get_user_model

    published = Article.objects.published().filter(authors=models.OuterRef("pk"))
    return (
        get_user_model()
        .objects.filter(models.Exists(published), is_active=True)
        .select_related("profile")
        .only(*BYLINE_FIELDS)
    )


#: The order of an article's authors, from its authors' manager: the byline's.
BYLINE_ORDER = ("authorships__position", "authorships__pk")


def body_image_relation():
    """The pictures an article's text shows (one query for any number of articles)."""
    return models.Prefetch(
        "body_image_links", queryset=ArticleBodyImage.objects.select_related("image")
    )


def fetch_card_relations(articles):
    """Fetch the authors, tags and image renditions of ``articles`` in three queries, however
    many lists they come from (an article page and its related articles share them).

    The pictures of their texts come first, in one query, for the articles whose text was
    fetched and shows any (most show none: no query then); their renditions come in the
    same query as those of the featured images.

    Each article then holds its authors (``ordered_authors``), its tags and its image's
    renditions as ``prefetch_related()`` would have left them (each author and tag also
    names the article it was fetched for: ``card_article_id``; renditions come with the
    fields pages read, SHOWN_RENDITION_FIELDS); the three queries are compiled once per
    process for each number of articles or images (core/statements.py).
    """
    articles = list(articles)
    if not articles:
        return
    showing_pictures = [
        article
        for article in articles
        if "body" not in article.get_deferred_fields()
        and body_references.FIGURE.search(article.body or "")
    ]
    models.prefetch_related_objects(showing_pictures, body_image_relation())
    article_ids = list(dict.fromkeys(article.pk for article in articles))
    _fetch_authors(articles, article_ids)
    tags = {}
    for tag in CARD_TAGS(article_ids=article_ids):
        tags.setdefault(tag.card_article_id, []).append(tag)
    images = {}
    for article in articles:
        _prefetched(article, "tags", tags.get(article.pk, []))
        if article.featured_image_id and article.featured_image is not None:
            images.setdefault(article.featured_image_id, []).append(article.featured_image)
        for image in (article.prefetched_body_images() or {}).values():
            images.setdefault(image.pk, []).append(image)
    renditions = {}
    if images:
        for rendition in IMAGE_RENDITIONS(image_ids=list(images)):
            renditions.setdefault(rendition.image_id, []).append(rendition)
    for image_id, same_image in images.items():
        for image in same_image:
            _prefetched(image, "renditions", renditions.get(image_id, []))


def fetch_bylines(articles):
    """Fetch the authors of ``articles`` in one query, as ``fetch_card_relations()`` does,
    for cards that show a byline but neither a picture nor tags: search results
    (``for_search_results()``)."""
    articles = list(articles)
    if articles:
        _fetch_authors(articles, list(dict.fromkeys(article.pk for article in articles)))


def _fetch_authors(articles, article_ids):
    authors = {}
    for author in card_authors_query()(article_ids=article_ids):
        authors.setdefault(author.card_article_id, []).append(author)
    for article in articles:
        _prefetched(article, "authors", authors.get(article.pk, []))


def _prefetched(instance, relation, objects):
    """Leave ``objects`` as ``instance``'s prefetched ``relation``, as prefetch_related()
    does: its manager's queryset, holding them."""
    queryset = getattr(instance, relation).get_queryset()
    queryset._result_cache = objects
    queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[relation] = queryset


#: The rich-text editor of article bodies, shared by every rich text written in the admin
#: (flat pages too). What it can produce is a subset of what articles.sanitizer keeps.
RICH_TEXT_CONFIG = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "Heading": {"levels": [2, 3, 4]},
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "HardBreak": True,
        "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
        "PullQuote": True,
        "Table": True,
        "TableRow": True,
        "TableHeader": True,
        "TableCell": True,
    }
}

#: An article's text adds pictures of the media library and embeds (see articles/body.py).
#: Their options (addresses, labels) are given by the form that shows the editor.
ARTICLE_BODY_CONFIG = {
    "extensions": {
        **RICH_TEXT_CONFIG["extensions"],
        "BodyFigure": True,
        "Embed": True,
    }
}


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    """``Article.objects``: the queryset's methods, and the article page's lookup."""

    def published_page(self, slug):
        """The published article at ``slug`` as its page shows it (``for_detail()``).

        Raises ``Article.DoesNotExist`` when there is none."""
        for article in PUBLISHED_PAGE(slug=slug):
            _prefetched(article, "sources", ARTICLE_SOURCES(article_id=article.pk))
            return article
        raise self.model.DoesNotExist(f"No published article at {slug!r}")


class Article(models.Model):
    """A piece of journalism, written in the admin and read on the site."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_("The article's address. Filled in from the title when left empty."),
    )
    standfirst = models.TextField(
        _("standfirst"),
        max_length=600,
        blank=True,
        help_text=_("The short introduction shown under the title and in lists."),
    )
    body = ProseEditorField(
        _("body"),
        blank=True,
        config=ARTICLE_BODY_CONFIG,
        sanitize=sanitize_html,
    )
    featured_image = models.ForeignKey(
        Image,
        verbose_name=_("featured image"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="featured_in",
    )
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("authors"),
        related_name="articles",
        through="ArticleAuthor",
        help_text=_("In the order of the byline."),
    )
    tags = TaggableManager(
        verbose_name=_("tags"),
        manager=ArticleTagsManager,
        through="articles.TaggedArticle",
        blank=True,
        help_text=_("Separate tags with commas."),
    )
    # Indexed by article_listing_idx (Meta.indexes), whose first column it is.
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication date"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("A date in the future schedules the article: it appears at that time."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    comments_open = models.BooleanField(_("comments open"), default=True)
    # Provenance: how the article was written, and the human review it went through.
    # The review is recorded by articles.actions.RecordReview, never typed in a form.
    writing_method = models.CharField(
        _("how it was written"),
        max_length=20,
        choices=WritingMethod.choices,
        default=WritingMethod.HUMAN,
        db_index=True,
        help_text=_(
            "Readers see a label on articles written with AI, and the page says so to "
            "search engines."
        ),
    )
    ai_system = models.CharField(
        _("AI system"),
        max_length=200,
        blank=True,
        help_text=_("The AI system used, if any, e.g. the name and version of a model."),
    )
    review_done = models.BooleanField(_("reviewed"), default=False, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        editable=False,
        # Who vouched for a published text stays on record: deactivate the account instead.
        on_delete=models.PROTECT,
        related_name="reviewed_articles",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True, editable=False)
    # The editorial desk, kept by the status actions (articles/actions.py): when the article
    # was last submitted for review, and when, by whom and why an editor sent it back.
    submitted_at = models.DateTimeField(
        _("submitted for review"), null=True, blank=True, editable=False
    )
    sent_back_at = models.DateTimeField(_("sent back"), null=True, blank=True, editable=False)
    sent_back_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent back by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_back_note = models.TextField(_("note to the authors"), blank=True, editable=False)
    #: One more at every full save: a form remembers the one it was opened at, and a save
    #: based on an older one is refused rather than silently undoing someone's change.
    edit_version = models.PositiveIntegerField(_("edit version"), default=0, editable=False)
    # Full-text search (articles/search.py). PostgreSQL matches the stored vector, refreshed
    # after each save by articles/signals.py and GIN-indexed by migration 0003 (an index
    # declared here would be built on SQLite too, which has no GIN). SQLite matches the
    # normalised text, computed by save().
    search_vector = SearchVectorField(null=True, editable=False)
    search_text = models.TextField(blank=True, default="", editable=False)

    objects = ArticleManager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-pk"]
        permissions = [
            ("publish_article", _("Can publish articles")),
            ("edit_any_article", _("Can edit articles of other authors")),
            ("review_article", _("Can record the editorial review of articles")),
        ]
        indexes = [
            # The published articles, newest first; with their ids, which ranking related
            # articles reads from the index alone.
            models.Index(
                fields=["status", "-published_at"], include=["id"], name="article_listing_idx"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(review_done=False)
                | Q(reviewed_by__isnull=False, reviewed_at__isnull=False),
                name="article_review_has_reviewer_and_date",
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, status_before=NOT_READ, **kwargs):
        """Save, and purge the pages of an article this save takes off the site.

        ``status_before``: the status stored before this save (``None``: not stored), when
        the caller read it, as the actions do under their lock; otherwise an article saved
        off the site is looked up to learn whether it was on it.
        """
        leaves_site = self._leaves_site(status_before)
        self.body = sanitize_html(self.body)
        if not self.slug:
            self.slug = self.unique_slug_for(self.title)
        self.search_text = search_backend.search_text(self.title, self.standfirst, self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is None and not self._state.adding:
            self.edit_version += 1
        if update_fields is not None and set(update_fields) & set(SEARCHED_FIELDS):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        old_slug = getattr(self, "_loaded_slug", None)
        super().save(*args, **kwargs)
        self.keep_body_references()
        if old_slug and old_slug != self.slug and self.was_published:
            ArticleSlugRedirect.objects.update_or_create(
                old_slug=old_slug, defaults={"article": self}
            )
        ArticleSlugRedirect.objects.filter(old_slug=self.slug).delete()
        self._loaded_slug = self.slug
        if leaves_site:
            from ..caching import purge_article

            purge_article(self, was_visible=True)

    def get_absolute_url(self):
        return reverse_slug("articles:detail", self.slug)

    def _leaves_site(self, status_before):
        if self.pk is None or self.status == self.Status.PUBLISHED:
            return False
        if status_before is NOT_READ:
            status_before = (
                Article.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            )
        return status_before == self.Status.PUBLISHED

    # The pictures and embeds of the text (articles/body.py)

    def keep_body_references(self):
        """Make the ``ArticleBodyImage`` rows say which images the body shows, and record
        its embeds (their titles are then fetched by a task)."""
        from ..oembed import queue_embed_fetch

        wanted = set(
            Image.objects.filter(pk__in=body_references.image_ids(self.body)).values_list(
                "pk", flat=True
            )
        )
        links = ArticleBodyImage.objects.filter(article=self)
        links.exclude(image_id__in=wanted).delete()
        missing = wanted - set(links.values_list("image_id", flat=True))
        ArticleBodyImage.objects.bulk_create(
            [ArticleBodyImage(article=self, image_id=pk) for pk in sorted(missing)],
            ignore_conflicts=True,
        )
        getattr(self, "_prefetched_objects_cache", {}).pop("body_image_links", None)
        urls = body_references.embed_urls(self.body)
        if urls:
            # New embeds are recorded; those whose provider never answered are asked again.
            known = dict(Embed.objects.filter(url__in=urls).values_list("url", "fetched_at"))
            for url in urls:
                target = Embed(url=url).target
                if target is None or known.get(url):
                    continue
                if url not in known:
                    Embed.objects.get_or_create(
                        url=url, defaults={"provider": target.provider.slug}
                    )
                queue_embed_fetch(url)

    def prefetched_body_images(self):
        """{id: image} of the pictures the body shows, as ``body_image_relation()`` fetched
        them; None when they were not fetched (no query here)."""
        links = getattr(self, "_prefetched_objects_cache", {}).get("body_image_links")
        if links is None:
            return None
        return {link.image_id: link.image for link in links}

    def unique_slug_for(self, text, max_length=200):
        """``slugify_french(text)``, suffixed with -2, -3… until no other article uses it,
        nor the old address of one (those keep redirecting)."""
        base = slugify_french(text, max_length=max_length - 6) or "article"
        others = Article.objects.exclude(pk=self.pk) if self.pk else Article.objects.all()
        taken = set(others.filter(slug__startswith=base).values_list("slug", flat=True))
        taken |= set(
            ArticleSlugRedirect.objects.filter(old_slug__startswith=base)
            .exclude(article_id=self.pk)
            .values_list("old_slug", flat=True)
        )
        candidate, suffix = base, 2
        while candidate in taken:
            candidate = f"{base}-{suffix}"
            suffix += 1
        return candidate

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance.remember_stored_slug()
        instance.remember_stored_listing()
        return instance

    def remember_stored_slug(self):
        """Note the stored address, so that ``save()`` can redirect it when it changes."""
        self._loaded_slug = self.__dict__.get("slug")

    def remember_stored_listing(self):
        """Note the stored status and publication date: a change of either moves the article
        in the related articles of others (articles/signals.py)."""
        self._loaded_listing = (self.__dict__.get("status"), self.__dict__.get("published_at"))

    def listing_changed(self):
        """Whether the status or the publication date differ from those last stored."""
        loaded = getattr(self, "_loaded_listing", (None, None))
        return loaded != (self.status, self.published_at)

    def clean(self):
        super().clean()
        if self.slug:
            clash = ArticleSlugRedirect.objects.filter(old_slug=self.slug)
            if self.pk:
                clash = clash.exclude(article_id=self.pk)
            if clash.exists():
                raise ValidationError(
                    {"slug": _("This address was used by another article. Choose another slug.")}
                )

    @property
    def was_published(self):
        """Whether readers may already have seen (and linked to) this article."""
        return self.published_at is not None and self.published_at <= timezone.now()

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED and self.was_published

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    def get_preview_url(self):
        return reverse("articles:preview", kwargs={"pk": self.pk})

    def get_month_archive_url(self):
        """The archive of the month the article was published in (local time), if it was."""
        if not self.published_at:
            return ""
        published = timezone.localtime(self.published_at)
        return reverse(
            "articles:archive_month",
            kwargs={"year": f"{published.year:04d}", "month": f"{published.month:02d}"},
        )

    @property
    def reading_time(self):
        """Minutes a reader needs, at least one."""
        # The body is sanitized HTML, so a regular expression finds its tags, many times
        # faster than strip_tags() (a ">" inside an attribute may count one word more).
        words = len(_WORD.findall(_TAG.sub("", self.body))) + len(self.standfirst.split())
        return max(1, math.ceil(words / settings.READING_WORDS_PER_MINUTE))

    @property
    def was_updated(self):
        """Whether the article changed noticeably after it was published."""
        if not self.published_at or not self.updated_at:
            return False
        return (self.updated_at - self.published_at).total_seconds() > 3600

    # Provenance

    @property
    def written_with_ai(self):
        return self.writing_method != WritingMethod.HUMAN

    @property
    def ai_disclosure(self):
        """``none``, ``ai-assisted`` or ``ai-generated``: see WritingMethod.disclosure."""
        return WritingMethod(self.writing_method).disclosure

    @property
    def review_required(self):
        """Whether the publishing policy wants a review before this article is published."""
        return (
            settings.ARTICLES_AI_REVIEW_REQUIRED
            and self.writing_method == WritingMethod.AI_GENERATED
        )

    def withdraw_review(self):
        """Forget the review (the text it vouched for changed); saved with the article."""
        self.review_done = False
        self.reviewed_by = None
        self.reviewed_at = None

    def mark_submitted(self):
        """Note that the article now awaits review (saved with it): an earlier sending back
        is answered."""
        self.submitted_at = timezone.now()
        self.sent_back_at = None
        self.sent_back_by = None
        self.sent_back_note = ""

    def mark_sent_back(self, user, note=""):
        """Note that ``user`` sent the article back to its authors, saying why in ``note``."""
        self.sent_back_at = timezone.now()
        self.sent_back_by = user
        self.sent_back_note = note

    def ai_label(self, *, short=False):
        """What readers are told near the byline: « Rédigé par une IA, relu par … », or "".

        ``short`` (article cards) leaves the reviewer out.
        """
        if not self.written_with_ai:
            return ""
        reviewer = None
        if self.review_done and not short:
            reviewer = public_name(self.reviewed_by)
        return WritingMethod(self.writing_method).reader_label(reviewer)

    @property
    def short_ai_label(self):
        return self.ai_label(short=True)

    @property
    def ordered_authors(self):
        """The authors in the byline's order (as ``fetch_card_relations()`` leaves them)."""
        # What self.authors.all() gives when they were prefetched, without building the
        # related manager: a page of cards prints a score of bylines.
        prefetched = getattr(self, "_prefetched_objects_cache", {}).get("authors")
        if prefetched is not None:
            return prefetched
        return self.authors.order_by(*BYLINE_ORDER)

    def set_authors(self, authors):
        """Make ``authors`` (users, in the byline's order) the article's authors."""
        authors = list(dict.fromkeys(authors))
        ArticleAuthor.objects.filter(article=self).exclude(author__in=authors).delete()
        kept = {link.author_id: link for link in ArticleAuthor.objects.filter(article=self)}
        for position, author in enumerate(authors):
            link = kept.get(author.pk)
            if link is None:
                ArticleAuthor.objects.create(article=self, author=author, position=position)
            elif link.position != position:
                link.position = position
                link.save(update_fields=["position"])
        # A prefetched list would still say the old authors.
        getattr(self, "_prefetched_objects_cache", {}).pop("authors", None)

    def author_ids(self):
        """The ids of the article's authors (none before it is saved)."""
        if not self.pk:
            return set()
        return {author.pk for author in self.authors.all()}

    def review_problems(self, author_ids=None):
        """What the publishing policy still misses about the review, as readable messages.

        ``author_ids`` judges the article with those authors rather than its saved ones
        (an action about to change them).
        """
        if not self.review_required:
            return []
        if not self.review_done:
            return [
                gettext(
                    "The article was generated by AI: an editor who is not one of its authors "
                    "must record their review before it is published."
                )
            ]
        if author_ids is None:
            author_ids = self.author_ids()
        if self.reviewed_by_id in author_ids:
            return [
                gettext(
                    "The review was recorded by one of the article's authors (%(name)s): an "
                    "editor who is not one of its authors must review it."
                )
                % {"name": display_name(self.reviewed_by)}
            ]
        return []

    def publication_problems(self, author_ids=None):
        """Everything that stops this article from being published, or from staying live,
        as readable messages.

        The actions refuse to publish it, or to leave it live, while this list is not empty,
        whatever path asks (admin form, bulk action, history, media library, command).
        ``author_ids`` judges it with those authors rather than its saved ones.
        """
        problems = []
        if not self.title.strip():
            problems.append(gettext("The article has no title."))
        if not strip_tags(self.body).strip():
            problems.append(gettext("The article has no body text."))
        # An unsaved article gets its authors once saved, unless an action says them.
        if author_ids is None and self.pk:
            author_ids = self.author_ids()
        if author_ids is not None and not author_ids:
            problems.append(gettext("The article has no author."))
        problems.extend(self.review_problems(author_ids))
        problems.extend(self.featured_image_problems())
        problems.extend(self.body_image_problems())
        return problems

    def featured_image_problems(self):
        """What the featured image lacks to be published: alt text, a credit."""
        image = self.featured_image if self.featured_image_id else None
        return [] if image is None else image.publication_problems()

    def body_image_problems(self, *, replacing=None):
        """What the pictures of the text lack to be published: a credit, and an alternative
        text unless the editor marked the picture decorative where it is shown.

        ``replacing`` (an image) is judged as it is in memory rather than as stored: the
        media library asks before it saves a change.
        """
        references = body_references.figures(self.body)
        if not references:
            return []
        needs_alt = {}
        for reference in references:
            needs_alt[reference.image_id] = (
                needs_alt.get(reference.image_id, False) or not reference.decorative
            )
        images = Image.objects.in_bulk(list(needs_alt))
        if replacing is not None and replacing.pk in needs_alt:
            images[replacing.pk] = replacing
        problems = []
        for image_id, alt_needed in needs_alt.items():
            image = images.get(image_id)
            if image is not None:
                problems.extend(image.body_problems(needs_alt=alt_needed))
        return problems

    def related_articles(self, limit=None):
        """Published articles sharing the most tags with this one, most recent first, as
        cards (a list): their authors, tags and renditions come from
        ``fetch_card_relations()``.

        A published (or scheduled) article reads the ranking it keeps (models/related.py);
        a draft, or a longer list than is kept, is ranked now.
        """
        limit = limit or settings.RELATED_ARTICLES_COUNT
        if self.status == Article.Status.PUBLISHED and limit <= related_lists.KEPT:
            return KEPT_RELATED_CARDS(pk=self.pk, limit=limit)
        return RELATED_CARDS(pk=self.pk, limit=limit)


#: The order of related articles: the most shared tags, then the most recent (as the kept
#: rankings of models/related.py number them).
RELATED_ORDER = ("-shared_tags", "-published_at", "-pk")


def related_cards(pk, limit):
    """The cards of ``Article.related_articles()``, a queryset."""
    # A subquery: this article's tags need not be fetched first.
    tag_ids = TaggedArticle.objects.filter(content_object_id=pk).values("tag_id")
    # Joined only through the tagged items of those tags, an article's tagged items
    # count the tags it shares.
    shared_tags = models.Count("tagged_items")
    # Ranking every article that shares a tag is done on their ids alone (narrow rows,
    # fast to group); only the chosen few are then fetched whole, in the same query.
    chosen = (
        Article.objects.published()
        .exclude(pk=pk)
        .filter(tagged_items__tag_id__in=tag_ids)
        .values("pk")
        .annotate(shared_tags=shared_tags)
        .order_by(*RELATED_ORDER)
        .values("pk")[:limit]
    )
    return (
        Article.objects.filter(pk__in=chosen, tagged_items__tag_id__in=tag_ids)
        .annotate(shared_tags=shared_tags)
        .order_by(*RELATED_ORDER)
        .for_cards()
    )


def kept_related_cards(pk, limit):
    """The cards of the ranking ``pk`` keeps, those on the site now, in their order."""
    # Chosen on the list's own rows, which hold spares and articles to come
    # (models/related.py); only the chosen few are then read, in the same query.
    chosen = (
        related_lists.RelatedArticle.objects.filter(article_id=pk, published_at__lte=Now())
        .order_by("-shared_tags", "-published_at", "-related_id")
        .values("related_id")[:limit]
    )
    return (
        Article.objects.published()
        .filter(pk__in=chosen, suggested_in__article_id=pk)
        .annotate(shared_tags=models.F("suggested_in__shared_tags"))
        .order_by(*RELATED_ORDER)
        .for_cards()
    )


class ArticleAuthor(models.Model):
    """One author of an article, at their place in the byline (``position``, from 0)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="authorships")
    # The column keeps the name Django gave it when authors had no order.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="authorships",
        db_column="user_id",
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        db_table = "articles_article_authors"
        verbose_name = _("authorship")
        verbose_name_plural = _("authorships")
        ordering = ["position", "pk"]
        unique_together = [("article", "author")]

    def __str__(self):
        return f"{self.article} · {self.author}"


class Source(models.Model):
    """Where the article's information comes from, printed as « Source : Name »."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sources")
    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("URL"), blank=True, max_length=500)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name


class ArticleSlugRedirect(models.Model):
    """An address a published article used to have; it answers a permanent redirect."""

    old_slug = models.SlugField(_("old slug"), max_length=200, unique=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="slug_redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("slug redirect")
        verbose_name_plural = _("slug redirects")

    def __str__(self):
        return f"{self.old_slug} → {self.article.slug}"


# The article page's own queries, compiled once per process (core/statements.py).
# for_detail(), whose prefetch of the sources is compiled too.
PUBLISHED_PAGE = CompiledQuery(
    Article,
    lambda slug: Article.objects.published().for_detail().prefetch_related(None).filter(slug=slug),
    slug=str,
)
ARTICLE_SOURCES = CompiledQuery(
    Source, lambda article_id: Source.objects.filter(article_id=article_id), article_id=int
)
RELATED_CARDS = CompiledQuery(Article, related_cards, pk=int)
KEPT_RELATED_CARDS = CompiledQuery(Article, kept_related_cards, pk=int)
# What cards show besides an article's row (fetch_card_relations()): the people and the tags
# themselves, each row naming its article (``card_article_id``), rather than the rows that
# link them, which would be one more object to make for each author and each tag.
@functools.cache
def card_authors_query():
    """The compiled query of the cards' authors (the user model is known only once the
    apps are loaded)."""
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    return CompiledQuery(
        user_model,
        lambda article_ids: user_model.objects.filter(authorships__article_id__in=article_ids)
        .select_related("profile")
        .only(*BYLINE_FIELDS)
        .annotate(card_article_id=models.F("authorships__article_id"))
        .order_by("authorships__article_id", *BYLINE_ORDER),
        article_ids=[int],
    )


CARD_TAGS = CompiledQuery(
    Tag,
    lambda article_ids: Tag.objects.filter(tagged_articles__content_object_id__in=article_ids)
    .annotate(card_article_id=models.F("tagged_articles__content_object_id"))
    # The order the editor gave them (as ArticleTagsManager's prefetch).
    .order_by("tagged_articles__content_object_id", "tagged_articles__pk"),
    article_ids=[int],
)
IMAGE_RENDITIONS = CompiledQuery(
    Rendition,
    lambda image_ids: shown_renditions().filter(image_id__in=image_ids),
    image_ids=[int],
)
