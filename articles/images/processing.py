"""Decoding, cleaning and encoding image files with Pillow; no database, no storage.

:func:`open_picture` decodes a file once into a :class:`Picture`: its first frame, turned
upright by its EXIF orientation, in RGB, RGBA or L, with nothing left of its metadata but
its colour profile. :func:`clean_original` makes the file the library stores;
:func:`encode` writes a rendition. Both write the CMS's own XMP packet (see ``xmp.py``).

Colour and transparency:

- CMYK pictures (print JPEGs) are converted to sRGB through their embedded ICC profile, or
  with Pillow's plain conversion when they have none; the sRGB profile is embedded.
- Palette pictures, greyscale with a transparent colour, and RGB with a transparent colour
  become RGBA; a picture whose alpha is fully opaque everywhere becomes RGB.
- WebP keeps transparency. The fallback format is PNG for a picture with transparency and
  JPEG otherwise; JPEG output (the social card) is flattened onto white.

Animated GIF and WebP files are accepted and keep their first frame only; the editor is
told so. GIF originals are stored as PNG, since GIF cannot carry the XMP credit.
"""

import io
import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from PIL import ExifTags, ImageCms, UnidentifiedImageError
from PIL import Image as PILImage
from PIL.PngImagePlugin import PngInfo

from core.validators import damaged_message

from .containers import ContainerError, jpeg_with_metadata, webp_with_metadata
from .specs import JPEG, PNG, WEBP

#: Formats an upload may be in, by Pillow's name.
SOURCE_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
#: The format the library stores each source format in, and the file extension.
STORED_FORMATS = {"JPEG": (JPEG, ".jpg"), "PNG": (PNG, ".png"), "GIF": (PNG, ".png"),
                  "WEBP": (WEBP, ".webp")}
EXTENSIONS = {JPEG: ".jpg", PNG: ".png", WEBP: ".webp"}
MIME_TYPES = {JPEG: "image/jpeg", PNG: "image/png", WEBP: "image/webp"}

# Encoder settings. Originals that must be re-encoded keep a high quality; renditions are
# tuned for the web (WebP "method 4" is the usual speed/size balance).
ORIGINAL_JPEG_QUALITY = 92
ORIGINAL_WEBP_QUALITY = 90
RENDITION_JPEG_QUALITY = 82
RENDITION_WEBP_QUALITY = 80
WEBP_METHOD = 4
PNG_COMPRESS_LEVEL = 6

_XMP_PNG_KEY = "XML:com.adobe.xmp"
_PNG_MODES = {"1", "L", "LA", "I;16", "P", "RGB", "RGBA"}


class ImageProblem(ValueError):
    """A file that cannot become a picture of the library, with a message for the editor."""

    def __init__(self, message, code="invalid_image"):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass
class Picture:
    """A decoded picture, ready to be encoded again."""

    image: PILImage.Image  # upright, RGB, RGBA or L, no metadata
    source_format: str  # JPEG, PNG, GIF or WEBP
    icc_profile: bytes | None = None
    #: The upright first frame in its own mode, for lossless formats (PNG, GIF).
    frame: PILImage.Image | None = None
    #: Whether the pixels differ from the file's (turned upright, converted from CMYK).
    transformed: bool = False
    animated: bool = False
    notes: list = field(default_factory=list)

    @property
    def size(self):
        return self.image.size

    @property
    def has_alpha(self):
        return self.image.mode == "RGBA"


def damaged():
    return ImageProblem(damaged_message(), code="damaged_image")


