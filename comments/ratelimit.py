"""
Rate limits on posting comments, per client address and per e-mail address.

Counted in the cache by ``core.ratelimit.RateLimit``; see there.
"""

from django.conf import settings

from core.ratelimit import RateLimit


def ip_limit():
    return RateLimit(
        "comments:ip",
        settings.COMMENTS_RATE_LIMIT_PER_IP,
        settings.COMMENTS_RATE_LIMIT_WINDOW_SECONDS,
    )


def email_limit():
    return RateLimit(
        "comments:email",
        settings.COMMENTS_RATE_LIMIT_PER_EMAIL,
        settings.COMMENTS_RATE_LIMIT_WINDOW_SECONDS,
    )
