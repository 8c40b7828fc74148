"""The demo articles, read from the data files beside this module.

One file per article, in a folder per main tag (their numbers give the order), then
``5-a-paraitre`` for those readers cannot see yet (scheduled, in review, drafts). A file is
the article's fields in TOML between two ``+++`` lines (its picture in an ``[image]``
table; see ``DemoArticle`` and ``DemoImage`` in ``base.py``), then its body in HTML.
"""

import tomllib
from pathlib import Path

from ..base import DemoArticle, DemoImage

FOLDER = Path(__file__).parent
DELIMITER = "+++\n"


class DemoContentError(ValueError):
    """A data file the loader cannot read, named in the message."""


def read_article(path):
    text = path.read_text(encoding="utf-8")
    try:
        before, front_matter, body = text.split(DELIMITER, 2)
        if before:
            raise ValueError("the file must start with a +++ line")
        fields = {key: _immutable(value) for key, value in tomllib.loads(front_matter).items()}
        image = fields.pop("image", None)
        return DemoArticle(
            **fields, body=body, image=DemoImage(**image) if image is not None else None
        )
    except (ValueError, TypeError, tomllib.TOMLDecodeError) as problem:
        raise DemoContentError(f"{path.parent.name}/{path.name}: {problem}") from problem


def read_articles(folder=FOLDER):
    return tuple(read_article(path) for path in sorted(folder.glob("*/*.html")))


def _immutable(value):
    """TOML arrays as the tuples the frozen dataclasses hold, tables as dicts of them."""
    if isinstance(value, list):
        return tuple(_immutable(item) for item in value)
    if isinstance(value, dict):
        return {key: _immutable(item) for key, item in value.items()}
    return value


ARTICLES = read_articles()
