"""Who is on the other end of a request, as far as the site can trust it."""

import ipaddress

from django.conf import settings
from django.contrib.auth import get_user_model


def client_ip(request):
    """The client's IP address, or None when it cannot be trusted to be one.

    REMOTE_ADDR, unless TRUSTED_PROXY_COUNT proxies sit in front of the site: then the
    address the outermost of them appended to X-Forwarded-For. Addresses further left were
    written by the client and prove nothing. Comment rate limits and login throttling both
    count by this address.
    """
    candidate = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
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


def attempted_username(request, credentials=None):
    """The username a sign-in tried, as django-axes counts failures by it, or None.

    Cut to the longest username an account may have: the sign-in form does not refuse a
    longer one, and the column that records the attempt would (on PostgreSQL, with a 500).
    """
    field = get_user_model().USERNAME_FIELD
    source = credentials if credentials else getattr(request, "POST", {})
    username = source.get(field)
    if username is None:
        return None
    return str(username)[: get_user_model()._meta.get_field(field).max_length]
