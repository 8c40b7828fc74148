"""Building the stored renditions of an image, once per image and size.

:func:`build_renditions` is idempotent: each rendition row carries a signature of what it
was made from (the stored original's name, which changes whenever its pixels or its XMP
credit change; the spec; the focal point when the spec crops). A rendition whose signature
still matches is left alone, so running it again costs one query and no decoding. Files go
through Django's storage API only (``Rendition.file``), never a local path.

It runs in a django-tasks task queued when an image is saved (see ``tasks.py``), and from
``manage.py build_renditions``.
"""

import hashlib
import logging
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction

from . import processing
from .specs import SPECS, resolve_format, specs_for

ALL_SPECS = tuple(SPECS.values())

logger = logging.getLogger(__name__)

#: Raised when the way renditions are drawn changes, so that `build_renditions` redoes them.
PROCESSING_VERSION = 1


@dataclass(frozen=True)
class Planned:
    spec: object
    format: str


@dataclass(frozen=True)
class RenderedFile:
    spec: object
    format: str
    data: bytes
    width: int
    height: int


def plan(size, has_alpha):
    """Every (spec, format) an image of ``size`` gets."""
    return [
        Planned(spec, resolve_format(name, has_alpha))
        for spec in specs_for(size)
        for name in spec.formats
    ]


def render_all(data, *, xmp, focal_point=None, needed=None):
    """Decode ``data`` once and render its renditions.

    Returns every (spec name, format) the picture gets, and the rendered files: all of
    them, or those for which ``needed(spec, format)`` is true.
    """
    picture = processing.open_picture(data, for_specs=ALL_SPECS)
    keys, rendered, resized = set(), [], {}
    for planned in plan(picture.size, picture.has_alpha):
        keys.add((planned.spec.name, planned.format))
        if needed is not None and not needed(planned.spec, planned.format):
            continue
        if planned.spec not in resized:  # once per size, whatever the number of formats
            resized[planned.spec] = planned.spec.apply(picture.image, focal_point)
        image = resized[planned.spec]
        body = processing.encode(image, planned.format, xmp=xmp, icc_profile=picture.icc_profile)
        rendered.append(RenderedFile(planned.spec, planned.format, body, *image.size))
    return keys, rendered


def signature(image, spec):
    """What a rendition of ``image`` by ``spec`` depends on, hashed."""
    parts = [str(PROCESSING_VERSION), image.file.name, repr(spec)]
    if spec.uses_focal_point:
        parts.append(repr(image.focal_point))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:40]


@dataclass
class BuildReport:
    built: list = field(default_factory=list)
    kept: int = 0
    removed: int = 0

    def __str__(self):
        return f"{len(self.built)} built, {self.kept} kept, {self.removed} removed"


def is_current(image, renditions):
    """Whether ``renditions`` are exactly what ``image`` needs now (no decoding needed)."""
    by_spec = {}
    for rendition in renditions:
        by_spec.setdefault(rendition.spec, []).append(rendition)
    expected = specs_for((image.width, image.height)) if image.width and image.height else None
    if not expected or set(by_spec) != {spec.name for spec in expected}:
        return False
    for spec in expected:
        rows = by_spec[spec.name]
        wanted = signature(image, spec)
        if len(rows) != len(spec.formats) or any(row.signature != wanted for row in rows):
            return False
    return True


def build_renditions(image, *, force=False):
    """Make the missing or outdated renditions of ``image``; remove those it no longer needs.

    Raises :class:`processing.ImageProblem` when the stored original cannot be decoded,
    and ``OSError`` when the storage cannot give it; nothing is stored then.
    """
    from ..models import Image, Rendition

    report = BuildReport()
    if not image.file:
        return report
    existing = {(r.spec, r.format): r for r in image.renditions.all()}
    if not force and is_current(image, existing.values()):
        report.kept = len(existing)
        return report

    with image.file.open("rb") as stored:
        data = stored.read()
    # The original's name and credit as they were read: if they change while we work, the
    # save that changed them has queued a new build, and this one must store nothing.
    source = (image.file.name, image.metadata_signature)

    def needed(spec, format_name):
        rendition = existing.get((spec.name, format_name))
        return force or rendition is None or rendition.signature != signature(image, spec)

    wanted_keys, rendered = render_all(
        data, xmp=image.xmp_packet(), focal_point=image.focal_point, needed=needed
    )
    report.kept = len(wanted_keys) - len(rendered)

    stale_files = []
    with transaction.atomic():
        current = Image.objects.select_for_update().filter(pk=image.pk).first()
        if current is None or (current.file.name, current.metadata_signature) != source:
            logger.info("Image %s changed during its rendition build; skipped.", image.pk)
            return BuildReport()
        for item in rendered:
            rendition = existing.get((item.spec.name, item.format))
            if rendition is None:
                rendition = Rendition(image=image, spec=item.spec.name, format=item.format)
            elif rendition.file:
                stale_files.append(rendition.file.name)
            rendition.width, rendition.height = item.width, item.height
            rendition.file_size = len(item.data)
            rendition.signature = signature(image, item.spec)
            rendition.file.save(
                rendition.file_name(image, item.data), ContentFile(item.data), save=False
            )
            rendition.save()
            report.built.append(rendition)
        for key, rendition in existing.items():
            if key not in wanted_keys:
                rendition.delete()  # its file goes once the transaction commits
                report.removed += 1
        transaction.on_commit(lambda: delete_files(stale_files))
    return report


def delete_files(names, storage=None):
    """Remove files from the storage, logging (not raising) what cannot be removed."""
    from django.core.files.storage import default_storage

    storage = storage or default_storage
    for name in names:
        if not name:
            continue
        try:
            storage.delete(name)
        except OSError:
            logger.warning("Could not delete %s from the storage.", name, exc_info=True)
