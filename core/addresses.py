"""Addresses of objects that pages print by the dozen: an article's, a tag's, an author's;
and those every page prints: the home and search pages', the site's own files (stylesheet,
scripts, icons).

``reverse()`` walks the URL patterns, checks and quotes for every call: a page of cards
asks it for each card's article and tags. Those addresses differ only by a slug, so what
surrounds the slug is reversed once for each URL configuration, script prefix and language,
and each address is that with the slug put in.
"""

import re
from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static as django_static
from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

#: What Django's ``slug`` path converter accepts: nothing in it is quoted in an address.
SLUG = re.compile(r"[-a-zA-Z0-9_]+")
#: A slug no real object has, standing for the slug while the address around it is reversed.
PLACEHOLDER = "slug-placeholder-3f9c1d"


def address_context():
    """What ``reverse()``'s answer depends on besides its arguments: the URL configuration,
    the script prefix and the language (of i18n_patterns).

    Each is kept in the thread's locals (asgiref's ``Local``, a few microseconds a read):
    code that puts many addresses together in one language, such as a page's menu, reads
    them once and gives them to ``reverse_slug`` and ``reverse_without_arguments``."""
    return get_resolver(get_urlconf()), get_script_prefix(), get_language()


class _NotActive(Exception):
    """The address context given is not the one active: what ``reverse()`` would work out now
    must not be remembered under it."""


def _check_active(context):
    if context != address_context():
        raise _NotActive


@lru_cache(maxsize=256)
def _around_slug(viewname, *context):
    _check_active(context)
    address = reverse(viewname, kwargs={"slug": PLACEHOLDER})
    before, found, after = address.partition(PLACEHOLDER)
    if not found or PLACEHOLDER in after:
        return None
    return before, after


def reverse_slug(viewname, slug, context=None):
    """``reverse(viewname, kwargs={"slug": slug})``, for a view whose address takes a slug.

    ``context``: ``address_context()``, read by the caller in the language, URL
    configuration and script prefix still active; read here when not given."""
    if isinstance(slug, str) and SLUG.fullmatch(slug):
        try:
            around = _around_slug(viewname, *(context or address_context()))
        except _NotActive:
            around = None
        if around is not None:
            return f"{around[0]}{slug}{around[1]}"
    return reverse(viewname, kwargs={"slug": slug})


@lru_cache(maxsize=256)
def _reversed(viewname, *context):
    _check_active(context)
    return reverse(viewname)


def reverse_without_arguments(viewname, context=None):
    """``reverse(viewname)``, for a view whose address takes nothing (the home page, the
    search page): the same for every page, worked out once for each URL configuration,
    script prefix and language, as the addresses around slugs (``context`` as there)."""
    try:
        return _reversed(viewname, *(context or address_context()))
    except _NotActive:
        return reverse(viewname)


#: The settings that change the address of a static file.
STATIC_SETTINGS = frozenset({"STATIC_URL", "STATIC_ROOT", "STORAGES", "DEBUG"})


@lru_cache(maxsize=256)
def static(path):
    """Django's ``static(path)``, remembered for the life of the process: a file's address
    changes only with a new deployment (its hashed name is read from the manifest that
    ``collectstatic`` wrote), and every page asks for several."""
    return django_static(path)


@receiver(setting_changed)
def forget_static_addresses(setting, **kwargs):
    if setting in STATIC_SETTINGS:
        static.cache_clear()
