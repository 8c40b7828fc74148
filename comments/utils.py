"""Small helpers shared by the comment views and spam checks."""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils.http import is_same_domain

from .models import USER_AGENT_MAX_LENGTH


def user_agent(request):
    return request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_MAX_LENGTH]


def _is_trusted_origin(origin, request):
    """Whether ``origin`` ("scheme://host[:port]") is this site as the request reached it,
    or one of CSRF_TRUSTED_ORIGINS (``https://*.example.com`` matches its subdomains)."""
    if origin == f"{request.scheme}://{request.get_host()}":
        return True
    scheme, _, host = origin.partition("://")
    for trusted in settings.CSRF_TRUSTED_ORIGINS:
        if trusted == origin:
            return True
        trusted_scheme, _, trusted_host = trusted.partition("://")
        if (
            trusted_host.startswith("*")
            and trusted_scheme == scheme
            and is_same_domain(host, trusted_host[1:])
        ):
            return True
    return False


def comes_from_this_site(request):
    """Whether a form post was sent by a page of this site, as the browser tells.

    Browsers name the page's origin in ``Origin`` on every POST (older ones in
    ``Sec-Fetch-Site`` or ``Referer``): a post from a page of another site is refused, so no
    other site can make a visitor's browser comment under their name. A request that names
    no origin at all comes from a program, not from another site's page; over HTTPS, where
    every browser names one, it is refused all the same, as Django's CSRF protection does.
    """
    origin = request.META.get("HTTP_ORIGIN")
    if origin is not None:
        return origin != "null" and _is_trusted_origin(origin, request)
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    referer = request.META.get("HTTP_REFERER")
    if referer:
        try:
            parts = urlsplit(referer)
        except ValueError:
            return False
        return _is_trusted_origin(f"{parts.scheme}://{parts.netloc}", request)
    return not request.is_secure()
