"""The checks every uploaded picture passes, whichever app stores it (the image library,
the site's logo): judged by its content, never by its name."""

import contextlib
import io
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import UnidentifiedImageError


def damaged_message():
    """Why a picture that cannot be decoded is refused, in the current language."""
    return _(
        "The image is damaged or incomplete and cannot be read. "
        "Export it again from the original and upload the new file."
    )


# Formats every browser displays; anything else would upload fine and then
# show as a broken image on the site.
WEB_IMAGE_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "GIF": "GIF", "WEBP": "WebP"}


def validate_image_size(file):
    """Refuse empty files and files over ``IMAGE_MAX_UPLOAD_BYTES``, before any decoding."""
    size = getattr(file, "size", None)
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size is not None and size > settings.IMAGE_MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is %(size)s; images may not exceed %(limit)s.")
            % {
                "size": filesizeformat(size),
                "limit": filesizeformat(settings.IMAGE_MAX_UPLOAD_BYTES),
            },
            code="too_large",
        )


# Markup at the start of a file: an SVG drawing, or an HTML page renamed .jpg.
_MARKUP = re.compile(rb"^\s*(?:<\?xml|<!--|<!doctype|<svg|<html)", re.IGNORECASE)


def validate_not_markup(file):
    """Refuse SVG drawings (and HTML) by their content, with a reason the editor understands.

    SVG is XML that may carry scripts run by the browser; the site only serves pictures it
    can decode and re-encode itself.
    """
    position = file.tell() if hasattr(file, "tell") else None
    try:
        file.seek(0)
        head = file.read(1024)
    finally:
        if position is not None:
            file.seek(position)
    if isinstance(head, str):
        head = head.encode("utf-8", "replace")
    head = head.removeprefix(b"\xef\xbb\xbf")
    if _MARKUP.match(head):
        if b"svg" in head.lower():
            message = _(
                "SVG drawings are not accepted: they can contain scripts. "
                "Export the drawing as PNG and upload that."
            )
        else:
            message = _(
                "The file is a text document, not an image, whatever its name says. "
                "Upload a JPEG, PNG, GIF or WebP file."
            )
        raise ValidationError(message, code="markup")


_BOMB_PIXELS = re.compile(r"Image size \((\d+) pixels\)")


def _too_many_pixels(width=None, height=None, pixels=None):
    limit = number_format(settings.IMAGE_MAX_PIXELS, force_grouping=True)
    if width is None and pixels is not None:
        message = _(
            "The image has too many pixels (%(pixels)s); images may not exceed %(limit)s "
            "pixels. Files like this one can be made to exhaust a server's memory."
        ) % {"pixels": number_format(pixels, force_grouping=True), "limit": limit}
    elif width is None:
        message = _("The image has too many pixels; images may not exceed %(limit)s pixels.") % {
            "limit": limit
        }
    else:
        message = _(
            "The image is %(width)s × %(height)s pixels; "
            "images may not exceed %(limit)s pixels in all."
        ) % {"width": width, "height": height, "limit": limit}
    return ValidationError(message, code="too_many_pixels")


def validate_image_pixels(file):
    """Refuse what is not a web image, or has more than ``IMAGE_MAX_PIXELS`` pixels.

    Only the header is read: Pillow learns the size without decoding the
    pixels, so a decompression bomb is refused before it can fill the memory.
    """
    position = file.tell() if hasattr(file, "tell") else None
    try:
        file.seek(0)
        with PILImage.open(file) as image:
            width, height = image.size
            image_format = image.format
    except PILImage.DecompressionBombError as bomb:
        # Pillow refuses to even describe images far past its own limit.
        found = _BOMB_PIXELS.search(str(bomb))
        raise _too_many_pixels(pixels=int(found.group(1)) if found else None) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(
            _("The file is not an image, or it is damaged. Upload a JPEG, PNG, GIF or WebP file."),
            code="invalid_image",
        ) from None
    finally:
        if position is not None:
            file.seek(position)
    if image_format not in WEB_IMAGE_FORMATS:
        raise ValidationError(
            _(
                "%(format)s images cannot be shown on the site. "
                "Upload a JPEG, PNG, GIF or WebP file."
            )
            % {"format": image_format},
            code="unsupported_format",
        )
    if width * height > settings.IMAGE_MAX_PIXELS:
        raise _too_many_pixels(width, height)


def validate_image_decodes(file):
    """Refuse a file whose pixels cannot all be decoded: truncated, corrupt.

    Run after the header checks, so that only a reasonable number of pixels is decoded
    (the first frame of an animation).
    """
    position = file.tell() if hasattr(file, "tell") else None
    try:
        file.seek(0)
        data = file.read()
    finally:
        if position is not None:
            file.seek(position)
    if isinstance(data, str):
        data = data.encode("utf-8", "replace")
    try:
        with PILImage.open(io.BytesIO(data)) as image:
            if getattr(image, "is_animated", False):
                image.seek(0)
            image.load()
    except (OSError, SyntaxError, ValueError, EOFError, MemoryError):
        raise ValidationError(damaged_message(), code="damaged_image") from None


def validate_image_file(file):
    """Every check a new image file must pass, whatever path it arrives by.

    A file already in storage passed them when it was uploaded; it is not
    read again (it may live on a remote storage, or be missing in a copy of
    the database).
    """
    if getattr(file, "_committed", False):
        return
    # The form field and the model field both validate an upload (one wraps the other):
    # decode it only once.
    layers = _layers(file)
    if any(getattr(layer, "_newsroom_valid_image", False) for layer in layers):
        return
    validate_image_size(file)
    validate_not_markup(file)
    validate_image_pixels(file)
    validate_image_decodes(file)
    for layer in layers:
        with contextlib.suppress(AttributeError):
            layer._newsroom_valid_image = True


def _layers(file):
    """``file`` and the file objects it wraps (a FieldFile wraps an upload, which wraps a
    buffer)."""
    layers = [file]
    while len(layers) < 3:
        inner = getattr(layers[-1], "_file", None) or getattr(layers[-1], "file", None)
        if inner is None or inner in layers:
            break
        layers.append(inner)
    return layers
