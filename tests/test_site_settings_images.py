"""The site settings' logo goes through the media library's validation and cleaning, by the
admin form and from code alike: no HTML riding in it, no GPS position, no script drawing."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from core.models import SiteSettings
from core.roles import EDITORS
from tests.articles.image_files import (
    HTML_PAYLOAD,
    camera_jpeg,
    camera_traces,
    html_polyglot_jpeg,
    html_polyglot_png,
    opened,
    read,
    svg_with_script,
    truncated_jpeg,
    upload,
)
from tests.factories import make_user

from .test_site_settings import settings_form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

HOSTILE_IMAGES = {
    "html-in-jpeg-comment": (html_polyglot_jpeg, "logo.jpg", "image/jpeg"),
    "html-in-png-text": (html_polyglot_png, "logo.png", "image/png"),
    "camera-gps": (camera_jpeg, "logo.jpg", "image/jpeg"),
}


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("editrice", EDITORS))
    return client


def post_logo(editor_client, file):
    site_settings = SiteSettings.current()
    return editor_client.post(
        f"/admin/core/sitesettings/{site_settings.pk}/change/",
        {**settings_form_data(site_settings), "publisher_logo": file},
    )


def assert_clean(data):
    assert b"<script" not in data.lower() and b"<html" not in data.lower()
    assert camera_traces(opened(data)) == set()


@pytest.mark.parametrize("kind", HOSTILE_IMAGES)
def test_an_editor_uploading_a_hostile_logo_gets_a_clean_copy_stored(editor_client, kind):
    make, name, content_type = HOSTILE_IMAGES[kind]
    original = make()
    assert HTML_PAYLOAD in original or camera_traces(opened(original))

    response = post_logo(editor_client, upload(original, name, content_type))

    assert response.status_code == 302
    logo = SiteSettings.objects.get().publisher_logo
    assert_clean(read(logo))
    assert logo.width == opened(original).width


@pytest.mark.parametrize("kind", HOSTILE_IMAGES)
def test_code_saving_a_hostile_logo_gets_a_clean_copy_stored_too(kind):
    make, name, _content_type = HOSTILE_IMAGES[kind]
    site_settings = SiteSettings.current()
    site_settings.publisher_logo = ContentFile(make(), name=name)
    site_settings.save()

    assert_clean(read(SiteSettings.objects.get().publisher_logo))


def test_a_logo_put_in_storage_as_it_came_is_cleaned_on_save():
    site_settings = SiteSettings.objects.get(pk=SiteSettings.current().pk)
    site_settings.publisher_logo.save("logo.jpg", ContentFile(camera_jpeg()), save=False)
    raw_name = site_settings.publisher_logo.name
    site_settings.save()

    logo = SiteSettings.objects.get().publisher_logo
    assert_clean(read(logo))
    assert not logo.storage.exists(raw_name) or logo.name == raw_name


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (svg_with_script(), "logo.png", "SVG"),
        (truncated_jpeg(), "logo.jpg", "damaged"),
        (HTML_PAYLOAD, "logo.png", "not an image"),
    ],
)
def test_what_is_not_a_web_image_is_refused_with_the_reason(editor_client, data, name, reason):
    response = post_logo(editor_client, upload(data, name))

    assert response.status_code == 200
    assert reason in response.content.decode()
    assert not SiteSettings.objects.get().publisher_logo


def test_code_saving_a_damaged_logo_is_refused():
    site_settings = SiteSettings.current()
    site_settings.publisher_logo = ContentFile(truncated_jpeg(), name="logo.jpg")
    with pytest.raises(ValidationError):
        site_settings.save()
    assert not SiteSettings.objects.get().publisher_logo
