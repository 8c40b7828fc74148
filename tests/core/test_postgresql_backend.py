"""When a persistent PostgreSQL connection is health-checked (core/postgresql): after being
idle or after an error, not before every request. The connection here is a stand-in that
records what it is sent, so these run on any test database; Django's request boundaries are
called as its request_started and request_finished signals call them."""

import psycopg
import pytest

from core.postgresql import base

HEALTH_CHECK = "SELECT 1"


class StandInConnection:
    """What the wrapper asks of psycopg's connection when checking its health."""

    def __init__(self):
        self.sent = []
        self.broken = False
        self.closed = False

    def cursor(self):
        return StandInCursor(self)

    def close(self):
        self.closed = True


class StandInCursor:
    def __init__(self, connection):
        self.connection = connection

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return False

    def execute(self, sql):
        self.connection.sent.append(sql)
        if self.connection.broken:
            raise psycopg.OperationalError("server closed the connection unexpectedly")


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(base.time, "monotonic", clock)
    return clock


@pytest.fixture
def wrapper(settings, clock):
    settings.DATABASE_HEALTH_CHECK_IDLE_SECONDS = 1
    wrapper = base.DatabaseWrapper(
        {
            "ENGINE": "core.postgresql",
            "NAME": "newsroom",
            "USER": "",
            "PASSWORD": "",
            "HOST": "",
            "PORT": "",
            "OPTIONS": {},
            "TIME_ZONE": None,
            "AUTOCOMMIT": True,
            "ATOMIC_REQUESTS": False,
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
        },
        alias="stand-in",
    )
    # What connect() leaves, without a server: a fresh connection needs no check.
    wrapper.connection = StandInConnection()
    wrapper.autocommit = True
    wrapper.health_check_enabled = True
    wrapper.health_check_done = True
    wrapper.close_at = clock.now + 600
    wrapper.last_used_at = clock.now
    # With a connection open, Django's own does nothing (pytest-django refuses it outside a
    # database test).
    wrapper.ensure_connection = lambda: None
    return wrapper


def request(wrapper):
    """One request that sends a query: Django's boundaries around the query's cursor."""
    wrapper.close_if_unusable_or_obsolete()  # request_started
    wrapper.close_if_health_check_failed()  # the first cursor of the request
    wrapper.close_if_health_check_failed()  # a second one
    wrapper.close_if_unusable_or_obsolete()  # request_finished


def test_a_connection_busy_with_requests_is_not_checked_before_each(wrapper, clock):
    for _ in range(5):
        clock.now += 0.2
        request(wrapper)

    assert wrapper.connection.sent == []


def test_a_connection_idle_for_a_while_is_checked_once_before_its_next_request(wrapper, clock):
    request(wrapper)
    clock.now += 1.5

    request(wrapper)

    assert wrapper.connection.sent == [HEALTH_CHECK]


def test_an_idle_connection_that_broke_meanwhile_is_replaced_before_the_request_uses_it(
    wrapper, clock
):
    request(wrapper)
    clock.now += 30
    stale = wrapper.connection
    stale.broken = True

    wrapper.close_if_unusable_or_obsolete()
    wrapper.close_if_health_check_failed()

    assert stale.sent == [HEALTH_CHECK]
    assert stale.closed
    # The query's cursor then opens a new connection (ensure_connection).
    assert wrapper.connection is None


def test_a_connection_that_had_an_error_is_checked_however_recently_it_was_used(wrapper, clock):
    request(wrapper)
    wrapper.errors_occurred = True
    clock.now += 0.1
    wrapper.connection.broken = True
    stale = wrapper.connection

    wrapper.close_if_unusable_or_obsolete()  # request_finished, or the next request_started

    assert stale.sent == [HEALTH_CHECK]
    assert wrapper.connection is None


def test_without_an_idle_time_every_request_is_checked_as_django_does(wrapper, clock, settings):
    settings.DATABASE_HEALTH_CHECK_IDLE_SECONDS = 0
    for _ in range(3):
        clock.now += 0.2
        request(wrapper)

    assert wrapper.connection.sent == [HEALTH_CHECK] * 3


def test_without_health_checks_nothing_is_sent(wrapper, clock):
    wrapper.health_check_enabled = False
    request(wrapper)
    clock.now += 30

    request(wrapper)

    assert wrapper.connection.sent == []


def test_a_new_connection_serves_its_first_requests_unchecked(wrapper, clock):
    wrapper.connection = None
    wrapper.last_used_at = None
    wrapper.close_if_health_check_failed()  # the first cursor, before connecting
    wrapper.connection = StandInConnection()  # connect()
    clock.now += 0.5

    request(wrapper)

    assert wrapper.connection.sent == []
