"""A real PostgreSQL primary and a streaming replica made from it (initdb, pg_basebackup -R),
on free ports of 127.0.0.1, behind gunicorn: anonymous readers read the replica while the
primary takes the writes, whoever wrote reads their own write, and a replica that lags or
stops leaves every page answering from the primary.

Replay is paused on the replica (``pg_wal_replay_pause()``) to make the lag visible: a change
then exists on the primary only. Skipped only when the PostgreSQL server programs are missing.
"""

import glob
import http.cookiejar
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from deploy import stack

BASE_DIR = Path(__file__).resolve().parents[2]


def postgres_bin_dir():
    """The directory holding initdb, pg_basebackup and postgres, or None."""
    candidates = [Path(p).parent for p in filter(None, [shutil.which("initdb")])]
    candidates += sorted(
        (Path(p) for p in glob.glob("/usr/lib/postgresql/*/bin")),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        reverse=True,
    )
    for directory in candidates:
        if all((directory / name).exists() for name in ("initdb", "pg_basebackup", "postgres")):
            return directory
    return None


PG_BIN = postgres_bin_dir()

pytestmark = [
    pytest.mark.deploy,
    pytest.mark.skipif(PG_BIN is None, reason="PostgreSQL server programs (initdb) not found"),
]


def as_postgres():
    """initdb and postgres refuse to run as root: run them as the postgres account then."""
    if os.geteuid() != 0:
        return {}
    return {"user": "postgres", "group": "postgres"}


class PostgresServer:
    """One PostgreSQL server of the test, started by PID and stopped by PID."""

    def __init__(self, data_dir, port):
        self.data_dir = data_dir
        self.port = port
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 - the test's own server
            [
                str(PG_BIN / "postgres"),
                "-D", str(self.data_dir),
                "-p", str(self.port),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=",
                "-c", "fsync=off",
                "-c", "hot_standby_feedback=on",
            ],
            stdout=subprocess.DEVNULL,
            stderr=open(self.data_dir.parent / f"postgres-{self.port}.log", "ab"),  # noqa: SIM115
            **as_postgres(),
        )
        deadline = time.monotonic() + 60
        while self.sql("SELECT 1", check=False).returncode != 0:
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"PostgreSQL on {self.port} did not start")
            time.sleep(0.2)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # fast shutdown
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def sql(self, statement, database="postgres", check=True):
        return subprocess.run(  # noqa: S603 - the test's own server
            [
                str(PG_BIN / "psql"),
                "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                "-d", database, "-tAc", statement,
            ],
            capture_output=True,
            text=True,
            check=check,
        )

    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/newsroom"


# mkdtemp makes a private folder there.
SHARED_MEMORY = "/dev/shm"  # noqa: S108


def memory_backed_directory():
    """Shared memory when it has room: two database clusters are written, then thrown away,
    several times faster than on disk. None (the system's temporary folder) otherwise."""
    try:
        return SHARED_MEMORY if shutil.disk_usage(SHARED_MEMORY).free > 2 * 1024**3 else None
    except OSError:
        return None


