import hashlib
import logging
import math
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

import reversion
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from . import search as search_backend
from .images import processing
from .images.renditions import delete_files
from .images.specs import SOCIAL, WEBP, WIDTH_SPECS
from .images.tasks import queue_renditions
from .images.xmp import build_xmp
from .sanitizer import sanitize_html
from .validators import validate_image_file

# Letters that Unicode decomposition alone cannot reduce to ASCII.
_TRANSLITERATIONS = str.maketrans(
    {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "’": "-", "'": "-", "«": "", "»": ""}
)


def slugify_french(text, max_length=200):
    """A URL slug with French accents and ligatures transliterated (« Cœur » → "coeur")."""
    slug = slugify(str(text).translate(_TRANSLITERATIONS))
    return slug[:max_length].strip("-")


def unique_slug(model, text, *, exclude_pk=None, max_length=200):
    """``slugify_french(text)``, suffixed with -2, -3… until no other row of ``model`` uses it."""
    base = slugify_french(text, max_length=max_length - 6) or "article"
    others = model._default_manager.exclude(pk=exclude_pk) if exclude_pk else model._default_manager
    taken = set(others.filter(slug__startswith=base).values_list("slug", flat=True))
    if model is Article:
        taken |= set(
            ArticleSlugRedirect.objects.filter(old_slug__startswith=base)
            .exclude(article_id=exclude_pk)
            .values_list("old_slug", flat=True)
        )
    candidate, suffix = base, 2
    while candidate in taken:
        candidate = f"{base}-{suffix}"
        suffix += 1
    return candidate


class Tag(TagBase):
    """A taxonomy term (Hardware, Société…) with its own archive page."""

    name = models.CharField(_("name"), unique=True, max_length=100)
    slug = models.SlugField(_("slug"), unique=True, max_length=100, allow_unicode=False)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Shown at the top of the tag's archive page.")
    )

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def slugify(self, tag, i=None):
        slug = slugify_french(tag, max_length=90) or "tag"
        return f"{slug}-{i}" if i is not None else slug

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})


@dataclass(frozen=True)
class ImageRendition:
    """One file of an image, with its size: what pages, feeds and structured data point to."""

    file: models.fields.files.FieldFile
    width: int
    height: int

    @property
    def url(self):
        return self.file.url

    @property
    def file_size(self):
        """Bytes of the file, or None when the storage cannot tell (missing file)."""
        try:
            return self.file.size
        except (OSError, ValueError):
            return None


#: Where the IPTC digital source type codes are defined; a code's URI is this plus the code.
IPTC_DIGITAL_SOURCE_TYPE_URI = "http://cv.iptc.org/newscodes/digitalsourcetype/"


class DigitalSourceType(models.TextChoices):
    """How a picture was made, in the IPTC NewsCodes vocabulary (stored as the short code).

    Written into every stored file as ``Iptc4xmpExt:DigitalSourceType`` (the full URI);
    the site's AI labels read it.
    """

    DIGITAL_CAPTURE = "digitalCapture", _("Photograph")
    COMPUTATIONAL_CAPTURE = "computationalCapture", _(
        "Photograph with computational processing (e.g. a smartphone's)"
    )
    NEGATIVE_FILM = "negativeFilm", _("Scan of a film negative")
    POSITIVE_FILM = "positiveFilm", _("Scan of a slide")
    PRINT = "print", _("Scan of a print")
    HUMAN_EDITS = "humanEdits", _("Photograph retouched by a person")
    COMPOSITE_CAPTURE = "compositeCapture", _("Composite of photographs")
    SCREEN_CAPTURE = "screenCapture", _("Screenshot")
    DIGITAL_ART = "digitalArt", _("Illustration or drawing made by a person")
    DATA_DRIVEN_MEDIA = "dataDrivenMedia", _("Chart or data visualisation")
    ALGORITHMICALLY_ENHANCED = "algorithmicallyEnhanced", _(
        "AI-edited: enhanced or corrected by an algorithm"
    )
    COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA = "compositeWithTrainedAlgorithmicMedia", _(
        "AI-edited: a composite including AI-generated elements"
    )
    COMPOSITE_SYNTHETIC = "compositeSynthetic", _("Composite including synthetic elements")
    TRAINED_ALGORITHMIC_MEDIA = "trainedAlgorithmicMedia", _("AI-generated")
    ALGORITHMIC_MEDIA = "algorithmicMedia", _(
        "Generated by an algorithm without training data (e.g. a fractal)"
    )

    @property
    def uri(self):
        return IPTC_DIGITAL_SOURCE_TYPE_URI + self.value


