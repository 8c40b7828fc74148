"""
Django's Redis cache, made cheaper per call, with counters that cost one round trip.

Django's backend builds a new ``redis.Redis`` client for every call (about a third of a
millisecond of Python each: the client copies its table of response callbacks), and a
request may make several calls (the page cache, rate limits, the session). A client is
only a front for its connection pool and is safe to share between threads: one per pool
is enough.
"""

from django.core.cache.backends import redis

# Counts each key in turn (made with its lifetime, ARGV[2i-1] seconds, when missing) and
# stops after the first count past its limit (ARGV[2i]): the counts, as far as it went.
COUNT_IN_TURN = """
local counts = {}
for index, key in ipairs(KEYS) do
  redis.call('SET', key, 0, 'EX', ARGV[2 * index - 1], 'NX')
  counts[index] = redis.call('INCR', key)
  if counts[index] > tonumber(ARGV[2 * index]) then
    break
  end
end
return counts
"""


class RedisCacheClient(redis.RedisCacheClient):
    """Keeps one ``redis.Redis`` client per connection pool."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._count_scripts = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def count(self, key, timeout):
        """Add one to the counter ``key``, made with a lifetime of ``timeout`` seconds when
        missing; the new count. One atomic round trip (MULTI: SET NX EX, INCR)."""
        with self.get_client(key, write=True).pipeline(transaction=True) as pipe:
            pipe.set(key, 0, ex=timeout, nx=True)
            pipe.incr(key)
            _created, count = pipe.execute()
        return count

    def count_in_turn(self, counters):
        """Add one to each counter of ``counters``, ``(key, timeout, limit)`` triples, in
        turn, stopping after the first whose new count is past its limit; the new counts,
        as far as it went. One atomic round trip (a script, sent once per server)."""
        client = self.get_client(write=True)
        script = self._count_scripts.get(id(client))
        if script is None:
            script = self._count_scripts[id(client)] = client.register_script(COUNT_IN_TURN)
        return script(
            keys=[key for key, _timeout, _limit in counters],
            args=[value for _key, timeout, limit in counters for value in (timeout, limit)],
        )


class RedisCache(redis.RedisCache):
    """Django's Redis cache backend with the client above, and ``count()``."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

    def count(self, key, timeout, version=None):
        """Add one to the counter ``key`` (made with ``timeout`` seconds to live when
        missing) and return the new count, in one round trip."""
        key = self.make_and_validate_key(key, version=version)
        return self._cache.count(key, self.get_backend_timeout(timeout))

    def count_in_turn(self, counters, version=None):
        """``count()`` for each ``(key, timeout, limit)`` in turn, stopping after the first
        count past its limit; the new counts, as far as it went, in one round trip."""
        return self._cache.count_in_turn([
            (self.make_and_validate_key(key, version=version),
             self.get_backend_timeout(timeout), limit)
            for key, timeout, limit in counters
        ])
