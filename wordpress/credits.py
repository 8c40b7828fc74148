"""Credits of pictures as WordPress sites write them in captions and descriptions.

« Crédit photo : Jeanne Martin », « Photo : Jeanne Martin / AFP », « © Jeanne Martin »,
"Credit: Jeanne Martin", "Jeanne Martin / Unsplash", with a Creative Commons licence
when one is named.
"""

import re
from dataclasses import dataclass

from django.utils.html import strip_tags

_LABELLED = re.compile(
    r"(?:(?:cr[ée]dits?(?:\s+(?:photo|image)s?)?|photos?|photograph(?:ie|y|e|er)s?|images?"
    r"|copyright)\s*[:：]|©|\(c\))"
    r"\s*(?P<value>[^\n]+)",
    re.IGNORECASE,
)
_LICENCE = re.compile(
    r"[,;(—–-]?\s*\b(?P<name>CC0(?:\s*1\.0)?|CC[\s-]BY(?:-(?:SA|ND|NC))*(?:[\s-]\d\.\d)?"
    r"|domaine public|public domain)\b\)?",
    re.IGNORECASE,
)
_SOURCE_ONLY = re.compile(r"^(?P<credit>[^/\n]{2,80}?)\s+/\s+(?P<source>[^/\n]{2,80})$")
# Lower-case words a name or an agency may hold: « Jean de La Fontaine / Musée d’Orsay ».
_NAME_PARTICLES = {"de", "du", "des", "d", "la", "le", "les", "van", "von", "der", "den",
                   "y", "e", "da", "di", "and", "et", "of", "the"}


@dataclass(frozen=True)
class Credit:
    credit: str = ""
    source: str = ""
    licence_name: str = ""
    licence_url: str = ""
    #: The text with the credit taken out, for the caption.
    remainder: str = ""

    def __bool__(self):
        return bool(self.credit or self.source)


def licence_url(name):
    """The deed of a Creative Commons licence named like "CC BY-SA 4.0", or ""."""
    match = re.match(r"CC[\s-]BY((?:-(?:SA|ND|NC))*)[\s-](\d\.\d)", name, re.IGNORECASE)
    if match:
        kind = ("by" + match.group(1)).lower()
        return f"https://creativecommons.org/licenses/{kind}/{match.group(2)}/"
    if name.upper().startswith("CC0"):
        return "https://creativecommons.org/publicdomain/zero/1.0/"
    return ""


def _clean(text):
    return " ".join(text.strip(" \t«»\"“”.,;:()").split())


def parse_credit(*texts):
    """The first credit found in ``texts`` (caption, then description), or an empty Credit."""
    for raw in texts:
        text = strip_tags(raw or "").strip()
        if not text:
            continue
        found = _labelled(text) or _source_only(text)
        if found:
            return found
    return Credit()


def _split(value, remainder):
    licence = ""
    match = _LICENCE.search(value)
    if match:
        licence = " ".join(match.group("name").split())
        value = value[: match.start()] + value[match.end() :]
    parts = [_clean(part) for part in value.split(" / ") if _clean(part)]
    if not parts:
        return None
    # « © 2019 Jeanne Martin »: the year is the copyright's, not part of the name.
    credit, source = re.sub(r"^(?:19|20)\d\d\b\s*", "", parts[0]), " / ".join(parts[1:])
    if not credit:
        return None
    return Credit(
        credit=credit[:200],
        source=source[:200],
        licence_name=licence,
        licence_url=licence_url(licence),
        remainder=remainder.strip(" \t«»(—–-"),
    )


def _labelled(text):
    match = _LABELLED.search(text)
    if not match:
        return None
    remainder = (text[: match.start()] + text[match.end() :]).strip()
    return _split(match.group("value"), remainder)


def _looks_like_a_name(text):
    """A name or an agency, not a phrase: at most six words, each capitalised but for
    particles (« Jeanne Martin », « AFP », « Musée d’Orsay »; not « après la crue »)."""
    words = [word for word in re.split(r"[\s’'-]+", _clean(text)) if word]
    if not words or len(words) > 6 or not (words[0][0].isupper() or words[0][0].isdigit()):
        return False
    return all(
        word[0].isupper() or word[0].isdigit() or word.lower() in _NAME_PARTICLES
        for word in words
    )


def _source_only(text):
    """« Jeanne Martin / Unsplash » alone on the last line; « Avant / après » is a caption."""
    line = text.splitlines()[-1].strip()
    match = _SOURCE_ONLY.match(line)
    if not match or not all(
        _looks_like_a_name(_LICENCE.sub("", match.group(part))) for part in ("credit", "source")
    ):
        return None
    remainder = "\n".join(text.splitlines()[:-1]).strip()
    return _split(line, remainder)
