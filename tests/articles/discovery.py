"""Helpers of the tests of how readers find articles: search, feeds, sitemaps, metadata."""

import io
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from articles.models import Article, Image, Tag
from tests import factories


def make_author(username="camille", first_name="Camille", last_name="Lefèvre"):
    return get_user_model().objects.create_user(
        username=username, first_name=first_name, last_name=last_name, password="pw-for-tests"
    )


def png_upload(name="eoliennes.png", size=(120, 80)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (30, 90, 160)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def make_image(**fields):
    fields.setdefault("alt_text", "Deux éoliennes au-dessus d’un champ de colza")
    fields.setdefault("caption", "Le parc éolien de Beauce, en mai")
    fields.setdefault("credit", "Jeanne Roux")
    fields.setdefault("credit_source", "Agence Plein Champ")
    fields.setdefault("source_url", "https://photos.example.com/eoliennes")
    fields.setdefault("licence_name", "CC BY 4.0")
    fields.setdefault("licence_url", "https://creativecommons.org/licenses/by/4.0/")
    return Image.objects.create(file=png_upload(), **fields)


def make_tag(name, **fields):
    return Tag.objects.get_or_create(name=name, defaults=fields)[0]


def make_article(title="Un article", **fields):
    """An article of tests/factories.py, with a standfirst unless told otherwise."""
    fields.setdefault("standfirst", "Un chapeau qui résume l’article.")
    return factories.make_article(title, **fields)


def grow(count, *, authors, tags, image=True):
    """Add published articles, each with every author and tag, until there are ``count``."""
    for index in range(Article.objects.count(), count):
        make_article(
            f"Article numéro {index}",
            authors=authors,
            tags=tags,
            sources=[("Agence A", "https://example.com/a"), "Agence B"],
            featured_image=make_image() if image else None,
            ago=timedelta(hours=index + 1),
        )
