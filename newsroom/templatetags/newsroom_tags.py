"""Site-wide template tags: the header's tag menu, language links, pagination addresses.

The reader site's Jinja2 templates call the same functions (newsroom/jinja2.py)."""

import contextlib
from urllib.parse import urlsplit, urlunsplit

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import timezone, translation
from django.utils.html import format_html

from articles.models import Tag
from core import identity
from core.addresses import address_context, reverse_slug, static
from core.names import display_name, public_name

register = template.Library()


@register.filter("display_name")
def display_name_filter(user):
    """``core.names.display_name``, for staff pages; "" for nobody (a deleted account)."""
    return display_name(user) if user else ""


@register.filter("public_name")
def public_name_filter(user):
    """``core.names.public_name``, for readers' pages; "" for nobody."""
    return public_name(user) if user else ""


@register.simple_tag
def navigation_tags():
    """The site's sections for the main menu, as editors chose and ordered them.

    Each comes with its ``url``, reversed once although the menu prints it twice, all in
    the language and URL configuration read once.
    """
    tags = Tag.objects.menu()
    addresses = address_context()
    for tag in tags:
        tag.url = tag.get_absolute_url(addresses)
    return tags


def translated_path(request, path, code, active=None):
    """``translate_url(path, code)`` for ``path``, the request's own (``get_full_path()``):
    reversed from the view the request was resolved to rather than resolving it again, an
    address that takes only a slug put together around it (core.addresses.reverse_slug).

    ``active``: the active language, when the caller knows it: in that one, nothing to
    switch."""
    match = getattr(request, "resolver_match", None)
    if match is None or request.path != request.path_info:
        # Not resolved, or the path is not the one resolved (under a script prefix).
        return translate_url(path, code)
    viewname = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    with translation.override(code) if code != active else contextlib.nullcontext():
        try:
            if not match.args and match.kwargs.keys() == {"slug"}:
                address = reverse_slug(viewname, match.kwargs["slug"])
            else:
                address = reverse(viewname, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return path
    parsed = urlsplit(path)
    return urlunsplit((parsed.scheme, parsed.netloc, address, parsed.query, parsed.fragment))


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in each language of the site, for the switcher and hreflang links.

    A path that no view answers (a 404, a flat page) has no translation, so its
    link falls back to the home page in that language.
    """
    request = context.get("request")
    current = translation.get_language()
    path = request.get_full_path() if request else "/"
    absolute = identity.absolute_urls(request) if request else None
    links = []
    for code, _name in settings.LANGUAGES:
        url = (
            translated_path(request, path, code, active=current)
            if request
            else translate_url(path, code)
        )
        if url == path and code != current:
            with translation.override(code):
                url = reverse("articles:home")
        info = translation.get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": url,
                # Search engines want hreflang alternates as absolute addresses.
                "absolute_url": absolute(url) if request else url,
                "is_current": code == current,
                "is_default": code == settings.LANGUAGE_CODE,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current address showing page ``number``, other query parameters kept.

    Page 1 gets the address without ``?page=`` so that search engines see one URL for it.
    """
    request = context["request"]
    params = request.GET.copy()
    params.pop("page", None)
    if int(number) != 1:
        params["page"] = number
    query = params.urlencode()
    return f"{request.path}?{query}" if query else request.path


@register.simple_tag
def page_numbers(page_obj):
    """Page numbers around the current page, with ellipses standing for the others."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)


@register.filter
def datetime_attr(value):
    """``value`` for a ``<time datetime>``: local ISO 8601 to the second.

    Django's "c" format keeps microseconds, which HTML's datetime syntax does not allow.
    """
    if not value:
        return ""
    return timezone.localtime(value).isoformat(timespec="seconds")


@register.simple_tag
def site_icons():
    """The site's icons, for browser tabs and phones' home screens: in the head of reader
    pages (Jinja2) and of the admin's (a Django template) alike."""
    return format_html(
        '<link rel="icon" href="{}" type="image/svg+xml">\n'
        '  <link rel="icon" href="{}" sizes="48x48">\n'
        '  <link rel="apple-touch-icon" href="{}">\n',
        static("img/favicon.svg"),
        static("img/favicon.ico"),
        static("img/apple-touch-icon.png"),
    )
