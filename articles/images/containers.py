"""Replace the metadata of a JPEG or WebP file without decoding and re-encoding its pixels.

A photo editor's JPEG keeps its exact quality: only the segments that describe the picture
are rewritten. What is kept is what the pixels need to be displayed right (quantisation and
Huffman tables, frame and scan headers, the ICC colour profile, Adobe's colour transform);
everything else goes: EXIF and its GPS position, maker notes, thumbnails, XMP, IPTC,
comments, and whatever follows the end of the image (the extra pictures of MPO files).

Both functions raise :class:`ContainerError` on anything they do not understand; the caller
then re-encodes the picture with Pillow instead, which always drops the metadata.
"""

import struct


class ContainerError(ValueError):
    """The file's structure is not one these functions can rewrite safely."""


XMP_NAMESPACE_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"
_MAX_SEGMENT = 65533  # a JPEG segment's payload, after its two length bytes

# JPEG markers
_SOI, _EOI, _SOS, _COM, _TEM = 0xD8, 0xD9, 0xDA, 0xFE, 0x01
_APP0, _APP1, _APP2, _APP14, _APP15 = 0xE0, 0xE1, 0xE2, 0xEE, 0xEF


def _is_restart(marker):
    return 0xD0 <= marker <= 0xD7


def _kept_app_segment(marker, payload):
    """The payload to keep for an APPn segment, or None to drop it."""
    if marker == _APP0 and payload.startswith(b"JFIF\x00") and len(payload) >= 14:
        # Version, units and density; the embedded thumbnail (if any) is dropped.
        return payload[:12] + b"\x00\x00"
    if marker == _APP2 and payload.startswith(b"ICC_PROFILE\x00"):
        return payload
    if marker == _APP14 and payload.startswith(b"Adobe"):
        return payload  # tells the decoder how the colours were transformed
    return None


def _segment(marker, payload):
    if len(payload) > _MAX_SEGMENT:
        raise ContainerError("segment too long")
    return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload


def jpeg_with_metadata(data, xmp):
    """``data`` (a JPEG file) with its metadata replaced by the XMP packet ``xmp``."""
    if data[:2] != b"\xff\xd8":
        raise ContainerError("not a JPEG file")
    out = [b"\xff\xd8"]
    xmp_segment = _segment(_APP1, XMP_NAMESPACE_HEADER + xmp) if xmp else b""
    xmp_written = False
    position, end = 2, len(data)
    while True:
        if position >= end or data[position] != 0xFF:
            raise ContainerError("marker expected")
        while position < end and data[position] == 0xFF:  # fill bytes
            position += 1
        if position >= end:
            raise ContainerError("truncated marker")
        marker = data[position]
        position += 1
        if marker == _EOI:
            out.append(b"\xff\xd9")
            break  # anything after the image is dropped
        if marker == _SOI:
            raise ContainerError("nested image")
        if _is_restart(marker) or marker == _TEM:
            out.append(bytes((0xFF, marker)))
            continue
        if position + 2 > end:
            raise ContainerError("truncated segment")
        (length,) = struct.unpack(">H", data[position : position + 2])
        if length < 2 or position + length > end:
            raise ContainerError("bad segment length")
        payload = data[position + 2 : position + length]
        position += length
        is_app = _APP0 <= marker <= _APP15
        if not xmp_written and not is_app and marker != _COM:
            # The XMP goes after JFIF/ICC/Adobe, before the tables.
            out.append(xmp_segment)
            xmp_written = True
        if is_app:
            kept = _kept_app_segment(marker, payload)
            if kept is not None:
                out.append(_segment(marker, kept))
            continue
        if marker == _COM:
            continue
        out.append(data[position - length - 2 : position])
        if marker == _SOS:
            # Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00
            # nor a restart marker.
            scan_start = position
            while True:
                found = data.find(b"\xff", position)
                if found < 0 or found + 1 >= end:
                    raise ContainerError("scan without an end")
                following = data[found + 1]
                if following == 0x00 or _is_restart(following):
                    position = found + 2
                    continue
                if following == 0xFF:
                    position = found + 1
                    continue
                break
            out.append(data[scan_start:found])
            position = found
    if not xmp_written:
        raise ContainerError("no image data")
    return b"".join(out)


# WebP: a RIFF container of chunks.
_VP8X_ICC, _VP8X_ALPHA, _VP8X_EXIF, _VP8X_XMP, _VP8X_ANIMATION = 0x20, 0x10, 0x08, 0x04, 0x02
_WEBP_IMAGE_CHUNKS = {b"VP8 ", b"VP8L", b"ALPH"}


def _riff_chunk(fourcc, payload):
    padding = b"\x00" if len(payload) % 2 else b""
    return fourcc + struct.pack("<I", len(payload)) + payload + padding


def webp_with_metadata(data, xmp, *, width, height, has_alpha):
    """``data`` (a still WebP file) with its metadata replaced by the XMP packet ``xmp``.

    ``width``, ``height`` and ``has_alpha`` describe the decoded picture; they are needed
    when a simple WebP file gets the extended header that metadata requires.
    """
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise ContainerError("not a WebP file")
    chunks, position = [], 12
    (riff_size,) = struct.unpack("<I", data[4:8])
    end = min(len(data), 8 + riff_size)
    while position + 8 <= end:
        fourcc = data[position : position + 4]
        (size,) = struct.unpack("<I", data[position + 4 : position + 8])
        start = position + 8
        if start + size > end:
            raise ContainerError("truncated chunk")
        chunks.append((fourcc, data[start : start + size]))
        position = start + size + (size % 2)
    names = [fourcc for fourcc, _payload in chunks]
    if b"ANIM" in names or b"ANMF" in names:
        raise ContainerError("animated WebP")
    image_chunks = [(f, p) for f, p in chunks if f in _WEBP_IMAGE_CHUNKS]
    if not image_chunks:
        raise ContainerError("no image data")
    icc = [(f, p) for f, p in chunks if f == b"ICCP"]
    if names[0] == b"VP8X":
        flags = chunks[0][1][0]
        canvas = chunks[0][1][4:10]
        if len(chunks[0][1]) < 10:
            raise ContainerError("bad VP8X chunk")
    else:
        flags = _VP8X_ALPHA if has_alpha else 0
        canvas = struct.pack("<I", width - 1)[:3] + struct.pack("<I", height - 1)[:3]
    flags &= ~(_VP8X_EXIF | _VP8X_XMP | _VP8X_ANIMATION)
    flags = (flags & ~_VP8X_ICC) | (_VP8X_ICC if icc else 0)
    if xmp:
        flags |= _VP8X_XMP
    body = [_riff_chunk(b"VP8X", bytes((flags, 0, 0, 0)) + canvas)]
    body += [_riff_chunk(f, p) for f, p in icc + image_chunks]
    if xmp:
        body.append(_riff_chunk(b"XMP ", xmp))
    payload = b"WEBP" + b"".join(body)
    return b"RIFF" + struct.pack("<I", len(payload)) + payload
