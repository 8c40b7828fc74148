"""The addresses of articles, tags and authors are the ones reverse() gives."""

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import NoReverseMatch, include, path, reverse, set_script_prefix
from django.utils import translation

from core.addresses import reverse_slug

SLUGS = ["les-puces-de-demain", "a", "tag_2026", "X-Y-z-0"]

# Another URL configuration (override_settings(ROOT_URLCONF=__name__)): tags elsewhere.
urlpatterns = [
    path("ailleurs/", include(([
        path("sujet/<slug:slug>/", lambda request, slug: HttpResponse(), name="tag"),
    ], "articles"))),
]


@pytest.mark.parametrize("viewname", ["articles:detail", "articles:tag", "articles:author"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_same_address_as_reverse_in_every_language(viewname, language):
    with translation.override(language):
        for slug in SLUGS:
            assert reverse_slug(viewname, slug) == reverse(viewname, kwargs={"slug": slug})


def test_same_address_under_a_script_prefix():
    set_script_prefix("/magazine/")
    try:
        assert reverse_slug("articles:detail", "un") == "/magazine/articles/un/"
    finally:
        set_script_prefix("/")
    assert reverse_slug("articles:detail", "un") == "/articles/un/"


def test_another_url_configuration_gives_its_own_address():
    before = reverse_slug("articles:tag", "energie")
    with override_settings(ROOT_URLCONF=__name__):
        assert reverse_slug("articles:tag", "energie") == "/ailleurs/sujet/energie/"
    assert reverse_slug("articles:tag", "energie") == before


@pytest.mark.parametrize("slug", ["", "été", "a/b", "a b"])
def test_what_is_no_slug_is_refused_as_reverse_refuses_it(slug):
    with pytest.raises(NoReverseMatch):
        reverse_slug("articles:detail", slug)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_addresses_without_arguments_are_those_reverse_gives(language):
    from core.addresses import reverse_without_arguments

    with translation.override(language):
        for viewname in ("articles:home", "articles:search"):
            assert reverse_without_arguments(viewname) == reverse(viewname)
    set_script_prefix("/magazine/")
    try:
        assert reverse_without_arguments("articles:search") == "/magazine/search/"
    finally:
        set_script_prefix("/")
    with override_settings(ROOT_URLCONF=__name__), pytest.raises(NoReverseMatch):
        reverse_without_arguments("articles:home")


def test_an_address_context_no_longer_active_leaves_nothing_wrong_remembered():
    """A caller that reads ``address_context()`` once and gives it to each address: should
    the language have changed in between, what reverse() works out in the active one is not
    remembered as the other's."""
    from core.addresses import (
        _around_slug,
        _reversed,
        address_context,
        reverse_without_arguments,
    )

    _around_slug.cache_clear()
    _reversed.cache_clear()
    with translation.override("en"):
        english = address_context()
    with translation.override("fr"):
        reverse_slug("articles:detail", "un", english)
        reverse_without_arguments("articles:search", english)
    with translation.override("en"):
        assert reverse_slug("articles:detail", "un") == reverse(
            "articles:detail", kwargs={"slug": "un"}
        )
        assert reverse_without_arguments("articles:search") == reverse("articles:search")
        assert reverse("articles:search").startswith("/en/")
