"""The media library: images, their structured credits and their renditions."""

import hashlib
import logging
import operator
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import pagecache
from core.validators import validate_image_file

from ..images import naming, processing
from ..images.renditions import delete_files
from ..images.specs import SOCIAL, WEBP, WIDTH_SPECS
from ..images.tasks import queue_renditions
from ..images.xmp import build_xmp
from ..vocabulary import DigitalSourceType


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


logger = logging.getLogger(__name__)

#: The specs of the renditions offered in srcset.
WIDTH_SPEC_NAMES = frozenset(spec.name for spec in WIDTH_SPECS)
#: The order of an image's renditions: the smallest first, each width's formats by name.
_BY_SIZE = operator.attrgetter("width", "format")


def _fingerprint(data):
    return hashlib.sha256(data).hexdigest()[:40]


class ImageQuerySet(pagecache.PurgingQuerySet):
    # Kept for the media library and the stored files' checks: no page prints them.
    unshown_fields = frozenset(
        {"metadata_signature", "uploaded_by", "uploaded_by_id", "uploaded_at"}
    )

    def shown_keys(self, rows, changes):
        """A picture shows, with its credit, on the pages that name it and on lists (as
        articles/signals.py purges for a save)."""
        return {pagecache.LISTING_KEY, *(pagecache.object_key("image", pk) for (pk,) in rows)}


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

    objects = ImageQuerySet.as_manager()

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
        self.remember_stored_file()

    def clean(self):
        super().clean()
        if (self.focal_point_x is None) != (self.focal_point_y is None):
            raise ValidationError(
                _("Give both coordinates of the focal point, or neither for the centre.")
            )

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance.remember_stored_file()
        return instance

    def remember_stored_file(self):
        """Note the stored file and focal point, so that ``save()`` knows what changed."""
        stored = self.__dict__.get("file")
        self._loaded_file_name = getattr(stored, "name", stored)
        self._loaded_focal_point = self.focal_point

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
        self.file = ContentFile(
            clean.data, name=naming.content_name(self.file.name, clean.data, clean.extension)
        )
        self.metadata_signature = signature
        self.processing_notes = clean.notes
        self._replaced_files = {loaded} if loaded else set()
        self._picture_changed = file_is_new or force
        return True

    def publication_problems(self):
        """What this image lacks to be the featured image of a live article: alt text, a
        credit. The same messages refuse a publication and a change of a live article's image.
        """
        no_alt_text = not self.alt_text.strip()
        no_credit = not self.credit_text.strip()
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
        return [message % {"image": self}]

    def body_problems(self, *, needs_alt=True):
        """What this image lacks to be shown in the text of a live article: a credit, and
        alternative text unless every place that shows it is marked decorative."""
        no_alt_text = needs_alt and not self.alt_text.strip()
        no_credit = not self.credit_text.strip()
        if no_alt_text and no_credit:
            message = gettext(
                "The picture “%(image)s” in the text has no alternative text and no credit: "
                "add them in the media library (or mark the picture decorative, for the "
                "alternative text) before publishing."
            )
        elif no_alt_text:
            message = gettext(
                "The picture “%(image)s” in the text has no alternative text: add it in the "
                "media library, or mark the picture decorative, before publishing."
            )
        elif no_credit:
            message = gettext(
                "The picture “%(image)s” in the text has no credit (its creator or source): "
                "add it in the media library before publishing."
            )
        else:
            return []
        return [message % {"image": self}]

    # Credit

    @property
    def credit_text(self):
        """"Creator / Source", or whichever of the two is known."""
        return " / ".join(part for part in (self.credit, self.credit_source) if part)

    @property
    def ai_note(self):
        """« image générée par IA » or « image modifiée par IA » when AI made or changed the
        picture (its digital source type says so), else ""."""
        return DigitalSourceType(self.digital_source_type).ai_note

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
        return DigitalSourceType(self.digital_source_type).uri

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
        # What self.renditions.all() gives when they were prefetched, without building the
        # related manager: a page asks it of each picture, and of its image's social card.
        prefetched = getattr(self, "_prefetched_objects_cache", {}).get("renditions")
        if prefetched is None:
            prefetched = self.renditions.all()
        return sorted(prefetched, key=_BY_SIZE)

    def rendition(self, spec_name, format_name=None):
        for rendition in self.rendition_list():
            if rendition.spec == spec_name and format_name in (None, rendition.format):
                return rendition
        return None

    def width_renditions(self):
        """{format: [renditions by width, smallest first]} of the srcset specs."""
        by_format = {}
        for rendition in self.rendition_list():
            if rendition.spec in WIDTH_SPEC_NAMES:
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
        """The articles that show this image, as their featured image or in their text."""
        from .article import Article

        return (
            Article.objects.filter(
                models.Q(featured_image=self) | models.Q(body_image_links__image=self)
            )
            .distinct()
            .order_by("-published_at", "-pk")
        )


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
        """``self.file.url``. A page prints a score of renditions' addresses: the name read
        from the database is given to the storage as it is, without first making it the
        FieldFile that the field's descriptor makes of it."""
        return self.url_with(Rendition.file.field.storage.url)

    def url_with(self, storage_url):
        """``self.url``, given the storage's ``url`` method, which ``picture()`` looks up
        once for its ten addresses (the storage is a lazy object: each look-up through it
        costs as much as the address)."""
        name = self.__dict__.get("file")
        if type(name) is str and name:
            return storage_url(name)
        return self.file.url

    @property
    def mime_type(self):
        return processing.MIME_TYPES[self.format]

    def file_name(self, image, data):
        """Named after its image, its content and its spec: ``photo-5b7c9e1a0f2d-w800.webp``."""
        return naming.content_name(
            image.file.name, data, processing.EXTENSIONS[self.format], suffix=f"-{self.spec}"
        )


#: What pages read of a rendition: ``picture()``, and the social card of the metadata and
#: feeds (its size in bytes too). Not its signature nor the time it was built, which only
#: the builder reads: a date is the dearest value of the row to convert.
SHOWN_RENDITION_FIELDS = ("image_id", "spec", "format", "file", "width", "height", "file_size")


def shown_renditions():
    """The renditions as pages read them (SHOWN_RENDITION_FIELDS), unordered:
    ``Image.rendition_list()`` sorts them, and the model's order would join the images for
    their own."""
    return Rendition.objects.order_by().only(*SHOWN_RENDITION_FIELDS)


def rendition_relation(through=""):
    """The renditions of the images reached through ``through`` (``"featured_image__"``
    from articles) as pages read them, in one query for any number of images."""
    return models.Prefetch(f"{through}renditions", queryset=shown_renditions())
