"""How long building every rendition of a 12-megapixel photo takes.

    python bench/renditions.py [--runs N]

A 4000×3000 photo is generated (gradients, shapes and noise, so that it compresses like a
real one, with a camera's EXIF and GPS position), saved as a JPEG, then:

- *clean original*: what an upload costs in the request: decoding it fully, removing the
  metadata and writing the XMP credit (see articles/images/processing.py);
- *all renditions*: what the background task costs: decoding the stored original once and
  encoding the 4 widths in WebP and JPEG and the 1200×630 social card (9 files).

Each is run N times (5 by default); the medians of the wall-clock and CPU times are
reported, in seconds. Storage and database time are left out: they depend on the
deployment, not on this code.
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402
from django.conf import settings  # noqa: E402

if not settings.configured:
    settings.configure(USE_I18N=False)
django.setup()

from PIL import Image, ImageDraw, ImageFilter  # noqa: E402

from articles.images.processing import clean_original  # noqa: E402
from articles.images.renditions import render_all  # noqa: E402
from articles.images.xmp import build_xmp  # noqa: E402

SIZE = (4000, 3000)


def photo(size=SIZE, seed=12):
    """A camera-like JPEG of ``size``: smooth light, objects, sensor noise, EXIF and GPS."""
    width, height = size
    horizontal = Image.linear_gradient("L").rotate(90).resize(size)
    vertical = Image.linear_gradient("L").resize(size)
    radial = Image.radial_gradient("L").resize(size)
    base = Image.merge("RGB", (horizontal, radial, vertical))
    draw = ImageDraw.Draw(base)
    step = width // 9
    for index in range(40):
        x = (index * 7919 + seed * 31) % width
        y = (index * 104729 + seed * 17) % height
        radius = step // 2 + (index * 37) % step
        colour = ((index * 53) % 256, (index * 97) % 256, (index * 151) % 256)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)
    base = base.filter(ImageFilter.GaussianBlur(6))
    noise = Image.merge("RGB", [Image.effect_noise(size, 28) for _ in range(3)])
    picture = Image.blend(base, noise, 0.18)
    exif = Image.Exif()
    exif[0x010F] = "Bench Camera Co."
    exif[0x0110] = "Model 12"
    exif[0x8825] = {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 3.0)}
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=90, exif=exif)
    return buffer.getvalue()


def timed(function, runs):
    """Median wall-clock and CPU seconds of ``runs`` calls, and the last result.

    The CPU time is what the work costs this process; the wall-clock time also counts
    waiting for a busy machine.
    """
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = function()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu), result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    xmp = build_xmp(
        creator="Jeanne Roux",
        credit_line="Jeanne Roux / Agence Plein Champ",
        source="Agence Plein Champ",
        rights="© Jeanne Roux / Agence Plein Champ — CC BY 4.0",
        licence_url="https://creativecommons.org/licenses/by/4.0/",
        digital_source_type_uri="http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture",
    )
    source = photo()
    print(f"Photo: {SIZE[0]}×{SIZE[1]} JPEG, {len(source) / 1e6:.1f} MB; {runs} runs; "
          f"Python {sys.version.split()[0]}, Pillow {Image.__version__}, "
          f"{os.cpu_count()} CPUs")

    wall, cpu, clean = timed(lambda: clean_original(source, xmp), runs)
    print(f"clean original: median {wall:.3f} s ({cpu:.3f} s CPU), "
          f"{'metadata rewritten, pixels kept' if clean.lossless else 're-encoded'}")

    wall, cpu, (_keys, rendered) = timed(lambda: render_all(clean.data, xmp=xmp), runs)
    print(f"all renditions: median {wall:.3f} s ({cpu:.3f} s CPU) for {len(rendered)} files")
    for item in rendered:
        print(f"  {item.spec.name:>7} {item.format:<5} {item.width:>4}×{item.height:<4} "
              f"{len(item.data) / 1024:7.1f} KiB")


if __name__ == "__main__":
    main()
