"""Stored names that change with the content: a file's address is never reused for other
pixels, so browsers and CDNs may keep it for a year (``MEDIA_CACHE_CONTROL``).

``photo.jpg`` is stored as ``photo-3f9a0c1b2d4e.jpg``; its 800-pixel WebP rendition as
``photo-5b7c9e1a0f2d-w800.webp``. A name cleaned again (a new credit rewrites the file)
keeps its stem and gets a new fingerprint.
"""

import hashlib
import re
from pathlib import PurePosixPath

#: Long enough for the database's 100 characters with the folder and what the storage adds.
STEM_LENGTH = 50
# A fingerprint, and the suffix a storage adds to a name already taken.
_FINGERPRINT = re.compile(r"-[0-9a-f]{12}(?:_[A-Za-z0-9]{7})?$")


def fingerprint(data):
    return hashlib.sha256(data).hexdigest()[:12]


def base_stem(name, default="image"):
    """The stem ``name`` was uploaded with, without a fingerprint this module gave it."""
    stem = _FINGERPRINT.sub("", PurePosixPath(name or "").stem)
    return stem[:STEM_LENGTH] or default


def content_name(name, data, extension, suffix="", default="image"):
    """``name``'s stem, a fingerprint of ``data``, then ``suffix`` and ``extension``."""
    return f"{base_stem(name, default)}-{fingerprint(data)}{suffix}{extension}"
