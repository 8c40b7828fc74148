"""Uploaded files on this machine: their addresses are Django's own, made faster."""

import pytest
from django.core.files.storage import FileSystemStorage

from core.media import MediaStorage

NAMES = [
    "images/renditions/2026/11/photo-5b7c9e1a0f2d-w800.webp",
    "images/Renditions/2026/11/Photo_1.v2~x-W800.WEBP",
    "images/l'été.jpg",
    "images/a b+c%20d.jpg",
    "images\\windows.jpg",
    "images/originals/été à Noël (2).jpg",
    "/images/leading-slash.png",
    "images/a?b#c&d=e.jpg",
    "images/../secret.jpg",
    "./images/x.jpg",
    "images/.hidden.jpg",
    "http://elsewhere.example/x.jpg",
    "//elsewhere.example/x.jpg",
    "images//double.jpg",
    "",
]


@pytest.mark.parametrize("base_url", ["/media/", "https://cdn.example/media/", "/"])
@pytest.mark.parametrize("name", NAMES)
def test_a_file_has_the_address_django_gives_it(name, base_url, tmp_path):
    ours = MediaStorage(location=tmp_path, base_url=base_url)
    djangos = FileSystemStorage(location=tmp_path, base_url=base_url)
    assert ours.url(name) == djangos.url(name)


def test_a_storage_without_an_address_still_says_so(tmp_path, settings):
    settings.MEDIA_URL = None
    with pytest.raises(ValueError):
        MediaStorage(location=tmp_path, base_url=None).url("x.jpg")