@pytest.fixture(scope="module")
def cluster():
    """A primary with the site's schema and one published article, and its streaming
    replica. Both are stopped, and their files removed, at the end."""
    # Not under pytest's own temporary folder: the postgres account cannot enter it.
    work = Path(tempfile.mkdtemp(prefix="newsroom-replica-", dir=memory_backed_directory()))
    servers = []
    try:
        if os.geteuid() == 0:
            shutil.chown(work, "postgres", "postgres")
        primary = PostgresServer(work / "primary", stack.free_port())
        subprocess.run(  # noqa: S603
            [str(PG_BIN / "initdb"), "-D", str(primary.data_dir), "-U", "postgres",
             "--auth=trust", "--encoding=UTF8", "--no-sync"],
            check=True, capture_output=True, **as_postgres(),
        )
        servers.append(primary)
        primary.start()
        primary.sql("CREATE DATABASE newsroom")
        env = site_environment(work / "setup", primary_url=primary.url())
        manage(env, "migrate", "--noinput")
        manage(env, "shell", "-c", (
            "from tests.factories import make_article; "
            "make_article('Le titre avant', slug='replique')"
        ))

        replica = PostgresServer(work / "replica", stack.free_port())
        subprocess.run(  # noqa: S603
            [str(PG_BIN / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(primary.port),
             "-U", "postgres", "-D", str(replica.data_dir), "-R", "-X", "stream",
             "--checkpoint=fast"],
            check=True, capture_output=True, **as_postgres(),
        )
        servers.append(replica)
        replica.start()
        assert replica.sql("SELECT pg_is_in_recovery()").stdout.strip() == "t"
        # One transaction replayed: until then, a replica with WAL still to replay cannot
        # tell how far behind it is (and is left aside).
        primary.sql("CREATE TABLE replayed (id int)", database="newsroom")
        wait_for_replay(primary, replica)
        yield primary, replica
    finally:
        for server in reversed(servers):
            server.stop()
        shutil.rmtree(work, ignore_errors=True)


def wait_for_replay(primary, replica, timeout=30):
    """Until the replica has replayed everything the primary wrote so far."""
    # Where the primary inserts: what it wrote, even what is not yet flushed and sent.
    target = primary.sql("SELECT pg_current_wal_insert_lsn()").stdout.strip()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        caught_up = replica.sql(
            f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn", check=False
        ).stdout.strip()
        if caught_up == "t":
            return
        time.sleep(0.1)
    raise AssertionError("the replica did not catch up")


def site_environment(var_dir, primary_url, replica_url=None, **settings):
    var_dir.mkdir(parents=True, exist_ok=True)
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DATABASE_", "PAGE_CACHE_", "COMMENTS_", "REDIS_URL"))
        and name not in {"NEWSROOM_ENV_FILE", "TASKS_BACKEND", "STATIC_ROOT", "MEDIA_ROOT"}
    }
    env.update(
        DEBUG="1",
        SECRET_KEY="replica-test-secret-key",
        ALLOWED_HOSTS="127.0.0.1",
        NEWSROOM_VAR_DIR=str(var_dir),
        DATABASE_URL=primary_url,
        # Pages straight from the database: what each one read is what it shows.
        PAGE_CACHE_ENABLED="0",
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        COMMENTS_SPAM_CHECKS="honeypot",
        AXES_ENABLED="0",
        LOG_LEVEL="WARNING",
        WEB_CONCURRENCY="1",
        **{name: str(value) for name, value in settings.items()},
    )
    if replica_url:
        env["DATABASE_REPLICA_URL"] = replica_url
    return env


def manage(env, *args):
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR, env=env, check=True, capture_output=True, text=True,
    )


class Site:
    """gunicorn serving the site on a free port; its output (the site's log lines too) is
    read by the tests."""

    def __init__(self, env, var_dir):
        self.port = stack.free_port()
        self.log = var_dir / "gunicorn.log"
        env = {**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}", "GUNICORN_ERROR_LOG": "-"}
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(  # noqa: S603
                [stack.gunicorn(), "newsroom.wsgi", "-c",
                 str(BASE_DIR / "deploy" / "gunicorn.conf.py")],
                cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
            )
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(self.url + "/robots.txt", timeout=5)  # noqa: S310
                break
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start: " + self.log.read_text()) from None
                time.sleep(0.2)

    def stop(self):
        self.process.send_signal(signal.SIGINT)  # quick shutdown: the test is over
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def warnings(self, about):
        return [line for line in self.log.read_text().splitlines() if about in line]


@pytest.fixture
def start_site(cluster, tmp_path):
    """Starts gunicorn on the cluster, with the replica and the given settings."""
    primary, replica = cluster
    sites = []

    def start(**settings):
        var_dir = tmp_path / f"site-{len(sites)}"
        site = Site(site_environment(var_dir, primary.url(), replica.url(), **settings), var_dir)
        sites.append(site)
        return site

    yield start
    for site in sites:
        site.stop()


@contextmanager
def replay_paused(cluster):
    """Replay paused on the replica: what the primary writes meanwhile is there only.
    Replay resumes, and the replica catches up, at the end."""
    primary, replica = cluster
    replica.sql("SELECT pg_wal_replay_pause()")
    try:
        yield
    finally:
        replica.sql("SELECT pg_wal_replay_resume()")
        wait_for_replay(primary, replica)


def set_title(cluster, title, replayed=True):
    """The article's title changed on the primary (not through the site: nothing is
    purged), and replayed by the replica unless it is paused."""
    primary, replica = cluster
    literal = title.replace("'", "''")
    primary.sql(
        f"UPDATE articles_article SET title = '{literal}' WHERE slug = 'replique'",  # noqa: S608
        database="newsroom",
    )
    if replayed:
        wait_for_replay(primary, replica)


