"""The admin's autocomplete fields, sent something that is not an id: the form comes back
with its error, never a 500 (Django's own widget looks the value up as it came)."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, Image
from core.models import SiteSettings
from tests.articles.conftest import png_file
from tests.articles.fixtures_admin import article_form_data
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    client.force_login(make_user("edith", "Editors"))
    return client


@pytest.mark.parametrize("value", ["abc", "%00", "1.5", "99999999999999999999999", "-"])
def test_a_featured_image_that_is_not_an_id_is_a_form_error(editor_client, value):
    article = make_article("Les ponts", status=Article.Status.DRAFT)
    image = Image.objects.create(file=png_file(), alt_text="Un pont", credit="Jeanne Roux")

    response = editor_client.post(
        f"/admin/articles/article/{article.pk}/change/",
        article_form_data(title="Les ponts", featured_image=value, authors=["x", image.pk]),
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors.keys() >= {"featured_image", "authors"}
    article.refresh_from_db()
    assert article.featured_image is None


def test_the_default_social_image_that_is_not_an_id_is_a_form_error(editor_client):
    site_settings = SiteSettings.current()

    response = editor_client.post(
        reverse("admin:core_sitesettings_change", args=[site_settings.pk]),
        {"site_name": "Le Quotidien", "default_social_image": "abc",
         "editorial_responsibility_kind": "person"},
    )

    assert response.status_code == 200
    assert "default_social_image" in response.context["adminform"].form.errors


def test_a_valid_choice_is_still_shown_selected(editor_client):
    image = Image.objects.create(file=png_file(), alt_text="Un pont suspendu", credit="J. Roux")

    response = editor_client.post(
        "/admin/articles/article/add/",
        article_form_data(title="", featured_image=image.pk),
    )

    assert response.status_code == 200
    assert f'<option value="{image.pk}" selected>' in response.content.decode()
