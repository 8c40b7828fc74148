"""Background tasks outlive failures and workers: a failing task is tried again with
growing delays and, once it gives up, stays in the admin with its traceback; a task left
running by a dead worker is queued again (core/tasks.py, manage.py run_worker)."""

import logging
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from core import tasks as core_tasks
from core.roles import EDITORS
from core.tasks import recover_abandoned_tasks, retried
from tests.factories import make_user

pytestmark = pytest.mark.django_db

CALLS = []


@task()
@retried(attempts=3, first_delay=60)
def flaky(fail_times):
    """Fails its first ``fail_times`` runs (counted in CALLS)."""
    CALLS.append(fail_times)
    if len(CALLS) <= fail_times:
        raise ConnectionError(f"the mail server hung up (run {len(CALLS)})")
    return "sent"


@task()
def once_only():
    raise ConnectionError("no retries for this one")


@pytest.fixture(autouse=True)
def database_backend(settings):
    """Tasks kept in the database and run by a worker, as in production."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    CALLS.clear()


def record(result):
    return DBTaskResult.objects.get(pk=result.id)


def make_due(result):
    DBTaskResult.objects.filter(pk=result.id).update(run_after=timezone.now())


def test_a_failing_task_is_tried_again_later_with_growing_delays_then_succeeds(
    caplog, run_due_tasks
):
    result = flaky.enqueue(2)
    with caplog.at_level(logging.WARNING, logger="core.tasks"):
        run_due_tasks()
    first = record(result)
    assert first.status == TaskResultStatus.READY
    assert "the mail server hung up (run 1)" in first.traceback
    wait = first.run_after - timezone.now()
    assert timedelta(seconds=50) < wait <= timedelta(seconds=60)
    assert "attempt 1 of 3" in caplog.text

    run_due_tasks()  # not due yet: nothing runs
    assert len(CALLS) == 1

    make_due(result)
    run_due_tasks()
    second = record(result)
    assert second.status == TaskResultStatus.READY
    assert timedelta(seconds=110) < second.run_after - timezone.now() <= timedelta(seconds=120)

    make_due(result)
    run_due_tasks()
    done = record(result)
    assert (done.status, done.return_value, len(done.worker_ids)) == (
        TaskResultStatus.SUCCESSFUL, "sent", 3,
    )
    assert DBTaskResult.objects.count() == 1  # one record for the task, whatever its tries


def test_a_task_that_keeps_failing_gives_up_with_its_traceback(caplog, run_due_tasks):
    result = flaky.enqueue(10)
    for _ in range(3):
        make_due(result)
        with caplog.at_level(logging.ERROR, logger="core.tasks"):
            run_due_tasks()
    failed = record(result)
    assert failed.status == TaskResultStatus.FAILED
    assert "ConnectionError: the mail server hung up (run 3)" in failed.traceback
    assert len(CALLS) == 3
    assert "failed 3 time(s); given up" in caplog.text
    make_due(result)
    run_due_tasks()
    assert len(CALLS) == 3


def test_a_task_without_retries_fails_once(run_due_tasks):
    result = once_only.enqueue()
    run_due_tasks()
    assert record(result).status == TaskResultStatus.FAILED


def test_the_retry_count_and_delay_come_from_the_settings(settings):
    settings.TASK_RETRY_ATTEMPTS = 2
    settings.TASK_RETRY_DELAY_SECONDS = 10
    policy = core_tasks.RetryPolicy()
    assert policy.allowed_attempts() == 2
    assert [policy.delay(n) for n in (1, 2, 3)] == [10, 20, 40]
    assert core_tasks.RetryPolicy(first_delay=1000, max_delay=1500).delay(2) == 1500


def test_a_given_up_task_shows_in_the_admin_to_superusers_only(client, run_due_tasks):
    result = once_only.enqueue()
    run_due_tasks()
    changelist = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    change = reverse("admin:django_tasks_database_dbtaskresult_change", args=[result.id])

    editor = make_user("editrice", EDITORS)
    client.force_login(editor)
    assert client.get(changelist).status_code == 403
    assert client.get(change).status_code == 403
    assert changelist not in client.get(reverse("admin:index")).content.decode()

    client.force_login(make_user("root", is_superuser=True))
    listed = client.get(changelist + "?status=FAILED").content.decode()
    assert "once_only" in listed and "Tentatives" in listed
    page = client.get(change).content.decode()
    assert "ConnectionError: no retries for this one" in page

    waiting = flaky.enqueue(5)
    run_due_tasks()
    assert "flaky" in client.get(changelist + "?status=READY").content.decode()
    page = client.get(
        reverse("admin:django_tasks_database_dbtaskresult_change", args=[waiting.id])
    ).content.decode()
    assert "the mail server hung up (run 1)" in page


# A worker killed in the middle of a task.

def running(result, worker_id, *, started=None):
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING,
        worker_ids=[*record(result).worker_ids, worker_id],
        started_at=started or timezone.now(),
    )


def dead_pid():
    process = subprocess.Popen([sys.executable, "-c", "pass"])  # noqa: S603
    process.wait()
    return process.pid


def host():
    return core_tasks.new_worker_id().split("/")[0]


def test_a_task_left_running_by_a_dead_worker_of_this_machine_runs_again(run_due_tasks):
    result = flaky.enqueue(0)
    running(result, f"{host()}/{dead_pid()}/abc")
    assert recover_abandoned_tasks() == (1, 0)
    assert record(result).status == TaskResultStatus.READY
    run_due_tasks()
    assert record(result).status == TaskResultStatus.SUCCESSFUL


@pytest.fixture
def sleeping():
    """Start processes that sleep, whose command line says ``words``; stopped at the end."""
    started = []

    def start(*words):
        process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-c", "import time; time.sleep(60)", *words]
        )
        started.append(process)
        return process.pid

    yield start
    for process in started:
        process.kill()
        process.wait()


def test_a_task_of_a_live_worker_is_left_alone_until_it_runs_too_long(settings, sleeping):
    live = flaky.enqueue(0)
    elsewhere = flaky.enqueue(0)
    reused = flaky.enqueue(0)
    running(live, f"{host()}/{sleeping('manage.py', 'run_worker')}/abc")
    # A worker of another machine cannot be asked whether it is alive.
    running(elsewhere, "other-machine/4242/abc")
    # The number of a dead worker, now another program's (containers restart at low PIDs).
    running(reused, f"{host()}/{sleeping('manage.py', 'runserver')}/abc")
    assert recover_abandoned_tasks() == (1, 0)
    assert record(reused).status == TaskResultStatus.READY
    assert record(live).status == record(elsewhere).status == TaskResultStatus.RUNNING

    later = timezone.now() + timedelta(seconds=settings.TASK_ABANDONED_AFTER_SECONDS + 1)
    assert recover_abandoned_tasks(now=later) == (2, 0)
    assert record(elsewhere).status == record(live).status == TaskResultStatus.READY


def test_a_task_that_keeps_killing_its_workers_gives_up():
    result = once_only.enqueue()
    running(result, f"{host()}/{dead_pid()}/first")
    assert recover_abandoned_tasks() == (1, 0)
    running(result, f"{host()}/{dead_pid()}/second")
    assert recover_abandoned_tasks() == (0, 1)
    failed = record(result)
    assert failed.status == TaskResultStatus.FAILED
    assert "stopped before it finished" in failed.traceback


def test_run_worker_recovers_before_it_works(capsys, run_due_tasks):
    result = flaky.enqueue(0)
    running(result, f"{host()}/{dead_pid()}/abc")
    run_due_tasks("run_worker")
    assert "1 queued again" in capsys.readouterr().out
    assert record(result).status == TaskResultStatus.SUCCESSFUL
    assert record(result).worker_ids[-1].startswith(host() + f"/{os.getpid()}/")