class Browser:
    """Keeps its cookies, follows no redirect, and says what each page answered."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect
        )

    def get(self, url, headers=None):
        return self.open(urllib.request.Request(url, headers=headers or {}))

    def post(self, url, fields, headers=None):
        data = urllib.parse.urlencode(fields).encode()
        return self.open(urllib.request.Request(url, data=data, headers=headers or {}))

    def open(self, request):
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def cookie_names(self):
        return {cookie.name for cookie in self.cookies}

    def keep_only(self, name):
        for cookie in list(self.cookies):
            if cookie.name != name:
                self.cookies.clear(cookie.domain, cookie.path, cookie.name)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


ARTICLE = "/articles/replique/"


def article_title(browser, site, headers=None):
    status, _headers, body = browser.get(site.url + ARTICLE, headers=headers)
    assert status == 200, body[:2000]
    return re.search(r"<h1[^>]*>\s*(.*?)\s*</h1>", body, re.S).group(1)


def post_comment(browser, site, text):
    _status, _headers, page = browser.get(site.url + ARTICLE)
    form = re.search(r'<form class="comment-form__form"[^>]*action="([^"]+)"', page).group(1)
    timestamp = re.search(r'name="timestamp" value="([^"]*)"', page).group(1)
    return browser.post(
        site.url + form,
        {"name": "Camille", "email": "camille@example.com", "body": text, "timestamp": timestamp},
        headers={"Origin": site.url},
    )


def test_anonymous_readers_read_the_replica_and_writers_their_own_writes(cluster, start_site):
    set_title(cluster, "Le titre avant")
    site = start_site(DATABASE_REPLICA_MAX_LAG=3600, DATABASE_REPLICA_CHECK_SECONDS=60)
    with replay_paused(cluster):
        set_title(cluster, "Le titre après", replayed=False)
        readers_read_the_replica_and_writers_the_primary(site)


def readers_read_the_replica_and_writers_the_primary(site):
    # The change is on the primary only: readers, served by the replica, see the old title.
    assert article_title(Browser(), site) == "Le titre avant", site.log.read_text()
    # Signed-in staff (a session cookie) read the primary.
    assert article_title(Browser(), site, headers={"Cookie": "sessionid=x"}) == "Le titre après"
    # A read-your-writes cookie that the site did not sign counts for nothing.
    forged = {"Cookie": "recentwrite=1"}
    assert article_title(Browser(), site, headers=forged) == "Le titre avant"

    commenter = Browser()
    status, headers, _body = post_comment(commenter, site, "Mon commentaire en attente")
    assert status == 302, _body[:2000]
    assert "recentwrite" in commenter.cookie_names()
    # The comment exists on the primary only, yet its writer finds it under the article,
    # marked as waiting for moderation.
    status, _headers, page = commenter.get(site.url + headers["Location"])
    assert status == 200
    assert "Mon commentaire en attente" in page
    assert "Le titre après" in page
    # The read-your-writes cookie alone is enough, without the session.
    commenter.keep_only("recentwrite")
    assert article_title(commenter, site) == "Le titre après"
    # A comment awaiting moderation changes nothing other readers see (it purges no page):
    # they go on reading the replica. (After a change that purges pages, every reader reads
    # the primary for a while: tests/core/test_db_routing.py.)
    assert article_title(Browser(), site) == "Le titre avant"
    # The admin always reads the primary.
    status, _headers, _page = Browser().get(site.url + "/admin/login/")
    assert status == 200
    assert site.warnings("read replica") == []


def test_a_lagging_replica_is_left_aside_until_it_catches_up(cluster, start_site):
    set_title(cluster, "Le titre à jour")
    site = start_site(DATABASE_REPLICA_MAX_LAG=1, DATABASE_REPLICA_CHECK_SECONDS=1)
    browser = Browser()
    assert article_title(browser, site) == "Le titre à jour"

    with replay_paused(cluster):
        set_title(cluster, "Le titre en retard", replayed=False)
        time.sleep(2.5)
        # More than a second behind: the page comes from the primary.
        for _ in range(3):
            assert article_title(browser, site) == "Le titre en retard"
    time.sleep(1.5)
    assert article_title(browser, site) == "Le titre en retard"
    lagging = site.warnings("The read replica is lagging")
    assert len(lagging) == 1, site.log.read_text()
    assert site.warnings("The read replica is back")


READER_PAGES = [
    "/",
    ARTICLE,
    "/en/",
    "/search/?q=titre",
    "/feeds/rss/",
    "/sitemap.xml",
    "/robots.txt",
    "/admin/login/",
]


def test_every_page_answers_when_the_replica_stops(cluster, start_site):
    _primary, replica = cluster
    # One site checks the replica often, the other once a minute: it meets the stopped
    # replica in the middle of a request, which is then served again from the primary.
    often = start_site(DATABASE_REPLICA_CHECK_SECONDS=1)
    rarely = start_site(DATABASE_REPLICA_CHECK_SECONDS=60)
    for site in (often, rarely):
        for path in READER_PAGES:
            status, headers, _body = Browser().get(site.url + path)
            assert status == 200, path
            # Reading writes nothing: no read-your-writes cookie keeps these pages from caches.
            assert "recentwrite" not in (headers["Set-Cookie"] or ""), path

    replica.stop()
    try:
        for site in (often, rarely):
            for path in READER_PAGES:
                status, _headers, body = Browser().get(site.url + path)
                assert status == 200, (path, body[:2000])
            down = site.warnings("The read replica is down")
            assert len(down) == 1, site.log.read_text()
            assert site.warnings("Internal Server Error") == []
    finally:
        replica.start()
