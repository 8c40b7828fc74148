"""Which database each request reads (core/db.py), without a replica server: the choice,
the read-your-writes cookie, the replica's health and its log lines. tests/core/test_replica.py
proves the same on a real primary and streaming replica."""

import json
import logging
from types import SimpleNamespace

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from core import db
from core.actions import Action
from tests.test_settings import load_settings


@pytest.fixture
def replica(monkeypatch):
    """A replica configured and healthy, as far as the routing layer can tell."""
    monkeypatch.setattr(db, "replica_configured", lambda: True)
    monkeypatch.setattr(db.replica_health, "usable", lambda force=False: True)


def read_by(request, respond=None):
    """(the database ``request``'s view read, its response), through ReplicaMiddleware."""
    seen = {}

    def view(request):
        seen["read"] = db.read_database()
        return respond() if respond else HttpResponse("page")

    response = db.ReplicaMiddleware(view)(request)
    return seen["read"], response


def signed_cookie(settings):
    response = HttpResponse()
    db.ReplicaMiddleware.give_cookie(response)
    return response.cookies[settings.READ_YOUR_WRITES_COOKIE_NAME].value


def test_without_a_replica_everything_reads_the_primary_and_no_cookie_is_given(rf):
    read, response = read_by(rf.get("/"))
    assert read == "default"
    assert not response.cookies


def test_outside_a_request_reads_go_to_the_primary(replica):
    # Commands, the task worker, migrations.
    assert db.read_database() == "default"


def test_an_anonymous_reader_s_page_reads_the_replica(replica, rf):
    assert read_by(rf.get("/articles/x/"))[0] == "replica"
    assert read_by(rf.head("/"))[0] == "replica"
    assert read_by(rf.get("/", HTTP_COOKIE="theme=dark"))[0] == "replica"


@pytest.mark.parametrize(
    "request_for",
    [
        lambda rf: rf.post("/commentaires/1/"),
        lambda rf: rf.get("/admin/articles/article/"),
        lambda rf: rf.get("/", HTTP_COOKIE="sessionid=abc"),
        lambda rf: rf.get("/", HTTP_COOKIE="messages=abc"),
        lambda rf: rf.get("/", HTTP_COOKIE="csrftoken=abc"),
    ],
    ids=["a post", "the admin", "a signed-in user", "a message", "a form's token"],
)
def test_everyone_else_reads_the_primary(replica, rf, request_for):
    assert read_by(request_for(rf))[0] == "default"


def test_a_recent_writer_reads_the_primary_but_a_forged_cookie_counts_for_nothing(
    replica, rf, settings
):
    name = settings.READ_YOUR_WRITES_COOKIE_NAME
    assert read_by(rf.get("/", HTTP_COOKIE=f"{name}={signed_cookie(settings)}"))[0] == "default"
    assert read_by(rf.get("/", HTTP_COOKIE=f"{name}=1"))[0] == "replica"


def test_the_read_your_writes_cookie_expires(replica, rf, settings):
    cookie = signed_cookie(settings)
    settings.DATABASE_READ_YOUR_WRITES_SECONDS = -1
    name = settings.READ_YOUR_WRITES_COOKIE_NAME
    assert read_by(rf.get("/", HTTP_COOKIE=f"{name}={cookie}"))[0] == "replica"


def test_a_request_that_writes_gets_the_cookie_a_page_that_only_reads_does_not(
    replica, rf, settings
):
    def writes():
        db.ReplicaRouter().db_for_write(None)
        return HttpResponse("saved")

    name = settings.READ_YOUR_WRITES_COOKIE_NAME
    _read, response = read_by(rf.get("/"), respond=writes)
    cookie = response.cookies[name]
    assert cookie["max-age"] == settings.DATABASE_READ_YOUR_WRITES_SECONDS
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert name in read_by(rf.post("/commentaires/1/"))[1].cookies
    assert not read_by(rf.get("/"))[1].cookies


