"""Media on S3-compatible object storage (MEDIA_STORAGE=s3, django-storages), against a real
S3 server on 127.0.0.1 (moto's): uploads, renditions, the addresses pages give and the
lifetime the bucket serves them with."""

import re
import urllib.error
import urllib.request

import pytest
from django.core.files.storage import default_storage

from articles.models import Image
from tests.articles.fixtures_admin import client_for, make_user
from tests.articles.image_files import jpeg_bytes, opened, upload
from tests.factories import make_article
from tests.objectstorage import bucket_keys

pytestmark = pytest.mark.django_db

IMAGES = "/admin/articles/image/"
LONG_LIFETIME = "public, max-age=31536000, immutable"


def image_form(file, **overrides):
    return {
        "file": file,
        "alt_text": "Une grue dans le port de Brest",
        "caption": "",
        "credit": "Jeanne Roux",
        "credit_source": "Agence Plein Champ",
        "source_url": "",
        "licence_name": "",
        "licence_url": "",
        "digital_source_type": "digitalCapture",
        "focal_point_x": "",
        "focal_point_y": "",
        "_save": "Save",
        **overrides,
    }


def fetch(url):
    """(status, headers, body) of a GET of ``url``, as a reader's browser makes it."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310  # nosec B310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def page_image_urls(html):
    """Every address of a picture on the page: each src and each srcset candidate."""
    urls = re.findall(r'<img[^>]* src="([^"]+)"', html)
    for srcset in re.findall(r'srcset="([^"]+)"', html):
        urls += [candidate.split()[0] for candidate in srcset.split(",")]
    return [url.replace("&amp;", "&") for url in urls]


@pytest.fixture
def editor_client(db):
    return client_for(make_user("redaction", "Editors"))


@pytest.fixture
def upload_image(editor_client, django_capture_on_commit_callbacks):
    """Upload a picture through the admin (its renditions built at once, as the test
    settings' task backend does) and return its Image."""

    def send(content, name="grue.jpg", **fields):
        known = set(Image.objects.values_list("pk", flat=True))
        with django_capture_on_commit_callbacks(execute=True):
            response = editor_client.post(
                IMAGES + "add/", image_form(upload(content, name), **fields)
            )
        assert response.status_code == 302, response.content[:2000]
        return Image.objects.prefetch_related("renditions").exclude(pk__in=known).get()

    return send


def stored_names(image):
    return {image.file.name} | {rendition.file.name for rendition in image.rendition_list()}


def test_an_upload_is_stored_once_in_the_bucket_with_its_renditions(s3_media, upload_image):
    bucket, client, media_url = s3_media

    image = upload_image(jpeg_bytes((1200, 800)))

    assert image.renditions.count() == 7  # 480, 800 and 1200 px, WebP and JPEG; social card
    # The original once (the upload as sent never lands there), each rendition once.
    assert bucket_keys(client, bucket) == sorted(stored_names(image))
    assert re.fullmatch(r"images/\d{4}/\d\d/grue-[0-9a-f]{12}\.jpg", image.file.name)
    head = client.head_object(Bucket=bucket, Key=image.rendition("w800", "webp").file.name)
    assert head["CacheControl"] == LONG_LIFETIME
    assert head["ContentType"] == "image/webp"
    assert image.file.url == media_url + image.file.name


def test_pages_point_at_the_bucket_which_serves_pictures_kept_a_year(
    s3_media, upload_image, client
):
    _bucket, _client, media_url = s3_media
    image = upload_image(jpeg_bytes((1200, 800)))
    article = make_article("La grue du port", featured_image=image)

    html = client.get(article.get_absolute_url()).content.decode()

    urls = page_image_urls(html)
    assert urls and all(url.startswith(media_url) for url in urls), urls
    for url in set(urls):
        status, headers, body = fetch(url)
        assert status == 200, url
        assert headers["Cache-Control"] == LONG_LIFETIME
        assert headers["Content-Type"].startswith("image/")
        assert opened(body).size[0] > 0


def test_the_same_file_name_twice_is_two_objects(s3_media, upload_image):
    bucket, client, _media_url = s3_media

    first = upload_image(jpeg_bytes((900, 600)), "photo.jpg")
    second = upload_image(jpeg_bytes((900, 600), comment=b"autre"), "photo.jpg")
    again = upload_image(jpeg_bytes((900, 600)), "photo.jpg")

    names = [first.file.name, second.file.name, again.file.name]
    assert len(set(names)) == 3
    assert set(names) <= set(bucket_keys(client, bucket))
    for image in (first, second, again):
        image.refresh_from_db()
        with image.file.open("rb") as stored:
            assert opened(stored.read()).size == (900, 600)


def test_replacing_and_deleting_an_image_keep_every_other_file(
    s3_media, upload_image, editor_client, django_capture_on_commit_callbacks
):
    bucket, client, _media_url = s3_media
    kept = upload_image(jpeg_bytes((900, 600)), "photo.jpg")
    replaced = upload_image(jpeg_bytes((900, 600)), "photo.jpg")
    old_names = stored_names(replaced)

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            f"{IMAGES}{replaced.pk}/change/",
            image_form(upload(jpeg_bytes((700, 500)), "nouvelle.jpg")),
        )
    assert response.status_code == 302
    replaced = Image.objects.prefetch_related("renditions").get(pk=replaced.pk)
    assert (replaced.width, replaced.height) == (700, 500)
    keys = set(bucket_keys(client, bucket))
    assert keys == stored_names(kept) | stored_names(replaced)
    assert not old_names & keys

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"{IMAGES}{replaced.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert set(bucket_keys(client, bucket)) == stored_names(kept)
    for name in stored_names(kept):
        assert default_storage.exists(name)


def test_a_new_credit_stores_the_original_under_a_new_name(
    s3_media, upload_image, editor_client, django_capture_on_commit_callbacks
):
    """A name is never reused for other bytes, so a year in a browser's cache is safe."""
    bucket, client, _media_url = s3_media
    image = upload_image(jpeg_bytes((900, 600)))
    before = stored_names(image)

    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            f"{IMAGES}{image.pk}/change/", image_form("", credit="Paul Martin")
        )

    image = Image.objects.prefetch_related("renditions").get(pk=image.pk)
    after = stored_names(image)
    assert not before & after
    assert set(bucket_keys(client, bucket)) == after
    assert re.fullmatch(r"images/\d{4}/\d\d/grue-[0-9a-f]{12}\.jpg", image.file.name)


def test_the_publishers_logo_uploaded_in_the_site_settings_goes_to_the_bucket(
    s3_media, editor_client
):
    from core.models import SiteSettings
    from tests.test_site_settings import settings_form_data

    bucket, client, media_url = s3_media
    site_settings = SiteSettings.current()

    response = editor_client.post(
        f"/admin/core/sitesettings/{site_settings.pk}/change/",
        {
            **settings_form_data(site_settings),
            "publisher_logo": upload(jpeg_bytes((600, 60)), "logo.jpg"),
        },
    )

    assert response.status_code == 302
    logo = SiteSettings.objects.get().publisher_logo
    assert bucket_keys(client, bucket) == [logo.name]
    assert re.search(r"/logo-[0-9a-f]{12}\.jpg$", logo.name)
    status, headers, body = fetch(logo.url)
    assert logo.url.startswith(media_url)
    assert (status, headers["Cache-Control"]) == (200, LONG_LIFETIME)
    assert opened(body).size == (600, 60)
