"""Featured images for the demo articles, drawn with Pillow.

Each image is a diagonal gradient between the article's two colours with a
motif drawn over it in translucent white. The drawing is seeded by the
article's slug, so the same article always gets the same picture.
"""

import io
import math
import random

from django.core.files.base import ContentFile
from PIL import Image, ImageColor, ImageDraw

# Width and height of the generated JPEGs; tests patch it smaller to stay fast.
IMAGE_SIZE = (1600, 900)
JPEG_QUALITY = 85


def render(image, seed):
    """The JPEG file of ``image`` (a :class:`~articles.demo.base.DemoImage`)."""
    width, height = IMAGE_SIZE
    picture = _gradient(width, height, *image.colours)
    overlay = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    MOTIFS[image.motif](ImageDraw.Draw(overlay), width, height, random.Random(seed))
    picture = Image.alpha_composite(picture.convert("RGBA"), overlay).convert("RGB")
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=JPEG_QUALITY)
    # Named: ImageField reads the width and height only from a file that has a name.
    return ContentFile(buffer.getvalue(), name=f"{seed}.jpg")


def _gradient(width, height, start, end):
    """From ``start`` in the top-left corner to ``end`` in the bottom-right one."""
    gradient = Image.linear_gradient("L")  # black at the top, white at the bottom
    vertical = gradient.resize((width, height))
    horizontal = gradient.transpose(Image.Transpose.TRANSPOSE).resize((width, height))
    mask = Image.blend(vertical, horizontal, 0.5)
    return Image.composite(
        Image.new("RGB", (width, height), ImageColor.getrgb(end)),
        Image.new("RGB", (width, height), ImageColor.getrgb(start)),
        mask,
    )


def _white(alpha):
    return (255, 255, 255, alpha)


def _stroke(width):
    return max(1, round(width / 400))


def _chip(draw, width, height, rng):
    """A processor die: a square with pins on its four sides and a grid of cores."""
    side = height * 0.5
    left, top = (width - side) / 2, (height - side) / 2
    draw.rectangle(
        (left, top, left + side, top + side), outline=_white(200), width=_stroke(width) * 3
    )
    pins, pin = 12, side * 0.08
    for i in range(pins):
        offset = side * (i + 0.5) / pins
        for segment in (
            (left + offset, top - pin, left + offset, top),
            (left + offset, top + side, left + offset, top + side + pin),
            (left - pin, top + offset, left, top + offset),
            (left + side, top + offset, left + side + pin, top + offset),
        ):
            draw.line(segment, fill=_white(170), width=_stroke(width) * 2)
    cells, gap = 4, side * 0.04
    cell = (side - gap * (cells + 1)) / cells
    for row in range(cells):
        for column in range(cells):
            x = left + gap + column * (cell + gap)
            y = top + gap + row * (cell + gap)
            draw.rectangle((x, y, x + cell, y + cell), fill=_white(rng.choice((40, 70, 110))))


def _waves(draw, width, height, rng):
    """Sine waves crossing the picture from left to right."""
    for _ in range(7):
        amplitude = height * rng.uniform(0.04, 0.14)
        wavelength = width * rng.uniform(0.25, 0.7)
        baseline = height * rng.uniform(0.2, 0.8)
        phase = rng.uniform(0, math.tau)
        points = [
            (x, baseline + amplitude * math.sin(phase + math.tau * x / wavelength))
            for x in range(0, width + 8, 8)
        ]
        draw.line(points, fill=_white(rng.randint(90, 190)), width=_stroke(width) * 2)


def _network(draw, width, height, rng):
    """Nodes joined to their nearest neighbours, like a graph or a neural network."""
    nodes = [(rng.uniform(0.05, 0.95) * width, rng.uniform(0.08, 0.92) * height) for _ in range(34)]
    for x, y in nodes:
        nearest = sorted(nodes, key=lambda node: (node[0] - x) ** 2 + (node[1] - y) ** 2)[1:4]
        for other in nearest:
            draw.line((x, y, *other), fill=_white(90), width=_stroke(width))
    for x, y in nodes:
        radius = height * rng.uniform(0.008, 0.02)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=_white(220))


def _circles(draw, width, height, rng):
    """Concentric circles spreading from a point near one side."""
    cx = width * rng.uniform(0.15, 0.85)
    cy = height * rng.uniform(0.3, 0.7)
    step = height * 0.07
    for ring in range(1, 22):
        radius = ring * step
        draw.ellipse(
            (cx - radius, cy - radius, cx + radius, cy + radius),
            outline=_white(max(30, 200 - ring * 8)),
            width=_stroke(width) * 2,
        )


def _bars(draw, width, height, rng):
    """Vertical bars of varying heights standing on the bottom edge, like a chart."""
    count = 18
    slot = width / count
    for i in range(count):
        bar = height * rng.uniform(0.15, 0.75)
        left = i * slot + slot * 0.2
        draw.rectangle(
            (left, height - bar, left + slot * 0.6, height), fill=_white(rng.randint(50, 130))
        )


def _grid(draw, width, height, rng):
    """A regular grid of small squares, a few of them lit."""
    size = height / 14
    for y in range(0, height, round(size * 1.5)):
        for x in range(0, width, round(size * 1.5)):
            alpha = 200 if rng.random() < 0.12 else 45
            draw.rectangle(
                (x + size * 0.25, y + size * 0.25, x + size * 1.25, y + size * 1.25),
                fill=_white(alpha),
            )


def _stripes(draw, width, height, rng):
    """Broad diagonal bands of different widths."""
    x = -height
    while x < width:
        band = width * rng.uniform(0.02, 0.08)
        draw.polygon(
            ((x, height), (x + height, 0), (x + height + band, 0), (x + band, height)),
            fill=_white(rng.randint(25, 90)),
        )
        x += band + width * rng.uniform(0.03, 0.1)


def _orbits(draw, width, height, rng):
    """Flat ellipses around a planet, with small dots travelling on them."""
    cx, cy = width * 0.5, height * 0.55
    planet = height * 0.14
    draw.ellipse((cx - planet, cy - planet, cx + planet, cy + planet), fill=_white(150))
    for ring in range(1, 7):
        rx, ry = planet + ring * width * 0.06, planet * 0.5 + ring * height * 0.05
        draw.ellipse(
            (cx - rx, cy - ry, cx + rx, cy + ry), outline=_white(110), width=_stroke(width)
        )
        for _ in range(3):
            angle = rng.uniform(0, math.tau)
            x, y = cx + rx * math.cos(angle), cy + ry * math.sin(angle)
            dot = height * 0.008
            draw.ellipse((x - dot, y - dot, x + dot, y + dot), fill=_white(240))


MOTIFS = {
    "bars": _bars,
    "chip": _chip,
    "circles": _circles,
    "grid": _grid,
    "network": _network,
    "orbits": _orbits,
    "stripes": _stripes,
    "waves": _waves,
}