logger = logging.getLogger(__name__)


#: What the credit line of a picture made or changed by AI adds, by digital source type.
AI_IMAGE_NOTES = {
    DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA: _("AI-generated image"),
    DigitalSourceType.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA: _("image edited with AI"),
    DigitalSourceType.ALGORITHMICALLY_ENHANCED: _("image edited with AI"),
}


def _fingerprint(data):
    return hashlib.sha256(data).hexdigest()[:40]


class Image(models.Model):
    """An image of the media library, with the structured credit it must be published with.

    Saving it with a new file stores a clean original (see articles/images/): decoded to
    prove it is an image, turned upright, without the camera's metadata, with the CMS's
    XMP credit. A change of credit, licence or digital source type rewrites that XMP.
    Either way, its renditions are then (re)built by a background task.
    """

    #: Fields written into the stored files' XMP.
    XMP_FIELDS = ("credit", "credit_source", "licence_name", "licence_url", "digital_source_type")

    file = models.ImageField(
        _("file"),
        upload_to="images/%Y/%m/",
        width_field="width",
        height_field="height",
        validators=[validate_image_file],
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        help_text=_(
            "Describe what the image shows for readers who cannot see it, "
            "in one sentence (no “image of…”)."
        ),
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    credit = models.CharField(
        _("credit"), max_length=200, blank=True, help_text=_("The creator, e.g. the photographer.")
    )
    credit_source = models.CharField(
        _("credit source"), max_length=200, blank=True, help_text=_("E.g. an agency or Unsplash.")
    )
    source_url = models.URLField(_("source URL"), blank=True)
    licence_name = models.CharField(_("licence"), max_length=200, blank=True)
    licence_url = models.URLField(_("licence URL"), blank=True)
    digital_source_type = models.CharField(
        _("digital source type"),
        max_length=64,
        choices=DigitalSourceType.choices,
        default=DigitalSourceType.DIGITAL_CAPTURE,
        help_text=_(
            "How the picture was made. Written into the image files for other sites and "
            "tools to read; AI-generated and AI-edited pictures are labelled as such."
        ),
    )
    focal_point_x = models.FloatField(
        _("focal point (horizontal)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("From 0 (left edge) to 1 (right edge). Empty: the centre."),
    )
    focal_point_y = models.FloatField(
        _("focal point (vertical)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("From 0 (top edge) to 1 (bottom edge). Empty: the centre."),
    )
    width = models.PositiveIntegerField(_("width"), editable=False, default=0)
    height = models.PositiveIntegerField(_("height"), editable=False, default=0)
    #: Fingerprint of the XMP written into the stored original; empty for a file not
    #: cleaned yet (uploaded before this was recorded).
    metadata_signature = models.CharField(max_length=40, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return self.caption or self.alt_text or self.file.name

    # Saving the file

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        watched = {"file", *self.XMP_FIELDS}
        cleaned = False
        if update_fields is None or watched & set(update_fields):
            cleaned = self.store_clean_original()
            if cleaned and update_fields is not None:
                kwargs["update_fields"] = {
                    *update_fields, "file", "width", "height", "metadata_signature"
                }
        focal_moved = self.focal_point != getattr(self, "_loaded_focal_point", None)
        adding = self._state.adding
        super().save(*args, **kwargs)
        using = kwargs.get("using") or self._state.db
        if cleaned:
            if self._picture_changed and not adding:
                # A new picture: the old renditions show something else, drop them now.
                self.renditions.all().delete()
            replaced = self._replaced_files - {self.file.name}
            transaction.on_commit(lambda: self._delete_unused_files(replaced), using=using)
        if cleaned or focal_moved:
            queue_renditions(self.pk, using=using)
        self._loaded_file_name = self.file.name
        self._loaded_focal_point = self.focal_point

    def clean(self):
        super().clean()
        if (self.focal_point_x is None) != (self.focal_point_y is None):
            raise ValidationError(
                _("Give both coordinates of the focal point, or neither for the centre.")
            )

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        stored = instance.__dict__.get("file")
        instance._loaded_file_name = getattr(stored, "name", stored)
        instance._loaded_focal_point = instance.focal_point
        return instance

    def _file_is_new(self):
        if self._state.adding or not getattr(self.file, "_committed", True):
            return True
        return self.file.name != getattr(self, "_loaded_file_name", None)

    def _read_file(self):
        if not getattr(self.file, "_committed", True):
            upload = self.file.file
            upload.seek(0)
            data = upload.read()
            upload.seek(0)
            return data
        with self.file.open("rb") as stored:
            return stored.read()

    def original_is_clean(self):
        """Whether the stored original carries the current XMP (and was cleaned at all)."""
        return bool(self.metadata_signature) and (
            self.metadata_signature == _fingerprint(self.xmp_packet())
        )

    def store_clean_original(self, *, force=False):
        """Replace the file by its clean version (see the class's docstring) when needed.

        Returns whether it did. ``processing_notes`` then says what the editor should know
        (an animation reduced to its first frame…). Refuses what is not a usable image
        with a ValidationError.
        """
        self.processing_notes = ()
        if not self.file:
            return False
        xmp = self.xmp_packet()
        signature = _fingerprint(xmp)
        file_is_new = self._file_is_new()
        if not (force or file_is_new or signature != self.metadata_signature):
            return False
        try:
            data = self._read_file()
        except OSError:
            if file_is_new:
                raise
            # A stored file that went missing: the rest of the image can still be edited.
            logger.warning("Could not read %s to rewrite its XMP credit.", self.file.name)
            return False
        loaded = getattr(self, "_loaded_file_name", None)
        # Stored as uploaded (``file.save(..., save=False)``), with the camera's metadata:
        # removed at once, cleaned or refused, unless another image points to that very file.
        stored_raw = (
            file_is_new and getattr(self.file, "_committed", False) and self.file.name != loaded
        )
        try:
            clean = processing.clean_original(data, xmp, max_pixels=settings.IMAGE_MAX_PIXELS)
        except processing.ImageProblem as problem:
            if stored_raw:
                self._delete_unused_files([self.file.name])
            raise ValidationError({"file": problem.message}, code=problem.code) from None
        if stored_raw:
            self._delete_unused_files([self.file.name])
        stem = PurePosixPath(self.file.name).stem or "image"
        self.file = ContentFile(clean.data, name=f"{stem}{clean.extension}")
        self.metadata_signature = signature
        self.processing_notes = clean.notes
        self._replaced_files = {loaded} if loaded else set()
        self._picture_changed = file_is_new or force
        return True

    # Credit

    @property
    def credit_text(self):
        """"Creator / Source", or whichever of the two is known."""
        return " / ".join(part for part in (self.credit, self.credit_source) if part)

    @property
    def ai_note(self):
        """« image générée par IA » or « image modifiée par IA » when AI made or changed the
        picture (its digital source type says so), else ""."""
        note = AI_IMAGE_NOTES.get(self.digital_source_type)
        return str(note) if note else ""

    def credit_line(self):
        """The line printed under the image: « Crédit image : Creator / Source », with
        « (image générée par IA) » when an AI made it."""
        note = self.ai_note
        if not self.credit_text:
            return capfirst(note)
        if note:
            return gettext("Image credit: %(credit)s (%(note)s)") % {
                "credit": self.credit_text,
                "note": note,
            }
        return gettext("Image credit: %(credit)s") % {"credit": self.credit_text}

    @property
    def has_credit(self):
        return bool(self.credit_text)

    @property
    def rights_notice(self):
        """The copyright notice written into the files: "© Creator / Source — Licence".

        Not translated: the files are the same in every language of the site.
        """
        parts = []
        if self.credit_text:
            parts.append(f"© {self.credit_text}")
        if self.licence_name:
            parts.append(self.licence_name)
        return " — ".join(parts)

    @property
    def digital_source_type_uri(self):
        """The IPTC NewsCodes URI of ``digital_source_type``."""
        return IPTC_DIGITAL_SOURCE_TYPE_URI + self.digital_source_type

    def xmp_packet(self):
        """The XMP the stored files carry: credit, licence and digital source type."""
        return build_xmp(
            creator=self.credit,
            credit_line=self.credit_text,
            source=self.credit_source,
            rights=self.rights_notice,
            licence_url=self.licence_url,
            digital_source_type_uri=self.digital_source_type_uri,
        )

    # Focal point

    @property
    def focal_point(self):
        """(x, y) between 0 and 1, or None for the centre."""
        if self.focal_point_x is None and self.focal_point_y is None:
            return None
        x = 0.5 if self.focal_point_x is None else self.focal_point_x
        y = 0.5 if self.focal_point_y is None else self.focal_point_y
        return (x, y)

    # Renditions

    def rendition_list(self):
        """The built renditions, smallest first (from the prefetch cache when there is one)."""
        return sorted(self.renditions.all(), key=lambda r: (r.width, r.format))

    def rendition(self, spec_name, format_name=None):
        for rendition in self.rendition_list():
            if rendition.spec == spec_name and format_name in (None, rendition.format):
                return rendition
        return None

    def width_renditions(self):
        """{format: [renditions by width, smallest first]} of the srcset specs."""
        names = {spec.name for spec in WIDTH_SPECS}
        by_format = {}
        for rendition in self.rendition_list():
            if rendition.spec in names:
                by_format.setdefault(rendition.format, []).append(rendition)
        return by_format

    def thumbnail(self):
        """The smallest rendition for lists (WebP), or None before they are built."""
        return self.rendition(WIDTH_SPECS[0].name, WEBP) or next(
            (r for r in self.rendition_list() if r.spec != SOCIAL.name), None
        )

    def social_card(self):
        """The picture shown when a page is shared: Open Graph, Twitter card, JSON-LD, feeds.

        The 1200×630 rendition cropped around the focal point; the original file until it
        is built.
        """
        return self.rendition(SOCIAL.name) or ImageRendition(self.file, self.width, self.height)

    @staticmethod
    def _delete_unused_files(names):
        still_used = set(Image.objects.filter(file__in=names).values_list("file", flat=True))
        delete_files([name for name in names if name not in still_used])

    def usage(self):
        """The articles that show this image, as their featured image."""
        return self.featured_in.order_by("-published_at", "-pk")


class Rendition(models.Model):
    """One stored file derived from an image: a width in one format, or the social card.

    Built by articles/images/renditions.py; never by a request.
    """

    class Format(models.TextChoices):
        WEBP = "webp", "WebP"
        JPEG = "jpeg", "JPEG"
        PNG = "png", "PNG"

    image = models.ForeignKey(
        Image, verbose_name=_("image"), on_delete=models.CASCADE, related_name="renditions"
    )
    spec = models.CharField(_("spec"), max_length=32)
    format = models.CharField(_("format"), max_length=8, choices=Format.choices)
    file = models.FileField(_("file"), upload_to="images/renditions/%Y/%m/", max_length=255)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    file_size = models.PositiveIntegerField(_("file size"), default=0)
    #: What it was made from (see renditions.signature): a mismatch means "build again".
    signature = models.CharField(max_length=40, editable=False)
    built_at = models.DateTimeField(_("built at"), auto_now=True)

    class Meta:
        verbose_name = _("rendition")
        verbose_name_plural = _("renditions")
        ordering = ["image", "width", "format"]
        constraints = [
            models.UniqueConstraint(
                fields=["image", "spec", "format"], name="unique_rendition_per_image"
            )
        ]

    def __str__(self):
        return f"{self.image_id} {self.spec} {self.format} ({self.width}×{self.height})"

    @property
    def url(self):
        return self.file.url

    @property
    def mime_type(self):
        return processing.MIME_TYPES[self.format]

    def file_name(self, image):
        stem = PurePosixPath(image.file.name).stem or "image"
        return f"{stem}-{self.spec}{processing.EXTENSIONS[self.format]}"


#: The fields of an article that search reads, in order of weight.
SEARCHED_FIELDS = ("title", "standfirst", "body")


class WritingMethod(models.TextChoices):
    """How an article was written: what readers are told, in words and in the page's code."""

    HUMAN = "human", _("Written by people")
    AI_ASSISTED = "ai_assisted", _("Written with the help of AI")
    AI_GENERATED = "ai_generated", _("Generated by AI")

    @property
    def disclosure(self):
        """The value of ``<meta name="ai-disclosure">`` (and of the readers' filter)."""
        return AI_DISCLOSURE[self]

    @property
    def parameter(self):
        """The value of the readers' filter, ``?provenance=``: human, ai-assisted, ai-generated."""
        return "human" if self == WritingMethod.HUMAN else self.disclosure

    @classmethod
    def from_parameter(cls, value):
        """The method a ``?provenance=`` value names, or None for anything else."""
        return {method.parameter: method for method in cls}.get(value)


#: The value set of the web platform's ``ai-disclosure`` meta tag proposal.
AI_DISCLOSURE = {
    WritingMethod.HUMAN: "none",
    WritingMethod.AI_ASSISTED: "ai-assisted",
    WritingMethod.AI_GENERATED: "ai-generated",
}


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Exactly what readers may see: published, with a publication date that has come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def for_listing(self):
        """Everything a list of article cards displays, fetched in a constant number of queries."""
        return (
            self.select_related("featured_image", "reviewed_by")
            .prefetch_related(
                models.Prefetch("authors", queryset=_author_queryset()),
                "tags",
                "featured_image__renditions",
            )
            .with_comment_count()
        )

    def with_images(self):
        """The featured image and its renditions, for pages that show it (one query more)."""
        return self.select_related("featured_image").prefetch_related(
            "featured_image__renditions"
        )

    def with_comment_count(self):
        """Annotate ``comment_count``: the approved comments only, counted in the same query."""
        Comment = self.model._meta.get_field("comments").related_model
        approved = (
            Comment.objects.filter(article=models.OuterRef("pk"), status=Comment.Status.APPROVED)
            .order_by()
            .values("article")
            .annotate(count=models.Count("pk"))
            .values("count")
        )
        return self.annotate(
            comment_count=Coalesce(
                models.Subquery(approved, output_field=models.IntegerField()), 0
            )
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


def _author_queryset():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.only("id", "username", "first_name", "last_name")


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
    }
}


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
        config=RICH_TEXT_CONFIG,
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
        settings.AUTH_USER_MODEL, verbose_name=_("authors"), related_name="articles"
    )
    tags = TaggableManager(
        verbose_name=_("tags"),
        through="articles.TaggedArticle",
        blank=True,
        help_text=_("Separate tags with commas."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
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
    # Full-text search (articles/search.py). PostgreSQL matches the stored vector, refreshed
    # after each save by articles/signals.py and GIN-indexed by migration 0003 (an index
    # declared here would be built on SQLite too, which has no GIN). SQLite matches the
    # normalised text, computed by save().
    search_vector = SearchVectorField(null=True, editable=False)
    search_text = models.TextField(blank=True, default="", editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-pk"]
        permissions = [
            ("publish_article", _("Can publish articles")),
            ("edit_any_article", _("Can edit articles of other authors")),
            ("review_article", _("Can record the editorial review of articles")),
        ]
        indexes = [models.Index(fields=["status", "-published_at"], name="article_listing_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(review_done=False)
                | Q(reviewed_by__isnull=False, reviewed_at__isnull=False),
                name="article_review_has_reviewer_and_date",
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        if not self.slug:
            self.slug = unique_slug(Article, self.title, exclude_pk=self.pk)
        self.search_text = search_backend.search_text(self.title, self.standfirst, self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) & set(SEARCHED_FIELDS):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        old_slug = getattr(self, "_loaded_slug", None)
        super().save(*args, **kwargs)
        if old_slug and old_slug != self.slug and self.was_published:
            ArticleSlugRedirect.objects.update_or_create(
                old_slug=old_slug, defaults={"article": self}
            )
        ArticleSlugRedirect.objects.filter(old_slug=self.slug).delete()
        self._loaded_slug = self.slug

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_slug = instance.__dict__.get("slug")
        return instance

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
        words = len(re.findall(r"\w+", strip_tags(self.body))) + len(self.standfirst.split())
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

    def ai_label(self, *, short=False):
        """What readers are told near the byline: « Rédigé par une IA, relu par … », or "".

        ``short`` (article cards) leaves the reviewer out.
        """
        if not self.written_with_ai:
            return ""
        generated = self.writing_method == WritingMethod.AI_GENERATED
        if self.review_done and not short:
            reviewer = self.reviewed_by.get_full_name() or self.reviewed_by.get_username()
            if generated:
                return gettext("Written by AI, reviewed by %(name)s") % {"name": reviewer}
            return gettext("Written with the help of AI, reviewed by %(name)s") % {
                "name": reviewer
            }
        return gettext("Written by AI") if generated else gettext("Written with the help of AI")

    @property
    def short_ai_label(self):
        return self.ai_label(short=True)

    def author_ids(self):
        """The ids of the authors, as about to be saved when a form says so."""
        pending = getattr(self, "_pending_author_ids", None)
        if pending is not None:
            return set(pending)
        if not self.pk:
            return set()
        return {author.pk for author in self.authors.all()}

    def review_problems(self):
        """What the publishing policy still misses about the review, as readable messages."""
        if not self.review_required:
            return []
        if not self.review_done:
            return [
                gettext(
                    "The article was generated by AI: an editor who is not one of its authors "
                    "must record their review before it is published."
                )
            ]
        if self.reviewed_by_id in self.author_ids():
            return [
                gettext(
                    "The review was recorded by one of the article's authors (%(name)s): an "
                    "editor who is not one of its authors must review it."
                )
                % {"name": self.reviewed_by.get_full_name() or self.reviewed_by.get_username()}
            ]
        return []

    def publication_problems(self):
        """Everything that stops this article from being published, as readable messages.

        The publish operation refuses while this list is not empty, whatever path
        asks for it (admin form, bulk action, command).
        """
        problems = []
        if not self.title.strip():
            problems.append(gettext("The article has no title."))
        if not strip_tags(self.body).strip():
            problems.append(gettext("The article has no body text."))
        # An unsaved article gets its authors after it is saved; a form says them beforehand.
        authors_known = self.pk or getattr(self, "_pending_author_ids", None) is not None
        if authors_known and not self.author_ids():
            problems.append(gettext("The article has no author."))
        problems.extend(self.review_problems())
        problems.extend(self.featured_image_problems())
        return problems

    def featured_image_problems(self):
        """What the featured image lacks to be published: alt text, a credit."""
        image = self.featured_image if self.featured_image_id else None
        if image is None:
            return []
        no_alt_text = not image.alt_text.strip()
        no_credit = not image.credit_text.strip()
        if no_alt_text and no_credit:
            message = gettext(
                "The featured image “%(image)s” has no alternative text and no credit: "
                "add them in the media library before publishing."
            )
        elif no_alt_text:
            message = gettext(
                "The featured image “%(image)s” has no alternative text: "
                "add it in the media library before publishing."
            )
        elif no_credit:
            message = gettext(
                "The featured image “%(image)s” has no credit (its creator or source): "
                "add it in the media library before publishing."
            )
        else:
            return []
        return [message % {"image": image}]

    def related_articles(self, limit=None):
        """Published articles sharing the most tags with this one, most recent first."""
        limit = limit or settings.RELATED_ARTICLES_COUNT
        tag_ids = [tag.pk for tag in self.tags.all()]
        if not tag_ids:
            return Article.objects.none()
        return (
            Article.objects.published()
            .exclude(pk=self.pk)
            .filter(tagged_items__tag_id__in=tag_ids)
            .annotate(
                shared_tags=models.Count(
                    "tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids)
                )
            )
            .order_by("-shared_tags", "-published_at")
            .for_listing()[:limit]
        )


class TaggedArticle(TaggedItemBase):
    content_object = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="tagged_items"
    )
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_articles")

    class Meta:
        verbose_name = _("tagged article")
        verbose_name_plural = _("tagged articles")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_tag")
        ]


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


# Every saved change of an article is kept as a revision (django-reversion), with its sources
# and tags: the admin lists the history, compares two versions and restores one. The search
# vector is derived data, rebuilt after a restore by articles/signals.py.
reversion.register(Source)
reversion.register(TaggedArticle)
reversion.register(Article, follow=("sources", "tagged_items"), exclude=("search_vector",))
