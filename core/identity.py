"""The site's identity, from one place: its name and the address every absolute link uses.

Both come from the site settings (cached; see models.py). The base URL is set there, first
from ``SITE_BASE_URL``; without one (development), a page uses the host it was asked on,
and code without a request (e-mails, Akismet, feeds and sitemaps) the Sites framework's
domain, over HTTPS.
"""

from urllib.parse import urlsplit

from django.contrib.sites.models import Site

from .models import SiteSettings


def site_name():
    return SiteSettings.current().site_name


def base_url(request=None):
    """Scheme and host of the site's addresses, without a trailing slash."""
    configured = SiteSettings.current().base_url
    if configured:
        return configured
    if request is not None:
        # The same for the whole request, whose page may print a score of absolute
        # addresses: the host is checked against ALLOWED_HOSTS once.
        address = getattr(request, "_base_url", None)
        if address is None:
            address = request._base_url = f"{request.scheme}://{request.get_host()}"
        return address
    return f"https://{Site.objects.get_current().domain}"


def absolute_url(path, request=None):
    """``path`` (``/articles/…``) as an absolute address; an absolute one stays as it is."""
    if urlsplit(path).scheme:
        return path
    return f"{base_url(request)}{path}"


def absolute_urls(request=None):
    """``absolute_url`` as a function, for the many addresses one part of a page prints (its
    structured data, its language links): the base URL read once, not from the site
    settings for each address."""
    base = base_url(request)

    def absolute(path):
        return path if urlsplit(path).scheme else f"{base}{path}"

    return absolute


def host(request=None):
    """The host name alone (no port): tag URIs and feed identifiers use it."""
    return urlsplit(base_url(request)).hostname or ""


def host_and_port(request=None):
    return urlsplit(base_url(request)).netloc


def scheme(request=None):
    return urlsplit(base_url(request)).scheme
