"""Readable URL slugs for French text."""

from django.utils.text import slugify

# Letters that Unicode decomposition alone cannot reduce to ASCII.
_TRANSLITERATIONS = str.maketrans(
    {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "’": "-", "'": "-", "«": "", "»": ""}
)


def slugify_french(text, max_length=200):
    """A URL slug with French accents and ligatures transliterated (« Cœur » → "coeur")."""
    slug = slugify(str(text).translate(_TRANSLITERATIONS))
    return slug[:max_length].strip("-")
