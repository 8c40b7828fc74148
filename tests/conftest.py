"""Fixtures shared by the whole suite."""

import pytest
from django.core.cache import cache
from django.urls import clear_url_caches
from django.utils import translation


@pytest.fixture(autouse=True)
def _isolated_test_state(settings, tmp_path):
    """Each test writes uploads to its own folder and starts with an empty cache,
    fresh URL resolvers and the default language, whatever the previous test changed."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    clear_url_caches()
    yield
    cache.clear()
    clear_url_caches()
    translation.deactivate()
