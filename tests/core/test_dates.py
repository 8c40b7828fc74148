"""Dates written by core.dates: the text Django's dateformat gives, format split once."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import dateformat, translation

from core.dates import _pieces, format_date

PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")

MOMENTS = [
    datetime(2026, 11, 30, 10, 35, 7, 123456, tzinfo=PARIS),
    datetime(2026, 1, 1, 0, 0, tzinfo=PARIS),
    datetime(2026, 6, 15, 12, 0, tzinfo=NEW_YORK),
    datetime(2024, 2, 29, 23, 59, 59, tzinfo=ZoneInfo("UTC")),
    # The hour that happens twice when the clocks go back, and the one that never happens.
    datetime(2026, 10, 25, 2, 30, tzinfo=PARIS),
    datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=PARIS),
    datetime(2026, 3, 29, 2, 30, tzinfo=PARIS),
    datetime(2026, 7, 4, 9, 5),  # naive
]

FORMATS = [
    "j F Y",
    "j F Y H:i",
    "N j, Y",
    "N j, Y, P",
    "DATE_FORMAT",  # not a format name here: characters, as Django reads them
    r"l jS \o\f F Y h:i:s A",
    r"\Y\e\a\r: Y",
    "aAbcdDEfFgGhHiLmMnNoSstuUwWyYz",
    # The time zone's characters: Django's own formatter.
    "e I O T Z r",
    "Y-m-d O",
    "",
    "no format character: ..",
]


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("format_string", FORMATS)
def test_a_date_is_written_as_django_writes_it(language, format_string):
    with translation.override(language):
        for moment in MOMENTS:
            assert format_date(moment, format_string) == dateformat.format(moment, format_string)


def test_a_day_without_time_goes_through_django():
    day = date(2026, 11, 30)
    assert format_date(day, "j F Y") == dateformat.format(day, "j F Y")
    with pytest.raises(TypeError):
        format_date(day, "j F Y H:i")


def test_a_datetime_of_another_kind_goes_through_django():
    class Moment(datetime):
        pass

    moment = Moment(2026, 11, 30, 10, 35, tzinfo=PARIS)
    assert format_date(moment, "j F Y H:i") == dateformat.format(moment, "j F Y H:i")


def test_formats_needing_the_time_zone_are_left_to_django():
    assert _pieces("j F Y H:i") == (
        ("j", True), (" ", False), ("F", True), (" ", False), ("Y", True), (" ", False),
        ("H", True), (":", False), ("i", True),
    )
    assert _pieces(r"Y \T") == (("Y", True), (" T", False))
    for character in "eIOTZr":
        assert _pieces(f"Y {character}") is None
