"""The French catalogue is complete and current: every string the code and the templates
mark for translation has its French translation, and the catalogue keeps no translation of
a string that is gone."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

CATALOGUE = Path("locale/fr/LC_MESSAGES/django.po")

pytestmark = pytest.mark.skipif(
    shutil.which("msgattrib") is None, reason="GNU gettext's tools are not installed"
)


@pytest.fixture(scope="module")
def extracted_catalogue(tmp_path_factory):
    """The committed French catalogue, updated by ``makemessages`` from a copy of the
    project: what the translators would be asked for today."""
    copy = tmp_path_factory.mktemp("messages") / "project"
    shutil.copytree(
        settings.BASE_DIR,
        copy,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "node_modules", "var", "__pycache__", "*.mo"
        ),
        symlinks=True,
    )
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "--ignore=var"],
        cwd=copy,
        env={**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "newsroom.settings"},
        check=True,
        capture_output=True,
    )
    return copy / CATALOGUE


def entries(catalogue, *selection):
    """The msgids of the catalogue's entries that msgattrib selects (header left out)."""
    printed = subprocess.run(
        ["msgattrib", *selection, "--no-wrap", str(catalogue)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [
        line
        for line in printed.splitlines()
        if line.startswith(("msgid ", "#~ msgid ")) and line not in ('msgid ""', '#~ msgid ""')
    ]


def test_every_string_marked_for_translation_has_its_french_translation(extracted_catalogue):
    # Among them, a {% translate %} string holding a "%": Django looks it up with "%%".
    assert entries(extracted_catalogue, "--untranslated", "--no-obsolete") == []
    assert entries(extracted_catalogue, "--only-fuzzy", "--no-obsolete") == []


def test_the_catalogue_keeps_no_translation_of_a_string_that_is_gone(extracted_catalogue):
    assert entries(extracted_catalogue, "--only-obsolete") == []
