"""
Anonymous readers' pages read from a PostgreSQL read replica; everything else uses the primary.

With ``DATABASE_REPLICA_URL`` set, the settings add a ``replica`` database and this module's
``ReplicaRouter``. Which database a query reads is decided per request, by
``ReplicaMiddleware``, and kept in a context variable that the router reads:

- A GET or HEAD outside the admin, from someone with no personal cookie (no session, so no
  signed-in user and no commenter with a pending comment; no message; no recent write, see
  below) may read the replica. Every other request reads the primary, and so does all code
  that runs outside a request: commands, the task worker, migrations, tests.
- Every write goes to the primary, and so does every read inside a transaction (an action
  checking its rules, a ``select_for_update``) and every action (``core.actions``).
- **Read your writes.** A request that wrote gets a short-lived signed cookie
  (``READ_YOUR_WRITES_COOKIE_NAME``, for ``DATABASE_READ_YOUR_WRITES_SECONDS``, at least the
  lag the replica is allowed plus the time between two checks of it): while it lasts, that
  browser reads the primary, so a commenter finds their comment and an editor their change
  even while the replica lags. Shared caches treat the cookie as personal (the page cache's
  ``PAGE_CACHE_BYPASS_COOKIES`` and the Varnish configuration).
- **Fresh pages in shared caches.** For the same time after any change that purges kept
  pages (``note_change``, called by ``core.pagecache.purge_now``), every reader reads the
  primary: a page rebuilt after a purge must not come from a replica that has not seen the
  change yet, or caches would keep the old page.
- **A replica down or lagging** more than ``DATABASE_REPLICA_MAX_LAG`` seconds is left
  aside: each process checks it at most every ``DATABASE_REPLICA_CHECK_SECONDS``, logs a
  warning when its state changes, and reads the primary meanwhile. A replica that fails
  during a request has that request (a GET or HEAD) served again from the primary.
"""

import contextvars
import logging
import threading
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.db import DatabaseError, connections
from django.http import HttpResponse

logger = logging.getLogger(__name__)

PRIMARY = "default"
REPLICA = "replica"
SAFE_METHODS = ("GET", "HEAD")
COOKIE_SALT = "core.db.read-your-writes"
CHANGE_KEY = "replica:last-change"

# How far the replica is behind: nothing when it has replayed all it received (an idle primary
# sends nothing, which is no lag), else the age of the last transaction it replayed.
LAG_QUERY = """
    SELECT pg_is_in_recovery(),
           CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                ELSE EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp())
           END
"""


def replica_configured():
    return REPLICA in settings.DATABASES


@dataclass
class RequestReads:
    """Where one request's reads may go, and what it did."""

    may_use_replica: bool
    #: Decided at the request's first read, then kept: one page never mixes both databases.
    replica_chosen: bool | None = None
    wrote: bool = False
    replica_failed: bool = False


_request_reads = contextvars.ContextVar("core_db_request_reads", default=None)


def current_reads():
    return _request_reads.get()


@contextmanager
def reads(state):
    token = _request_reads.set(state)
    try:
        yield state
    finally:
        _request_reads.reset(token)


@contextmanager
def primary_database():
    """Within this block, every query of this context goes to the primary."""
    outer = current_reads()
    try:
        with reads(RequestReads(may_use_replica=False)) as inner:
            yield
    finally:
        if outer is not None and inner.wrote:
            outer.wrote = True