def open_picture(data, *, for_specs=(), max_pixels=None):
    """Decode ``data`` (the bytes of a file) fully; raise :class:`ImageProblem` if it cannot
    be a picture of the library, or has more than ``max_pixels`` pixels (checked from the
    header, before decoding; the upload validators check it with a more detailed message).

    With ``for_specs``, a JPEG may be decoded at a reduced scale (1/2, 1/4, 1/8: libjpeg
    scales while decoding, much faster) as long as every spec still has the resolution it
    needs; the picture's size is then that of the reduced decoding.
    """
    try:
        source = PILImage.open(io.BytesIO(data))
    except PILImage.DecompressionBombError:
        raise ImageProblem(
            _("The image has too many pixels to be processed safely."), code="too_many_pixels"
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise ImageProblem(
            _("The file is not an image. Upload a JPEG, PNG, GIF or WebP file."),
            code="invalid_image",
        ) from None
    if source.format not in SOURCE_FORMATS:
        raise ImageProblem(
            _("%(format)s images cannot be shown on the site. "
              "Upload a JPEG, PNG, GIF or WebP file.") % {"format": source.format},
            code="unsupported_format",
        )
    if max_pixels and source.size[0] * source.size[1] > max_pixels:
        raise ImageProblem(
            _("The image has too many pixels to be processed safely."), code="too_many_pixels"
        )
    picture = Picture(image=None, source_format=source.format)
    try:
        picture.animated = bool(getattr(source, "is_animated", False))
        if picture.animated:
            source.seek(0)
        orientation = source.getexif().get(ExifTags.Base.Orientation, 1)
        if for_specs and source.format == "JPEG":
            _draft(source, for_specs, turned=orientation in (5, 6, 7, 8))
        source.load()
        transparency = source.info.get("transparency")
        icc = source.info.get("icc_profile") or None
        frame, method = source, _TRANSPOSITIONS.get(orientation)
        if method is not None:
            frame = source.transpose(method)
            picture.transformed = True
    except (OSError, SyntaxError, ValueError, EOFError, MemoryError):
        raise damaged() from None
    frame.info = {"transparency": transparency} if transparency is not None else {}
    picture.frame = frame
    picture.image, picture.icc_profile = _normalised(frame, icc, picture)
    if picture.animated:
        picture.notes.append(
            _("The image is animated: only its first frame is kept, as a still picture.")
        )
    elif picture.source_format == "GIF":
        picture.notes.append(_("GIF images are stored as PNG, which can carry the credit."))
    return picture


def _draft(source, specs, *, turned):
    width, height = source.size
    upright = (height, width) if turned else (width, height)
    # A little margin, so that rounding never leaves a spec a pixel short.
    scale = max(spec.needed_scale(upright) for spec in specs) * 1.02
    if scale < 1:
        source.draft(source.mode, (math.ceil(width * scale), math.ceil(height * scale)))


_TRANSPOSITIONS = {
    2: PILImage.Transpose.FLIP_LEFT_RIGHT,
    3: PILImage.Transpose.ROTATE_180,
    4: PILImage.Transpose.FLIP_TOP_BOTTOM,
    5: PILImage.Transpose.TRANSPOSE,
    6: PILImage.Transpose.ROTATE_270,
    7: PILImage.Transpose.TRANSVERSE,
    8: PILImage.Transpose.ROTATE_90,
}


def _srgb_profile():
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _profile_space(icc):
    """The colour space of an ICC profile ("RGB", "GRAY", "CMYK"…), or None if unreadable."""
    try:
        return ImageCms.ImageCmsProfile(io.BytesIO(icc)).profile.xcolor_space.strip()
    except (OSError, ImageCms.PyCMSError, TypeError, ValueError):
        return None


def _normalised(frame, icc, picture):
    """``frame`` in RGB, RGBA or L, and the ICC profile that still describes it."""
    image, mode = frame, frame.mode
    if mode == "CMYK":
        picture.transformed = True
        picture.notes.append(_("The image was converted from CMYK (print) to RGB for screens."))
        if icc and _profile_space(icc) == "CMYK":
            try:
                image = ImageCms.profileToProfile(
                    frame, ImageCms.ImageCmsProfile(io.BytesIO(icc)), _srgb_profile(),
                    renderingIntent=ImageCms.Intent.PERCEPTUAL, outputMode="RGB",
                )
                return image, _srgb_profile().tobytes()
            except (OSError, ImageCms.PyCMSError, ValueError):
                pass
        return frame.convert("RGB"), None
    if mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
        # 16-bit or float greyscale: scaled to 8 bits (Pillow's plain conversion clips).
        image = frame.convert("I").point(lambda value: value / 256).convert("L")
    elif mode == "1":
        image = frame.convert("L")
    elif mode in ("P", "PA", "LA", "La", "RGBa") or (
        mode in ("L", "RGB") and "transparency" in frame.info
    ):
        image = frame.convert("RGBA")
    elif mode not in ("RGB", "RGBA", "L"):
        image = frame.convert("RGB")
    if image.mode == "RGBA" and image.getchannel("A").getextrema()[0] == 255:
        image = image.convert("RGB")  # an alpha channel that hides nothing
    if image is not frame:
        image.info = {}
    return image, _compatible_icc(icc, image.mode)


def _compatible_icc(icc, mode):
    if not icc:
        return None
    space = _profile_space(icc)
    if space == "GRAY" and mode == "L":
        return icc
    if space == "RGB" and mode in ("RGB", "RGBA"):
        return icc
    return None


def _colour_mode(mode):
    """The mode an ICC profile must match for pixels of ``mode``: "RGB" or "L"."""
    return "RGB" if mode in ("P", "PA", "RGB", "RGBA") else "L"


def _flattened(image):
    """RGBA composited onto white, for JPEG; other modes unchanged."""
    if image.mode != "RGBA":
        return image
    background = PILImage.new("RGB", image.size, (255, 255, 255))
    background.paste(image, mask=image.getchannel("A"))
    return background


def encode(image, format_name, *, xmp, icc_profile=None, original=False):
    """``image`` as the bytes of a ``format_name`` file carrying ``xmp`` and the profile."""
    buffer = io.BytesIO()
    if format_name == JPEG:
        image = _flattened(image)
        if image.mode == "L" and _profile_space(icc_profile or b"") != "GRAY":
            icc_profile = None
        image.save(
            buffer, "JPEG",
            quality=ORIGINAL_JPEG_QUALITY if original else RENDITION_JPEG_QUALITY,
            optimize=True, progressive=True, icc_profile=icc_profile, xmp=xmp,
        )
    elif format_name == WEBP:
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGB")
            icc_profile = _compatible_icc(icc_profile, "RGB")
        image.save(
            buffer, "WEBP",
            quality=ORIGINAL_WEBP_QUALITY if original else RENDITION_WEBP_QUALITY,
            method=WEBP_METHOD, icc_profile=icc_profile or "", xmp=xmp, exif=b"",
        )
    elif format_name == PNG:
        info = PngInfo()
        if xmp:
            info.add_itxt(_XMP_PNG_KEY, xmp.decode("utf-8"), zip=False)
        options = {"pnginfo": info, "compress_level": PNG_COMPRESS_LEVEL}
        if icc_profile:
            options["icc_profile"] = icc_profile
        if "transparency" in image.info:
            options["transparency"] = image.info["transparency"]
        image.save(buffer, "PNG", **options)
    else:
        raise ValueError(f"unknown format {format_name!r}")
    return buffer.getvalue()


@dataclass(frozen=True)
class CleanFile:
    """The file the library stores: its bytes, format and size, and what the editor should
    know about it."""

    data: bytes
    format: str
    extension: str
    width: int
    height: int
    notes: tuple = ()
    #: Whether the pixels were kept exactly as uploaded (only the metadata was rewritten).
    lossless: bool = False


def clean_original(data, xmp, *, max_pixels=None):
    """The stored original of ``data``: upright, without the camera's metadata, with ``xmp``.

    JPEG and still WebP files that need no turning or colour conversion keep their
    compressed pixels exactly (their metadata is rewritten, see ``containers.py``); PNG and
    GIF are re-encoded losslessly; anything else is re-encoded at a high quality.
    """
    picture = open_picture(data, max_pixels=max_pixels)
    format_name, extension = STORED_FORMATS[picture.source_format]
    width, height = picture.size
    notes = tuple(picture.notes)
    if not picture.transformed and not picture.animated:
        try:
            if picture.source_format == "JPEG":
                rewritten = jpeg_with_metadata(data, xmp)
            elif picture.source_format == "WEBP":
                rewritten = webp_with_metadata(
                    data, xmp, width=width, height=height,
                    has_alpha=picture.frame.mode in ("RGBA", "LA", "PA"),
                )
            else:
                rewritten = None
            if rewritten is not None and _is_clean_copy(rewritten, picture):
                return CleanFile(rewritten, format_name, extension, width, height, notes, True)
        except ContainerError:
            pass
    if format_name == PNG:
        # Lossless: the first frame in its own mode when PNG can hold it (a palette stays
        # a palette), else the normalised picture.
        frame = picture.frame
        if frame.mode not in _PNG_MODES:
            frame = picture.image
        icc = _compatible_icc(picture.icc_profile, _colour_mode(frame.mode))
        output = encode(frame, PNG, xmp=xmp, icc_profile=icc)
        lossless = True
    else:
        output = encode(picture.image, format_name, xmp=xmp, icc_profile=picture.icc_profile,
                        original=True)
        lossless = False
    return CleanFile(output, format_name, extension, width, height, notes, lossless)


def _is_clean_copy(data, picture):
    """Whether a rewritten file decodes to the same size and carries no EXIF."""
    try:
        with PILImage.open(io.BytesIO(data)) as check:
            check.load()
            return check.size == picture.size and not check.getexif() and "exif" not in check.info
    except (OSError, SyntaxError, ValueError, EOFError):
        return False
