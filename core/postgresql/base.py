"""Django's PostgreSQL backend, whose health check costs a round trip only when it may find
something: see ``DatabaseWrapper``."""

import time

from django.conf import settings
from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    """Django's PostgreSQL backend, with the health check (``CONN_HEALTH_CHECKS``) of a
    persistent connection made only when the connection has been idle.

    Django checks a reused connection with a ``SELECT 1`` before each request's first query:
    a round trip to PostgreSQL on every page. Here, a connection that sent something less
    than ``DATABASE_HEALTH_CHECK_IDLE_SECONDS`` ago is trusted without it: under load, a
    worker's connection is never idle that long. Django's own rules still apply: a
    connection on which an error occurred is checked before it serves another request, and
    one older than ``CONN_MAX_AGE`` is closed. docs/deployment.md says what this trades.
    """

    #: ``time.monotonic()`` when the connection last opened a cursor or a transaction.
    last_used_at = None

    def close_if_health_check_failed(self):
        if (
            self.connection is not None
            and not self.health_check_done
            and self.last_used_at is not None
            and time.monotonic() - self.last_used_at < settings.DATABASE_HEALTH_CHECK_IDLE_SECONDS
        ):
            self.health_check_done = True
        super().close_if_health_check_failed()
        self.last_used_at = time.monotonic()
