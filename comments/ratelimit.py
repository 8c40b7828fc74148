"""
Rate limits on posting comments, counted in Django's cache.

The cache is Redis in production, so every worker shares the counts; keys hold
a keyed hash of the address, never the address itself.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac


class RateLimit:
    """At most ``limit`` hits per ``window`` seconds for one key (fixed windows)."""

    def __init__(self, scope, limit, window):
        self.scope = scope
        self.limit = limit
        self.window = max(1, window)

    @property
    def enabled(self):
        return self.limit > 0

    def _cache_key(self, value):
        digest = salted_hmac("comments.ratelimit", f"{self.scope}:{value}").hexdigest()[:32]
        bucket = int(time.time() // self.window)
        return f"comments:ratelimit:{self.scope}:{digest}:{bucket}"

    def hit(self, value):
        """Count one attempt for ``value``; False once the limit is exceeded."""
        if not self.enabled or not value:
            return True
        key = self._cache_key(value)
        cache.add(key, 0, timeout=self.window + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # Expired between add() and incr().
            cache.set(key, 1, timeout=self.window + 1)
            count = 1
        return count <= self.limit


def ip_limit():
    return RateLimit(
        "ip", settings.COMMENTS_RATE_LIMIT_PER_IP, settings.COMMENTS_RATE_LIMIT_WINDOW_SECONDS
    )


def email_limit():
    return RateLimit(
        "email",
        settings.COMMENTS_RATE_LIMIT_PER_EMAIL,
        settings.COMMENTS_RATE_LIMIT_WINDOW_SECONDS,
    )
