"""Users of each role, articles and image files for the articles tests.

Imported by the test modules (``from tests.articles.fixtures_admin import *``)
rather than a conftest, so that these fixtures stay local to them.
"""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from PIL import Image as PILImage

from articles.models import Article
from core.roles import AUTHORS, EDITORS, MODERATORS
from tests import factories
from tests.factories import make_user

__all__ = [
    "article_form_data",
    "admin_in_english",
    "author",
    "author_client",
    "bomb_png",
    "client_for",
    "editor",
    "editor_client",
    "make_article",
    "make_user",
    "moderator",
    "moderator_client",
    "other_author",
    "png_bytes",
    "upload",
]


def client_for(user):
    """A test client logged in as ``user``."""
    client = Client()
    client.force_login(user)
    return client


def make_article(title="Un article", *, status=Article.Status.DRAFT, **fields):
    """A draft unless told otherwise (tests/factories.py)."""
    fields.setdefault("body", "<p>Du texte.</p>")
    fields.setdefault("published_at", None)
    return factories.make_article(title, status=status, **fields)


def publication_fields(when):
    """The publication date field of the article form, set to ``when`` (local time)."""
    when = timezone.localtime(when)
    return {
        "published_at_0": when.strftime("%Y-%m-%d"),
        "published_at_1": when.strftime("%H:%M:%S"),
    }


def article_form_data(**overrides):
    """The POST data of the article add/change form, with an empty sources inline."""
    data = {
        "title": "Titre",
        "slug": "",
        "standfirst": "",
        "body": "<p>Un corps.</p>",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "featured_image": "",
        "tags": "",
        "comments_open": "on",
        "writing_method": "human",
        "ai_system": "",
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
        "sources-MIN_NUM_FORMS": "0",
        "sources-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def png_bytes(width=4, height=3, *, noise=False):
    image = PILImage.new("RGB", (width, height), "steelblue")
    if noise:
        image = PILImage.effect_noise((width, height), 64).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def bomb_png(width, height):
    """A tiny PNG whose header claims ``width`` × ``height`` pixels.

    Decoding it would need gigabytes; only its header may ever be read.
    """
    data = bytearray(png_bytes(1, 1))
    # The IHDR chunk starts at byte 8: length (4), type (4), width (4), height (4)…
    ihdr_start = 8 + 8
    data[ihdr_start : ihdr_start + 8] = struct.pack(">II", width, height)
    ihdr = bytes(data[12 : 12 + 4 + 13])
    data[12 + 4 + 13 : 12 + 4 + 13 + 4] = struct.pack(">I", zlib.crc32(ihdr))
    return bytes(data)


def upload(content, name="photo.png", content_type="image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture(autouse=True)
def admin_in_english(english):
    """Admin messages in English, whatever translations exist (see tests/conftest.py)."""


@pytest.fixture
def editor(db):
    return make_user("edith", EDITORS, first_name="Edith", last_name="Piaf")


@pytest.fixture
def author(db):
    return make_user("albert", AUTHORS, first_name="Albert", last_name="Londres")


@pytest.fixture
def other_author(db):
    return make_user("colette", AUTHORS, first_name="Sidonie", last_name="Colette")


@pytest.fixture
def moderator(db):
    return make_user("marc", MODERATORS)


@pytest.fixture
def editor_client(editor):
    return client_for(editor)


@pytest.fixture
def author_client(author):
    return client_for(author)


@pytest.fixture
def moderator_client(moderator):
    return client_for(moderator)
