"""Image files generated for the image tests: cameras' JPEGs, odd modes and hostile files.

Nothing binary is stored in the repository; every file is drawn here with Pillow (or
written byte by byte when Pillow could not produce it cheaply).
"""

import functools
import io
import struct
import xml.etree.ElementTree as ET
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from PIL import ImageCms, ImageDraw, PngImagePlugin

GPS_INFO, MAKE, MODEL, ORIENTATION = 0x8825, 0x010F, 0x0110, 0x0112

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
    "Iptc4xmpExt": "http://iptc.org/std/Iptc4xmpExt/2008-02-29/",
}


def camera_exif(orientation=None):
    """EXIF as a phone writes it: maker, model and where the photographer stood."""
    exif = PILImage.Exif()
    exif[MAKE] = "Canon"
    exif[MODEL] = "EOS 5D"
    exif[GPS_INFO] = {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 3.0)}
    if orientation:
        exif[ORIENTATION] = orientation
    return exif


def camera_xmp():
    return (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
        b'22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
        b'exif:GPSLatitude="48,51.4N"/></rdf:RDF></x:xmpmeta>'
    )


def picture(size=(640, 480), mode="RGB"):
    """A picture with some detail: a gradient, a red square at the top left."""
    width, height = size
    image = PILImage.linear_gradient("L").resize(size).convert("RGB")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width // 4, height // 4), fill=(220, 20, 20))
    draw.ellipse((width // 3, height // 3, width // 2, height // 2), fill=(20, 160, 60))
    return image.convert(mode) if mode != "RGB" else image


@functools.cache
def srgb_profile():
    """An sRGB ICC profile (the same bytes all along: a profile records when it was made)."""
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def jpeg_bytes(size=(640, 480), *, exif=None, icc_profile=None, mode="RGB", xmp=None,
               comment=None):
    buffer = io.BytesIO()
    options = {"quality": 90}
    if exif is not None:
        options["exif"] = exif
    if icc_profile:
        options["icc_profile"] = icc_profile
    if xmp:
        options["xmp"] = xmp
    if comment:
        options["comment"] = comment
    picture(size, mode).save(buffer, "JPEG", **options)
    return buffer.getvalue()


def camera_jpeg(size=(640, 480), **options):
    return jpeg_bytes(size, exif=camera_exif(), xmp=camera_xmp(), comment=b"Shot in Paris",
                      **options)


def png_bytes(image):
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def palette_png_with_transparency(size=(200, 100)):
    """A palette PNG whose left half is transparent."""
    image = PILImage.new("P", size, 1)
    image.putpalette([0, 0, 0, 30, 90, 200] + [0, 0, 0] * 254)
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 2 - 1, size[1]), fill=0)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", transparency=0)
    return buffer.getvalue()


def rgba_png(size=(200, 100), *, opaque=False):
    """Blue on the right; the left half transparent unless ``opaque``."""
    image = PILImage.new("RGBA", size, (30, 90, 200, 255))
    if not opaque:
        ImageDraw.Draw(image).rectangle((0, 0, size[0] // 2 - 1, size[1]), fill=(0, 0, 0, 0))
    return png_bytes(image)


def webp_bytes(size=(400, 300), *, exif=None):
    buffer = io.BytesIO()
    picture(size).save(buffer, "WEBP", quality=80, exif=exif or b"")
    return buffer.getvalue()


def animated_gif(size=(120, 80), frames=3):
    images = [PILImage.new("P", size, index) for index in range(frames)]
    for image in images:
        image.putpalette([255, 0, 0, 0, 255, 0, 0, 0, 255] + [0, 0, 0] * 253)
    buffer = io.BytesIO()
    images[0].save(buffer, "GIF", save_all=True, append_images=images[1:], duration=100, loop=0)
    return buffer.getvalue()


def cmyk_jpeg(size=(300, 200)):
    """A print JPEG: pure magenta and yellow, that is red, in CMYK."""
    buffer = io.BytesIO()
    PILImage.new("CMYK", size, (0, 255, 255, 0)).save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def truncated_jpeg():
    data = jpeg_bytes((400, 300))
    return data[: len(data) // 2]


def svg_with_script():
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
        b"<script>alert(document.cookie)</script><circle cx=\"50\" cy=\"50\" r=\"40\"/></svg>"
    )


def huge_png(width=20_000, height=20_000):
    """A real, complete 1-bit PNG of ``width`` × ``height`` white pixels, a few kB long.

    Pillow would need hundreds of megabytes to draw it; its rows are written here instead.
    """
    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(
        b"IEND", b""
    )


def upload(content, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


# Reading stored files


def read(field_file):
    with field_file.open("rb") as stored:
        return stored.read()


def opened(data):
    image = PILImage.open(io.BytesIO(data))
    image.load()
    return image


def xmp_packet(image):
    packet = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp")
    if isinstance(packet, str):
        packet = packet.encode("utf-8")
    return packet


def xmp_fields(image):
    """The fields of the XMP packet of ``image`` (a decoded Pillow image), parsed."""
    packet = xmp_packet(image)
    assert packet, "no XMP packet"
    text = packet.decode("utf-8")
    root = ET.fromstring(text[text.index("<x:xmpmeta") : text.rindex("</x:xmpmeta>") + 12])  # noqa: S314
    description = root.find("rdf:RDF/rdf:Description", NS)
    return {
        "creator": description.findtext("dc:creator/rdf:Seq/rdf:li", namespaces=NS),
        "rights": description.findtext("dc:rights/rdf:Alt/rdf:li", namespaces=NS),
        "credit": description.findtext("photoshop:Credit", namespaces=NS),
        "source": description.findtext("photoshop:Source", namespaces=NS),
        "web_statement": description.findtext("xmpRights:WebStatement", namespaces=NS),
        "digital_source_type": description.findtext(
            "Iptc4xmpExt:DigitalSourceType", namespaces=NS
        ),
    }


def camera_traces(image):
    """What of the camera's metadata is left in ``image``: EXIF tags, GPS, XMP, comment."""
    exif = image.getexif()
    traces = {tag for tag in (MAKE, MODEL, ORIENTATION) if tag in exif}
    if exif.get_ifd(GPS_INFO) or GPS_INFO in exif:
        traces.add("GPS")
    packet = xmp_packet(image) or b""
    if b"GPS" in packet or b"exif:" in packet:
        traces.add("camera XMP")
    if image.info.get("comment"):
        traces.add("comment")
    if image.info.get("exif"):
        traces.add("EXIF block")
    return traces


HTML_PAYLOAD = b"<html><body><script>alert(document.domain)</script></body></html>"


def html_polyglot_jpeg():
    """A real JPEG that is also an HTML page to a browser sniffing it: the page rides in
    the file's comment."""
    return jpeg_bytes((300, 60), comment=HTML_PAYLOAD)


def html_polyglot_png():
    """A real PNG carrying an HTML page in a text chunk."""
    buffer = io.BytesIO()
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", HTML_PAYLOAD.decode())
    picture((300, 60)).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()