def use_primary(view):
    """A view whose reads must see the very latest state (a link e-mailed a moment ago)."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        with primary_database():
            return view(*args, **kwargs)

    return wrapped


def read_database():
    """The alias the current context reads from."""
    state = current_reads()
    if state is None or not state.may_use_replica:
        return PRIMARY
    # Inside a transaction, a read may look for what the transaction wrote, or lock rows.
    if connections[PRIMARY].in_atomic_block:
        return PRIMARY
    if state.replica_chosen is None:
        state.replica_chosen = replica_health.usable() and not changed_recently()
    return REPLICA if state.replica_chosen else PRIMARY


class ReplicaRouter:
    """Reads go where the current request may read (``read_database``), writes to the
    primary; only the primary is migrated (the replica copies it)."""

    def db_for_read(self, model, **hints):
        return read_database()

    def db_for_write(self, model, **hints):
        state = current_reads()
        if state is not None:
            state.wrote = True
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class ReplicaHealth:
    """Whether the replica may serve reads: it answers, it is a standby, and it is no more
    than ``DATABASE_REPLICA_MAX_LAG`` seconds behind the primary.

    Checked at most every ``DATABASE_REPLICA_CHECK_SECONDS`` in each process (a thread that
    finds another one checking uses the last answer); each change of state is logged once.
    """

    OK = "ok"
    DOWN = "down"
    LAGGING = "lagging"
    NOT_STANDBY = "not a standby"

    def __init__(self):
        self._lock = threading.Lock()
        self.state = None
        self.checked_at = None

    def usable(self, force=False):
        fresh = (
            self.checked_at is not None
            and time.monotonic() - self.checked_at < settings.DATABASE_REPLICA_CHECK_SECONDS
        )
        if (force or not fresh) and self._lock.acquire(blocking=False):
            try:
                self.record(*self.measure())
            finally:
                self._lock.release()
        return self.state == self.OK

    def measure(self):
        """``(state, detail)`` from one query to the replica."""
        connection = connections[REPLICA]
        try:
            with connection.cursor() as cursor:
                if connection.vendor != "postgresql":
                    return self.OK, ""
                cursor.execute(LAG_QUERY)
                in_recovery, lag = cursor.fetchone()
        except DatabaseError as error:
            # Forget the broken connection: the next check opens a new one.
            with suppress(DatabaseError):
                connection.close()
            return self.DOWN, first_line(error)
        if not in_recovery:
            return self.NOT_STANDBY, "it is not in recovery (promoted?)"
        if lag is None or lag > settings.DATABASE_REPLICA_MAX_LAG:
            behind = "an unknown time" if lag is None else f"{float(lag):.1f} s"
            return self.LAGGING, (
                f"{behind} behind, more than DATABASE_REPLICA_MAX_LAG "
                f"({settings.DATABASE_REPLICA_MAX_LAG} s)"
            )
        return self.OK, ""

    def record(self, state, detail=""):
        self.checked_at = time.monotonic()
        if state != self.state:
            if state != self.OK:
                logger.warning(
                    "The read replica is %s: reads go to the primary database (%s).",
                    state,
                    detail,
                )
            elif self.state is not None:
                logger.warning("The read replica is back: anonymous readers' pages read it.")
        self.state = state


def first_line(error):
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


replica_health = ReplicaHealth()


def change_cache():
    # Shared by every process (Redis, or the machine's files): the page cache's.
    return caches[settings.PAGE_CACHE_ALIAS]


def note_change():
    """Something readers see has just changed: for a while, readers read the primary."""
    if replica_configured():
        change_cache().set(
            CHANGE_KEY, time.time(), timeout=settings.DATABASE_READ_YOUR_WRITES_SECONDS
        )


def changed_recently():
    try:
        return change_cache().get(CHANGE_KEY) is not None
    except Exception:
        logger.exception("Could not tell whether something changed lately: reading the primary.")
        return True


def wrote_recently(request):
    """Whether ``request`` carries the read-your-writes cookie of a recent write."""
    name = settings.READ_YOUR_WRITES_COOKIE_NAME
    if name not in request.COOKIES:
        return False
    try:
        request.get_signed_cookie(
            name, salt=COOKIE_SALT, max_age=settings.DATABASE_READ_YOUR_WRITES_SECONDS
        )
    except (signing.BadSignature, ValueError):
        return False
    return True


def may_read_replica(request):
    """A GET or HEAD of a reader page by someone with nothing of their own to see."""
    personal_cookies = {settings.SESSION_COOKIE_NAME, *settings.PAGE_CACHE_BYPASS_COOKIES}
    personal_cookies.discard(settings.READ_YOUR_WRITES_COOKIE_NAME)
    return (
        request.method in SAFE_METHODS
        and not request.path_info.startswith(settings.DATABASE_REPLICA_EXCLUDED_PREFIXES)
        and not any(name in request.COOKIES for name in personal_cookies)
        and not wrote_recently(request)
    )


class ReplicaMiddleware:
    """Chooses the database a request reads (see the module), gives whoever wrote the
    read-your-writes cookie, and serves again from the primary a GET or HEAD during which
    the replica failed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_configured():
            return self.get_response(request)
        state = RequestReads(may_use_replica=may_read_replica(request))
        with reads(state):
            response = self.get_response(request)
        if state.replica_chosen and (
            state.replica_failed
            or (response.status_code >= 500 and not replica_health.usable(force=True))
        ):
            # The replica failed under this request (process_exception, or in a middleware
            # below this one): the same request again, on the primary.
            state = RequestReads(may_use_replica=False)
            with reads(state):
                response = self.get_response(request)
        if state.wrote or request.method not in SAFE_METHODS:
            self.give_cookie(response)
        return response

    def process_exception(self, request, exception):
        state = current_reads()
        if (
            state is not None
            and state.replica_chosen
            and request.method in SAFE_METHODS
            and isinstance(exception, DatabaseError)
            and not replica_health.usable(force=True)
        ):
            state.replica_failed = True
            # Replaced by the primary's answer in __call__; never shown.
            return HttpResponse(status=503)
        return None

    @staticmethod
    def give_cookie(response):
        response.set_signed_cookie(
            settings.READ_YOUR_WRITES_COOKIE_NAME,
            "1",
            salt=COOKIE_SALT,
            max_age=settings.DATABASE_READ_YOUR_WRITES_SECONDS,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
