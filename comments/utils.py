"""Small helpers shared by the comment views, spam checks and e-mails."""

import ipaddress

from django.conf import settings
from django.contrib.sites.models import Site

from .models import USER_AGENT_MAX_LENGTH


def client_ip(request):
    """The reader's IP address, or None when it cannot be trusted to be one.

    REMOTE_ADDR, unless COMMENTS_TRUSTED_PROXY_COUNT proxies sit in front of the
    site: then the address those proxies appended to X-Forwarded-For.
    """
    candidate = request.META.get("REMOTE_ADDR", "")
    proxies = settings.COMMENTS_TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate.strip()))
    except ValueError:
        return None


def user_agent(request):
    return request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_MAX_LENGTH]


def site_url():
    """The site's scheme and host, for links in e-mails and for Akismet."""
    if settings.COMMENTS_SITE_URL:
        return settings.COMMENTS_SITE_URL.rstrip("/")
    return f"https://{Site.objects.get_current().domain}"


def absolute_url(path):
    return f"{site_url()}{path}"