def test_every_reader_reads_the_primary_for_a_while_after_a_change(replica, rf):
    db.note_change()
    assert read_by(rf.get("/"))[0] == "default"
    db.change_cache().delete(db.CHANGE_KEY)
    assert read_by(rf.get("/"))[0] == "replica"


def test_a_purge_counts_as_a_change(replica, rf):
    from core import pagecache

    pagecache.purge_now({"article-1"})
    assert read_by(rf.get("/"))[0] == "default"


def test_a_replica_found_unusable_sends_readers_to_the_primary(rf, monkeypatch):
    monkeypatch.setattr(db, "replica_configured", lambda: True)
    monkeypatch.setattr(db.replica_health, "usable", lambda force=False: False)
    assert read_by(rf.get("/"))[0] == "default"


@pytest.mark.django_db
def test_actions_read_the_primary(replica):
    seen = []

    class Probe(Action):
        def perform(self):
            seen.append(db.current_reads().may_use_replica)

    with db.reads(db.RequestReads(may_use_replica=True)):
        Probe(None).execute()
    assert seen == [False]


def test_reads_inside_a_transaction_go_to_the_primary(replica, monkeypatch):
    # A read there may look for what the transaction wrote, or lock rows.
    primary = SimpleNamespace(in_atomic_block=False)
    monkeypatch.setattr(db, "connections", {"default": primary})
    with db.reads(db.RequestReads(may_use_replica=True)):
        assert db.read_database() == "replica"
        primary.in_atomic_block = True
        assert db.read_database() == "default"


def test_the_router_writes_and_migrates_the_primary_only():
    router = db.ReplicaRouter()
    assert router.db_for_write(None) == "default"
    assert router.allow_migrate("default", "articles")
    assert not router.allow_migrate("replica", "articles")


class TestHealth:
    def test_each_change_of_state_is_logged_once(self, caplog):
        health = db.ReplicaHealth()
        with caplog.at_level(logging.WARNING, logger="core.db"):
            health.record(health.OK)
            health.record(health.OK)
            health.record(health.LAGGING, "12.0 s behind")
            health.record(health.LAGGING, "13.0 s behind")
            health.record(health.DOWN, "connection refused")
            health.record(health.OK)
        assert [record.getMessage() for record in caplog.records] == [
            "The read replica is lagging: reads go to the primary database (12.0 s behind).",
            "The read replica is down: reads go to the primary database (connection refused).",
            "The read replica is back: anonymous readers' pages read it.",
        ]

    def test_the_replica_is_checked_at_most_every_few_seconds(self, settings, monkeypatch):
        settings.DATABASE_REPLICA_CHECK_SECONDS = 60
        health = db.ReplicaHealth()
        checks = []
        monkeypatch.setattr(health, "measure", lambda: checks.append(1) or (health.OK, ""))
        assert health.usable() and health.usable() and health.usable()
        assert len(checks) == 1
        assert health.usable(force=True)
        assert len(checks) == 2


def test_the_read_your_writes_time_covers_the_lag_allowed():
    probe = "from newsroom import settings as s; import json; print(json.dumps(s.DATABASES))"
    refused = load_settings(
        probe,
        DEBUG="1",
        DATABASE_REPLICA_MAX_LAG="30",
        DATABASE_READ_YOUR_WRITES_SECONDS="10",
    )
    assert refused.returncode != 0
    assert "DATABASE_READ_YOUR_WRITES_SECONDS must be at least" in refused.stderr

    configured = load_settings(
        probe,
        DEBUG="1",
        DATABASE_URL="postgres://newsroom@primary.example/newsroom",
        DATABASE_REPLICA_URL="postgres://newsroom@replica.example/newsroom",
    )
    databases = json.loads(configured.stdout)
    assert databases["replica"]["HOST"] == "replica.example"
    assert databases["replica"]["OPTIONS"]["connect_timeout"] == 2
    assert databases["replica"]["TEST"] == {"MIRROR": "default"}


@pytest.fixture
def rf():
    return RequestFactory()
