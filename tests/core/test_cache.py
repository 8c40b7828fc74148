"""The project's Redis cache (core/cache.py), against the real Redis of 127.0.0.1:6379:
Django's behaviour, one client per pool, and rate limits counted in one round trip that
refuse exactly past the limit and start again with the next window."""

import socket
import uuid
from unittest import mock

import pytest

from core import ratelimit
from core.cache import RedisCache
from core.ratelimit import RateLimit


def redis_reachable():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


pytestmark = pytest.mark.skipif(
    not redis_reachable(), reason="Redis is not running on 127.0.0.1:6379"
)


@pytest.fixture
def redis_cache():
    prefix = f"newsroom-tests-{uuid.uuid4().hex[:8]}"
    cache = RedisCache("redis://127.0.0.1:6379/13", {"KEY_PREFIX": prefix})
    yield cache
    # Only this test's keys: others may share the database (clear() would empty it).
    client = cache._cache.get_client(write=True)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_it_keeps_and_forgets_values_as_djangos_does(redis_cache):
    redis_cache.set("page", {"body": "<p>Bonjour</p>"}, 30)
    assert redis_cache.get("page") == {"body": "<p>Bonjour</p>"}
    assert redis_cache.add("page", "autre") is False
    redis_cache.delete("page")
    assert redis_cache.get("page") is None


def test_every_call_shares_one_client(redis_cache):
    redis_cache.set("a", 1)
    redis_cache.get("a")
    assert redis_cache._cache.get_client() is redis_cache._cache.get_client(write=True)
    assert len(redis_cache._cache._clients) == 1


def test_count_starts_at_one_and_expires_with_its_window(redis_cache):
    assert [redis_cache.count("hits", 60) for _ in range(3)] == [1, 2, 3]
    assert redis_cache.get("hits") == 3
    client = redis_cache._cache.get_client()
    assert 0 < client.ttl(redis_cache.make_key("hits")) <= 60


def test_a_rate_limit_refuses_past_its_limit_in_one_round_trip_per_hit(redis_cache):
    limit = RateLimit("comments:ip", 3, 600)
    with mock.patch.object(ratelimit, "cache", redis_cache):
        client = redis_cache._cache.get_client()
        with mock.patch.object(
            type(client), "execute_command", wraps=client.execute_command, autospec=True
        ) as commands:
            answers = [limit.hit("192.0.2.1") for _ in range(4)]
        assert answers == [True, True, True, False]
        # Each hit is one pipeline (MULTI, SET NX, INCR, EXEC), never a command sent alone.
        assert commands.call_count == 0
        assert limit.exceeded("192.0.2.1")
        assert limit.hit("192.0.2.2")  # Another address has its own count.


def test_a_rate_limit_starts_again_with_the_next_window(redis_cache):
    limit = RateLimit("comments:email", 1, 600)
    with mock.patch.object(ratelimit, "cache", redis_cache):
        with mock.patch("core.ratelimit.time.time", return_value=6000.0):
            assert limit.hit("lou@lecteurs.test")
            assert not limit.hit("lou@lecteurs.test")
        with mock.patch("core.ratelimit.time.time", return_value=6600.0):
            assert limit.hit("lou@lecteurs.test")



def test_limits_counted_in_turn_stop_at_the_first_exceeded_in_one_round_trip(redis_cache):
    by_address = RateLimit("comments:ip", 2, 600)
    by_email = RateLimit("comments:email", 4, 600)
    post = [(by_address, "192.0.2.1"), (by_email, "lou@lecteurs.test")]
    with mock.patch.object(ratelimit, "cache", redis_cache):
        client = redis_cache._cache.get_client()
        sent = []

        def execute_command(*args, **options):
            sent.append(args[0])
            return type(client).execute_command(client, *args, **options)

        with mock.patch.object(client, "execute_command", execute_command):
            assert ratelimit.hit_in_turn(*post)
        # One script for both limits (loaded first when the server does not know it yet).
        assert sent in (["EVALSHA"], ["EVALSHA", "SCRIPT LOAD", "EVALSHA"])
        assert ratelimit.hit_in_turn(*post)
        assert not ratelimit.hit_in_turn(*post)  # The address's third post.
        # Refused for its address, it was not counted against its e-mail address.
        assert ratelimit.hit_in_turn((by_email, "lou@lecteurs.test"))
        assert redis_cache.get(by_email.counter("lou@lecteurs.test")[0]) == 3
        assert ratelimit.hit_in_turn((by_address, "192.0.2.2"), (by_email, "lou@lecteurs.test"))
        assert not ratelimit.hit_in_turn(
            (by_address, "192.0.2.3"), (by_email, "lou@lecteurs.test")
        )
