"""People are named by core/names.py alone: ``public_name`` on readers' pages (never a
username), ``display_name`` wherever staff read; no module writes its own fallback."""

import re
from pathlib import Path

import pytest

from core.names import display_name, public_name
from tests.factories import make_user

ROOT = Path(__file__).resolve().parents[2]
OWN_FALLBACK = re.compile(r"get_full_name(\(\))?\s*(or|\|default[:(])")


def project_files():
    for folder in ("accounts", "articles", "comments", "core", "jinja2", "newsroom",
                   "templates", "wordpress"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in {".py", ".html", ".txt"} and "migrations" not in path.parts:
                yield path


def test_no_module_names_people_its_own_way():
    offenders = [
        str(path.relative_to(ROOT))
        for path in project_files()
        if path != ROOT / "core" / "names.py" and OWN_FALLBACK.search(path.read_text())
    ]
    assert offenders == []


@pytest.mark.django_db
def test_readers_never_see_the_username_staff_do(english):
    nameless = make_user("j.dupont42")
    assert public_name(nameless) == "The newsroom"
    assert display_name(nameless) == "j.dupont42"
    named = make_user("m.curie", first_name="Marie", last_name="Curie")
    assert public_name(named) == display_name(named) == "Marie Curie"
