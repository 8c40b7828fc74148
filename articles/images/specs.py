"""What renditions an image gets: small spec objects, each turning a picture into one size.

- :class:`Width` scales the picture down to a width, keeping its proportions. Pages offer
  these in ``srcset``; each exists in WebP and in a fallback format.
- :class:`Fill` crops the picture to a ratio around its focal point, then scales it down:
  the 1200×630 card that social networks and feeds show.

**Never upscaled.** A rendition is never larger than the original. Of the widths
(480, 800, 1200, 1600), those narrower than the original are made at their width; the
first width that is not narrower is made *at the original's own width*, and the wider ones
are skipped. A 1000-pixel-wide photo thus gets 480, 800 and 1000 (stored as ``w1200``).
A :class:`Fill` smaller than its target keeps the target's ratio at the largest size the
original allows (an 800×600 original gives an 800×420 social card).
"""

from dataclasses import dataclass

from PIL import Image as PILImage

#: Widths offered in srcset, in pixels.
WEB_WIDTHS = (480, 800, 1200, 1600)
#: Social cards: Open Graph and Twitter's large card, feeds, JSON-LD.
SOCIAL_SIZE = (1200, 630)

#: Format names stored in Rendition.format.
WEBP, JPEG, PNG = "webp", "jpeg", "png"
#: Stand-in for "JPEG, or PNG when the picture has transparency".
FALLBACK = "fallback"

RESAMPLING = PILImage.Resampling.LANCZOS
# Pillow first shrinks by whole factors (fast), then resamples the last step (sharp).
REDUCING_GAP = 3.0


def _scaled(size, width):
    original_width, original_height = size
    return width, max(1, round(original_height * width / original_width))


@dataclass(frozen=True)
class Width:
    """Scale down to ``width`` pixels wide (or keep the original's width if narrower)."""

    width: int
    formats: tuple = (WEBP, FALLBACK)
    uses_focal_point = False

    @property
    def name(self):
        return f"w{self.width}"

    def output_size(self, size):
        return _scaled(size, min(self.width, size[0]))

    def needed_scale(self, size):
        """How much of the original's resolution this spec needs (1 = all of it)."""
        return min(1.0, self.width / size[0])

    def apply(self, picture, focal_point=None):
        size = self.output_size(picture.size)
        if size == picture.size:
            return picture
        return picture.resize(size, RESAMPLING, reducing_gap=REDUCING_GAP)


@dataclass(frozen=True)
class Fill:
    """Crop to the ratio of ``width``×``height`` around the focal point, then scale down."""

    name: str
    width: int
    height: int
    formats: tuple = (JPEG,)
    uses_focal_point = True

    def crop_box(self, size, focal_point=None):
        """The largest box of the target ratio that fits, centred on the focal point as far
        as the edges allow: the focal point is always inside it."""
        original_width, original_height = size
        if original_width * self.height > original_height * self.width:
            box_width = max(1, round(original_height * self.width / self.height))
            box_height = original_height
        else:
            box_width = original_width
            box_height = max(1, round(original_width * self.height / self.width))
        focal_x, focal_y = focal_point or (0.5, 0.5)
        left = _clamp(
            round(focal_x * original_width - box_width / 2), 0, original_width - box_width
        )
        top = _clamp(
            round(focal_y * original_height - box_height / 2), 0, original_height - box_height
        )
        return left, top, left + box_width, top + box_height

    def output_size(self, size, focal_point=None):
        left, top, right, bottom = self.crop_box(size, focal_point)
        box_width, box_height = right - left, bottom - top
        if box_width <= self.width:
            return box_width, box_height
        return self.width, self.height

    def needed_scale(self, size):
        left, _top, right, _bottom = self.crop_box(size)
        return min(1.0, self.width / (right - left))

    def apply(self, picture, focal_point=None):
        box = self.crop_box(picture.size, focal_point)
        size = self.output_size(picture.size, focal_point)
        return picture.resize(size, RESAMPLING, box=box, reducing_gap=REDUCING_GAP)


def _clamp(value, low, high):
    return max(low, min(value, high))


WIDTH_SPECS = tuple(Width(width) for width in WEB_WIDTHS)
SOCIAL = Fill("social", *SOCIAL_SIZE)
SPECS = {spec.name: spec for spec in (*WIDTH_SPECS, SOCIAL)}


def specs_for(size):
    """The specs an image of ``size`` gets: each width spec whose output is new, and the
    social card (see the rule "never upscaled" above)."""
    chosen, widths_made = [], set()
    for spec in sorted(WIDTH_SPECS, key=lambda spec: spec.width):
        width = spec.output_size(size)[0]
        if width in widths_made:
            continue
        widths_made.add(width)
        chosen.append(spec)
    chosen.append(SOCIAL)
    return chosen


def resolve_format(name, has_alpha):
    """A spec's format name, with FALLBACK made concrete for this picture."""
    if name == FALLBACK:
        return PNG if has_alpha else JPEG
    return name
