from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

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


def _too_many_pixels(width=None, height=None):
    limit = number_format(settings.IMAGE_MAX_PIXELS, force_grouping=True)
    if width is None:
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
    except PILImage.DecompressionBombError:
        # Pillow refuses to even describe images far past its own limit.
        raise _too_many_pixels() from None
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


def validate_image_file(file):
    """Every check a new image file must pass, whatever path it arrives by.

    A file already in storage passed them when it was uploaded; it is not
    read again (it may live on a remote storage, or be missing in a copy of
    the database).
    """
    if getattr(file, "_committed", False):
        return
    validate_image_size(file)
    validate_image_pixels(file)
