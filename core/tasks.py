"""
Background work that outlives failures and workers: retries with backoff, recovery of the
tasks a killed worker left running, and the tasks of ``core`` itself (purging Varnish).

Tasks run through django-tasks; in production the database backend (django-tasks-db) keeps
them, and ``manage.py run_worker`` runs them (see ``core/management/commands/``).

**Retries.** django-tasks tries a task once. A task marked with :func:`retried` that fails
is put back in the queue, the same record, to run again after a delay that doubles each
time (``TASK_RETRY_DELAY_SECONDS``, then twice that...), until it has been tried
``TASK_RETRY_ATTEMPTS`` times. While it waits, its record is *Ready* and shows the last
traceback; once it gives up, it stays *Failed* with its traceback, in the admin (Tasks
Database Backend › Task Results, ``core/admin.py``). The attempts are counted by the workers
that claimed the record.

**Workers that die.** A worker stopped with SIGTERM finishes the task it runs (django-tasks'
``db_worker`` does). One killed mid-task (SIGKILL, a crash, a machine lost) leaves its task
*Running* for ever: :func:`recover_abandoned_tasks` puts such tasks back in the queue when
the worker that claimed them is gone from this machine, or when they have run longer than
``TASK_ABANDONED_AFTER_SECONDS``. Every task is written so that running it again is safe.
"""

import logging
import os
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks import TaskResultStatus, task
from django_tasks.signals import task_finished

logger = logging.getLogger(__name__)

#: Varnish purges go before renditions and e-mails: a reader may be shown an old page
#: until it runs.
PURGE_PRIORITY = 50
#: Seconds to wait for a Varnish to answer a purge.
PURGE_TIMEOUT = 2


@dataclass(frozen=True)
class RetryPolicy:
    """How often a failing task is tried (the first time included), and how long it waits
    before the second try; each later wait is twice the one before, at most ``max_delay``.
    ``None`` takes the value of the settings when the task fails."""

    attempts: int | None = None
    first_delay: int | None = None
    max_delay: int = 3600

    def allowed_attempts(self):
        return max(1, self.attempts or settings.TASK_RETRY_ATTEMPTS)

    def delay(self, attempts_done):
        """Seconds to wait after the ``attempts_done``-th attempt failed."""
        first = self.first_delay if self.first_delay is not None else (
            settings.TASK_RETRY_DELAY_SECONDS
        )
        return min(self.max_delay, max(0, first) * 2 ** max(0, attempts_done - 1))


def retried(attempts=None, first_delay=None, max_delay=3600):
    """Mark a task function to be tried again when it fails; put it under ``@task()``::

        @task()
        @retried()
        def send_the_letter(letter_id): ...

    The function must be safe to run again after a failure, part-way through included.
    """

    def mark(function):
        function.retry_policy = RetryPolicy(attempts, first_delay, max_delay)
        return function

    return mark


def retry_policy(task_result):
    return getattr(task_result.task.func, "retry_policy", None)


def _database_backend_result(task_result):
    """The stored record of ``task_result``, when the database backend ran it."""
    from django_tasks_db.models import DBTaskResult

    database_result = getattr(task_result, "db_result", None)
    return database_result if isinstance(database_result, DBTaskResult) else None


def retry_failed_task(sender, task_result, **kwargs):
    """After a failed run, queue the same record again if its policy allows another try.

    Connected to django-tasks' ``task_finished``; it never raises, as the worker sends the
    signal from the code that records the failure."""
    try:
        if task_result.status != TaskResultStatus.FAILED:
            return
        record = _database_backend_result(task_result)
        policy = retry_policy(task_result)
        if record is None or policy is None:
            return
        done, allowed = task_result.attempts, policy.allowed_attempts()
        if done >= allowed:
            logger.error(
                "Task %s (%s) failed %d time(s); given up, see its traceback in the admin.",
                task_result.id, task_result.task.name, done,
            )
            return
        delay = policy.delay(done)
        queued = type(record).objects.filter(pk=record.pk, status=TaskResultStatus.FAILED).update(
            status=TaskResultStatus.READY,
            run_after=timezone.now() + timedelta(seconds=delay),
            finished_at=None,
        )
        if queued:
            logger.warning(
                "Task %s (%s) failed (attempt %d of %d); it runs again in %d s.",
                task_result.id, task_result.task.name, done, allowed, delay,
            )
    except Exception:
        logger.exception("Could not queue task %s again.", getattr(task_result, "id", "?"))


task_finished.connect(retry_failed_task, dispatch_uid="core.tasks.retry_failed_task")


# Worker identities: which machine and process claimed a task, so that another worker of
# the same machine can tell whether it is still there.

def _host():
    return socket.gethostname()[:40]


def new_worker_id():
    """``host/pid/random``, at most 64 characters (django-tasks-db's limit)."""
    return f"{_host()}/{os.getpid()}/{get_random_string(12)}"


def _parse_worker_id(worker_id):
    host, _, rest = str(worker_id).partition("/")
    pid, _, token = rest.partition("/")
    if not token or not pid.isdigit():
        return None, None
    return host, int(pid)


