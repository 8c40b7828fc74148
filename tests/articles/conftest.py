"""Fixtures of the reader-site tests: people, credited images, articles with tags and sources.

Named with a ``site_`` prefix so that they never shadow the suite-wide fixtures.
"""

import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from articles.models import Article, Image, Tag
from core.roles import EDITORS
from tests.factories import make_article


def png_file(name="photo.png", size=(120, 80)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (30, 90, 160)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def site_make_user(db):
    def make(username, first_name="", last_name="", *, group=None, is_staff=False, **extra):
        user = get_user_model().objects.create_user(
            username=username,
            password="pw-for-tests",
            first_name=first_name,
            last_name=last_name,
            is_staff=is_staff,
            **extra,
        )
        if group:
            # The groups and their permissions come from the roles data migration.
            user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.fixture
def site_make_image(db):
    def make(**fields):
        fields.setdefault("alt_text", "Deux éoliennes au-dessus d’un champ de colza")
        fields.setdefault("credit", "Jeanne Roux")
        fields.setdefault("credit_source", "Agence Plein Champ")
        return Image.objects.create(file=png_file(), **fields)

    return make


@pytest.fixture
def site_make_tag(db):
    def make(name, **fields):
        return Tag.objects.create(name=name, **fields)

    return make


@pytest.fixture
def site_make_article(db):
    """Articles published half an hour ago unless told otherwise; ``ago`` orders them."""

    def make(title="Un article", *, ago=timedelta(minutes=30), **fields):
        fields.setdefault("body", "<p>Un texte écrit pour les tests de la maquette.</p>")
        return make_article(title, ago=ago, **fields)

    return make


@pytest.fixture
def site_authors(site_make_user):
    return [
        site_make_user("camille", "Camille", "Lefèvre"),
        site_make_user("noor", "Noor", "Haddad"),
    ]


@pytest.fixture
def site_editor(site_make_user):
    return site_make_user("redaction", "Rita", "Chef", group=EDITORS, is_staff=True)


@pytest.fixture
def site_build(site_make_article, site_make_image, site_make_tag, site_make_user):
    """Grow a site to ``count`` published articles, each with 3 tags, 2 authors, 2 sources
    and a credited image; call again with a larger count to add more."""
    tags = []
    authors = []

    def build(count):
        if not tags:
            tags.extend(
                site_make_tag(name, is_section=True)
                for name in ("Matériel", "Énergie", "Société")
            )
            authors.extend(
                [site_make_user("ines", "Inès", "Garnier"), site_make_user("tom", "Tom", "Weber")]
            )
        existing = Article.objects.count()
        for index in range(existing, count):
            site_make_article(
                f"Article numéro {index}",
                authors=authors,
                tags=tags,
                sources=[("Agence A", "https://example.com/a"), "Agence B"],
                featured_image=site_make_image(),
                standfirst="Un chapeau de test.",
                ago=timedelta(hours=index + 1),
            )
        return tags, authors

    return build
