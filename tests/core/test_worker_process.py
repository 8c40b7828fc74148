"""The real worker (`manage.py run_worker`, as systemd and `make serve` start it), stopped in
the middle of a rendition build: killed (SIGKILL), it loses nothing and stores nothing half
done, and the build runs again when a worker comes back; asked to stop (SIGTERM), it
finishes the build first.

The worker and the commands run as separate processes on their own SQLite file, under
production settings; the build is slow because the picture is large (35 megapixels of
noise), not because of a hook.
"""

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from PIL import Image as PILImage

from deploy.stack import BASE_DIR

pytestmark = pytest.mark.deploy

TASKS_TABLE = "django_tasks_database_dbtaskresult"
BUILD_TASK = "articles.images.tasks.build_image_renditions"

CREATE_IMAGE = """
from django.core.files import File
from articles.models import Image
with open({path!r}, "rb") as original:
    image = Image(file=File(original, name="grand-format.jpg"), alt_text="Du bruit",
                  credit="Essai")
    image.save()
print(image.pk)
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A migrated database, media folder and production environment of its own."""
    var_dir = tmp_path_factory.mktemp("worker-site")
    env = {key: value for key, value in os.environ.items() if key != "NEWSROOM_ENV_FILE"}
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DEBUG="0",
        SECRET_KEY="worker-test-secret-key-" + "x" * 40,
        NEWSROOM_VAR_DIR=str(var_dir),
        DATABASE_URL=f"sqlite:///{var_dir / 'newsroom.sqlite3'}",
        MEDIA_ROOT=str(var_dir / "media"),
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        VARNISH_PURGE_URLS="",
        REDIS_URL="",
    )
    manage(env, "migrate", "-v0")
    picture = PILImage.effect_noise((7000, 5000), 64).convert("RGB")
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=90)
    (var_dir / "large.jpg").write_bytes(buffer.getvalue())
    return var_dir, env


def manage(env, *args):
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(BASE_DIR / "manage.py"), *args],
        env=env, cwd=BASE_DIR, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def query(var_dir, sql, *params):
    with sqlite3.connect(var_dir / "newsroom.sqlite3", timeout=30) as database:
        return database.execute(sql, params).fetchall()


def build_task(var_dir, image_id):
    """(status, number of workers that claimed it) of the image's rendition build."""
    rows = query(
        var_dir,
        f"SELECT status, worker_ids FROM {TASKS_TABLE} WHERE task_path = ? "  # noqa: S608
        "AND args_kwargs LIKE ?",
        BUILD_TASK, f'%"args": [{image_id}]%',
    )
    assert len(rows) == 1, rows
    status, worker_ids = rows[0]
    return status, len(json.loads(worker_ids))


def renditions(var_dir, image_id):
    rows = query(
        var_dir, "SELECT file FROM articles_rendition WHERE image_id = ?", image_id
    )
    return [name for (name,) in rows]


@pytest.fixture
def workers(site):
    """Start `run_worker` processes; whatever is still running is killed at the end."""
    var_dir, env = site
    started = []

    def start():
        log = open(var_dir / f"worker-{len(started)}.log", "w")  # noqa: SIM115
        process = subprocess.Popen(  # noqa: S603
            [sys.executable, str(BASE_DIR / "manage.py"), "run_worker", "--interval", "0.2",
             "--no-startup-delay"],
            env=env, cwd=BASE_DIR, stdout=log, stderr=subprocess.STDOUT,
        )
        log.close()
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait()


def new_image(site):
    var_dir, env = site
    image_id = int(
        manage(env, "shell", "-c", CREATE_IMAGE.format(path=str(var_dir / "large.jpg")))
        .split()[-1]
    )
    assert build_task(var_dir, image_id) == ("READY", 0)
    return image_id


def wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting, after {timeout} s, for {what}")
        time.sleep(0.1)


def test_a_worker_killed_mid_build_loses_nothing_and_the_next_one_builds(site, workers):
    var_dir, _env = site
    image_id = new_image(site)
    worker = workers()
    wait_for(lambda: build_task(var_dir, image_id)[0] == "RUNNING", 60, "the build to start")
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)

    # Not lost, not half done: the task still says it runs, and no rendition is stored.
    assert build_task(var_dir, image_id) == ("RUNNING", 1)
    assert renditions(var_dir, image_id) == []

    second = workers()
    wait_for(
        lambda: build_task(var_dir, image_id)[0] in ("SUCCESSFUL", "FAILED"), 180,
        "the build to run again",
    )
    assert build_task(var_dir, image_id) == ("SUCCESSFUL", 2)
    stored = renditions(var_dir, image_id)
    assert stored and all((var_dir / "media" / name).is_file() for name in stored)
    assert "queued again" in (var_dir / "worker-1.log").read_text()
    second.send_signal(signal.SIGTERM)
    assert second.wait(timeout=30) == 0


def test_a_worker_asked_to_stop_mid_build_finishes_it_first(site, workers):
    var_dir, _env = site
    image_id = new_image(site)
    worker = workers()
    wait_for(lambda: build_task(var_dir, image_id)[0] == "RUNNING", 60, "the build to start")
    time.sleep(0.5)
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=180) == 0
    assert build_task(var_dir, image_id) == ("SUCCESSFUL", 1)
    assert renditions(var_dir, image_id)
    assert "shutting down gracefully" in (var_dir / "worker-0.log").read_text()
