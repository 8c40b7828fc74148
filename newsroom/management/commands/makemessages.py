"""``makemessages`` that also reads the Jinja2 templates of the reader site (jinja2/).

Django's command reads every template as a Django template: it would miss Jinja2's
``{% trans %}`` blocks, plurals and contexts. Jinja2 templates are parsed by their own
environment instead, and each string they translate is written, on its own line, as the
gettext call xgettext knows; the other files go through Django's command as before.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.commands import makemessages
from jinja2.ext import GETTEXT_FUNCTIONS, extract_from_ast

from newsroom.jinja2 import environment

#: Jinja2's names of the gettext functions, as xgettext knows them (makemessages's keywords).
XGETTEXT_NAMES = {"_": "gettext"}


def jinja2_directories():
    return [
        Path(directory).resolve()
        for engine in settings.TEMPLATES
        if engine["BACKEND"] == "newsroom.jinja2.Jinja2"
        for directory in engine.get("DIRS", [])
    ]


def gettext_calls(source):
    """The template ``source`` as Python for xgettext: its gettext calls, each on the line
    where the template has it."""
    lines = [""] * (source.count("\n") + 1)
    tree = environment().parse(source)
    for lineno, function, strings in extract_from_ast(tree, GETTEXT_FUNCTIONS, babel_style=False):
        # Its constant strings only: the message (and its plural, and its context).
        arguments = ", ".join(repr(string) for string in strings)
        lines[lineno - 1] += f"{XGETTEXT_NAMES.get(function, function)}({arguments}); "
    return "\n".join(lines)


class BuildFile(makemessages.BuildFile):
    @property
    def is_jinja2(self):
        path = Path(self.path).resolve()
        return self.domain == "django" and any(
            path.is_relative_to(directory) for directory in jinja2_directories()
        )

    def preprocess(self):
        if not (self.is_templatized and self.is_jinja2):
            return super().preprocess()
        source = Path(self.path).read_text(encoding="utf-8")
        Path(self.work_path).write_text(gettext_calls(source), encoding="utf-8")
        return None


class Command(makemessages.Command):
    build_file_class = BuildFile
