"""The demo articles, read from the data files beside this module.

One file per article, in a folder per main tag (their numbers give the order), then
``5-a-paraitre`` for those readers cannot see yet (scheduled, in review, drafts). A file is
the article's fields in TOML between two ``+++`` lines (its picture in an ``[image]``
table; see ``DemoArticle`` and ``DemoImage`` in ``base.py``), then its body in HTML.
"""

from pathlib import Path

from ..base import DemoArticle, DemoImage
from ..datafiles import DemoContentError, read_data_file

FOLDER = Path(__file__).parent

__all__ = ["ARTICLES", "DemoContentError", "read_article", "read_articles"]


def read_article(path):
    fields, body = read_data_file(path)
    image = fields.pop("image", None)
    try:
        return DemoArticle(
            **fields, body=body, image=DemoImage(**image) if image is not None else None
        )
    except TypeError as problem:
        raise DemoContentError(f"{path.parent.name}/{path.name}: {problem}") from problem


def read_articles(folder=FOLDER):
    return tuple(read_article(path) for path in sorted(folder.glob("*/*.html")))


ARTICLES = read_articles()
