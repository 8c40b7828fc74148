"""Dates written as Django's ``dateformat.format()`` writes them, for the pages that print a
score of them (every comment's date, every card's).

Django splits the format with two regular expressions for every date, and works out the
date's time zone, checking with two conversions that the time exists in it, though only a
few format characters print anything of the time zone. Here a format is split once in a
process, and a date goes through Django's own formatter when its format needs the zone.
"""

from datetime import datetime
from functools import lru_cache

from django.utils import dateformat

#: The format characters whose text depends on the time zone DateFormat works out.
TIME_ZONE_CHARACTERS = frozenset("eIOTZr")


@lru_cache(maxsize=128)
def _pieces(format_string):
    """``format_string`` as (text, is_format_character) pairs, split as Django's Formatter
    splits it; None when one of its characters needs the time zone."""
    pieces = []
    for index, piece in enumerate(dateformat.re_formatchars.split(format_string)):
        if index % 2:
            if piece in TIME_ZONE_CHARACTERS:
                return None
            pieces.append((piece, True))
        elif piece:
            pieces.append((dateformat.re_escaped.sub(r"\1", piece), False))
    return tuple(pieces)


def format_date(value, format_string):
    """``django.utils.dateformat.format(value, format_string)``: the same text."""
    pieces = _pieces(str(format_string)) if type(value) is datetime else None
    if pieces is None:
        return dateformat.format(value, format_string)
    formatter = dateformat.DateFormat.__new__(dateformat.DateFormat)
    formatter.data = value
    # Read by none of the pieces (TIME_ZONE_CHARACTERS).
    formatter.timezone = None
    return "".join([
        str(getattr(formatter, piece)()) if is_character else piece
        for piece, is_character in pieces
    ])