def _process_is_a_worker(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # someone else's process: alive, what it runs is unknown
    try:
        command_line = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True  # no /proc to ask: assume it is the worker
    # The number may have gone to another program since (containers restart at low PIDs).
    return b"run_worker" in command_line or b"db_worker" in command_line


def worker_is_gone(worker_id, *, current_worker_id=None):
    """Whether the worker ``worker_id`` certainly stopped: it ran on this machine and its
    process is no longer a worker. A worker of another machine is never known gone."""
    if worker_id == current_worker_id:
        return False
    host, pid = _parse_worker_id(worker_id)
    if host is None or host != _host():
        return False
    if pid == os.getpid():
        return True  # the number of this very process, with another identity
    return not _process_is_a_worker(pid)


ABANDONED_TRACEBACK = (
    "The worker running this task stopped before it finished (killed, or its machine was "
    "lost), {attempts} time(s); it was not tried again.\n"
)


def attempts_allowed_after_loss(record):
    """How many workers may claim ``record`` before a lost run makes it fail: its retry
    policy's attempts, and at least two, since a task without retries whose worker died
    never really ran."""
    try:
        policy = getattr(record.task.func, "retry_policy", None)
    except Exception:  # its code is gone; the worker will record why it cannot run
        policy = None
    return max(2, policy.allowed_attempts() if policy else 1)


def recover_abandoned_tasks(*, current_worker_id=None, now=None):
    """Put back in the queue the tasks left *Running* by a worker that is gone, or running
    for longer than ``TASK_ABANDONED_AFTER_SECONDS``; a task whose attempts are all spent
    (it may be what kills its workers) is marked *Failed* instead. Returns the numbers
    ``(requeued, failed)``."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    too_old = now - timedelta(seconds=settings.TASK_ABANDONED_AFTER_SECONDS)
    requeued = failed = 0
    with transaction.atomic(using=DBTaskResult.objects.db):
        for record in DBTaskResult.objects.running().select_for_update(skip_locked=True):
            last_worker = record.worker_ids[-1] if record.worker_ids else None
            abandoned = (record.started_at is not None and record.started_at < too_old) or (
                last_worker is not None
                and worker_is_gone(last_worker, current_worker_id=current_worker_id)
            )
            if not abandoned:
                continue
            attempts = len(record.worker_ids)
            if attempts < attempts_allowed_after_loss(record):
                record.status = TaskResultStatus.READY
                record.run_after = now
                record.save(update_fields=["status", "run_after"])
                requeued += 1
                logger.warning(
                    "Task %s (%s) was left running by worker %s; queued again.",
                    record.pk, record.task_path, last_worker,
                )
            else:
                record.status = TaskResultStatus.FAILED
                record.finished_at = now
                record.exception_class_path = ""
                record.traceback = ABANDONED_TRACEBACK.format(attempts=attempts)
                record.save(
                    update_fields=["status", "finished_at", "exception_class_path", "traceback"]
                )
                failed += 1
                logger.error(
                    "Task %s (%s) stopped its worker %d time(s); given up.",
                    record.pk, record.task_path, attempts,
                )
    return requeued, failed


class VarnishUnreachable(OSError):
    """At least one Varnish could not be purged; the task is tried again."""


@task(priority=PURGE_PRIORITY)
@retried(first_delay=5, max_delay=300)
def purge_varnish(keys):
    """Send ``PURGE`` with an ``xkey`` header naming ``keys`` to each Varnish of
    ``VARNISH_PURGE_URLS``. A Varnish that cannot be reached is logged, the others are
    purged, and the task fails so that it is tried again; meanwhile its page expires with
    its ``s-maxage``."""
    headers = list(xkey_headers(keys))
    unreachable = []
    for url in settings.VARNISH_PURGE_URLS:
        for header in headers:
            request = urllib.request.Request(  # noqa: S310 - an address from the settings
                url, method="PURGE", headers={"xkey": header}
            )
            try:
                with urllib.request.urlopen(request, timeout=PURGE_TIMEOUT):  # noqa: S310  # nosec B310  # the operator's own Varnish address
                    pass
            except (OSError, urllib.error.URLError) as error:
                logger.warning(
                    "Varnish at %s could not purge %d keys: %s", url, len(keys), error
                )
                unreachable.append(url)
                break
    if unreachable:
        raise VarnishUnreachable(
            f"Could not purge {len(keys)} keys at {', '.join(unreachable)}"
        )
    return len(settings.VARNISH_PURGE_URLS)


#: The longest ``xkey`` header a PURGE carries: Varnish refuses a request whose header is
#: longer than its ``http_req_hdr_len`` (8 KB by default), and one change may purge the pages
#: of hundreds of articles (those that suggest it).
XKEY_HEADER_MAX = 4000


def xkey_headers(keys):
    """``keys`` as space-separated ``xkey`` headers of at most ``XKEY_HEADER_MAX`` characters."""
    batch, length = [], 0
    for key in sorted(keys):
        if batch and length + 1 + len(key) > XKEY_HEADER_MAX:
            yield " ".join(batch)
            batch, length = [], 0
        length += len(key) + (1 if batch else 0)
        batch.append(key)
    if batch:
        yield " ".join(batch)
