"""
Rate limits counted in Django's cache: comments posted, password resets asked for,
wrong two-factor codes.

The cache is Redis in production, so every worker shares the counts (each hit one round
trip, ``core.cache.RedisCache.count``); keys hold a keyed hash of what is counted (an
address, an e-mail), never the value itself.
"""

import time

from django.core.cache import cache
from django.utils.crypto import salted_hmac


class RateLimit:
    """At most ``limit`` hits per ``window`` seconds for one value (fixed windows).

    ``scope`` names what is counted (``"comments:ip"``); a limit of 0 counts nothing.
    """

    def __init__(self, scope, limit, window):
        self.scope = scope
        self.limit = limit
        self.window = max(1, window)

    @property
    def enabled(self):
        return self.limit > 0

    def _cache_key(self, value):
        digest = salted_hmac("core.ratelimit", f"{self.scope}:{value}").hexdigest()[:32]
        bucket = int(time.time() // self.window)
        return f"ratelimit:{self.scope}:{digest}:{bucket}"

    def counter(self, value):
        """The cache key counting ``value``'s hits in this window, its lifetime, the limit."""
        return self._cache_key(value), self.window + 1, self.limit

    def hit(self, value):
        """Count one attempt for ``value``; False once the limit is exceeded."""
        if not self.enabled or not value:
            return True
        key = self._cache_key(value)
        if hasattr(cache, "count"):  # Redis (core.cache): one round trip.
            return cache.count(key, timeout=self.window + 1) <= self.limit
        cache.add(key, 0, timeout=self.window + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # Expired between add() and incr().
            cache.set(key, 1, timeout=self.window + 1)
            count = 1
        return count <= self.limit

    def exceeded(self, value):
        """Whether ``value`` already used up its hits in this window (counts nothing)."""
        if not self.enabled or not value:
            return False
        return (cache.get(self._cache_key(value)) or 0) >= self.limit

    def seconds_left(self):
        """Seconds until the current window ends and the counts start again."""
        return int(self.window - time.time() % self.window) + 1


def hit_in_turn(*attempts):
    """Count one attempt for each ``(rate_limit, value)`` pair in turn, stopping at the first
    whose limit is exceeded (those after it are not counted); whether none was. On Redis,
    one round trip for them all: a comment post checks two limits."""
    counted = [(limit, value) for limit, value in attempts if limit.enabled and value]
    if not counted:
        return True
    if hasattr(cache, "count_in_turn"):  # Redis (core.cache)
        counts = cache.count_in_turn([limit.counter(value) for limit, value in counted])
        return len(counts) == len(counted) and all(
            count <= limit.limit for count, (limit, _value) in zip(counts, counted, strict=True)
        )
    return all(limit.hit(value) for limit, value in counted)
