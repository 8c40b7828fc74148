"""Two app servers sharing everything but their processes, as docs/deployment.md deploys them.

gunicorn on two ports of 127.0.0.1, both on one PostgreSQL database (``DATABASE``, created and
dropped here), one Redis database (number ``REDIS_DB``, their keys under a prefix of their own,
deleted after), one S3 server (moto's) for the pictures, one task worker, and Varnish in front of
both (round robin, deploy/stack.py's ``render_vcl_backends``). What one server does, the
other and Varnish show on the next request.
"""

import http.cookiejar
import io
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest
from PIL import Image as PILImage

from deploy import stack
from tests.factories import PASSWORD
from tests.objectstorage import bucket_environment, bucket_keys, make_bucket

from .conftest import request

# Its own database and keys, so that two runs sharing this machine's servers do not meet.
DATABASE = f"newsroom_two_servers_{os.getpid()}"
POSTGRES = "postgres://postgres@127.0.0.1:5432"
REDIS_DB = 13
LONG_LIFETIME = "public, max-age=31536000, immutable"


def postgres_admin():
    psycopg = pytest.importorskip("psycopg")
    try:
        return psycopg.connect(f"{POSTGRES}/postgres", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        pytest.skip(f"no PostgreSQL on 127.0.0.1:5432 ({error})")


def redis_database():
    redis = pytest.importorskip("redis")
    client = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB, socket_timeout=3)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.skip(f"no Redis on 127.0.0.1:6379 ({error})")
    return client


def manage(env, *args, timeout=600):
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(stack.BASE_DIR / "manage.py"), *args],
        env=env,
        cwd=stack.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def shell(env, code):
    """What ``code`` prints, run by ``manage.py shell`` with the servers' settings."""
    return manage(env, "shell", "--no-imports", "-c", code).strip()


SETUP = """
from articles.models import Article
from tests.factories import make_article, make_user
make_user("redaction", "Editors")
make_user("moderation", "Moderators")
author = make_user("plume", "Authors", first_name="Claire", last_name="Plume")
draft = make_article(
    "Brouillon des deux serveurs", authors=[author], status=Article.Status.DRAFT,
    published_at=None,
)
print(draft.pk)
"""


def start(command, env, log_path, processes):
    log = open(log_path, "ab")  # noqa: SIM115
    process = subprocess.Popen(  # noqa: S603
        command, env=env, cwd=stack.BASE_DIR, stdout=log, stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    log.close()
    processes.append(process)
    return process


def wait_until_answering(url, processes, logs, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for process in processes:
            if process.poll() is not None:
                pytest.fail(f"{process.args[0]} stopped:\n" + "\n".join(
                    stack.tail(path) for path in logs
                ))
        try:
            status, _headers, _body = request(url)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail(f"no answer at {url} after {timeout} s")


class Cluster:
    def __init__(self, env, a, b, varnish, bucket, client, draft_id):
        self.env, self.a, self.b, self.varnish = env, a, b, varnish
        self.bucket, self.s3, self.draft_id = bucket, client, draft_id


#: What a failed request through the cluster prints: Varnish's view of the app servers and
#: the end of every log, since a 503 from Varnish says nothing of its cause.
DIAGNOSIS = {"varnish_dir": None, "logs": []}


def diagnosis():
    if DIAGNOSIS["varnish_dir"] is None:
        return ""
    backends = subprocess.run(  # noqa: S603
        ["varnishadm", "-n", str(DIAGNOSIS["varnish_dir"]), "backend.list", "-p"],
        capture_output=True, text=True, timeout=30, check=False,
    )
    return "\n\n".join(
        [backends.stdout + backends.stderr]
        + [f"--- {path.name}\n{stack.tail(path)}" for path in DIAGNOSIS["logs"]]
    )


@pytest.fixture(scope="module")
def cluster(s3_server, tmp_path_factory):
    admin = postgres_admin()
    redis = redis_database()
    work = tmp_path_factory.mktemp("two-servers")
    admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    admin.execute(f"CREATE DATABASE {DATABASE}")
    key_prefix = f"two-servers-{uuid.uuid4().hex[:8]}"
    bucket, client = make_bucket(s3_server)
    port_a, port_b, varnish_port = stack.free_port(), stack.free_port(), stack.free_port()
    env = {key: value for key, value in os.environ.items() if key != "NEWSROOM_ENV_FILE"}
    for name in ("DEBUG", "MEDIA_ROOT", "STATIC_ROOT", "TASKS_BACKEND", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    env.update(
        bucket_environment(s3_server, bucket),
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        NEWSROOM_VAR_DIR=str(work),
        DATABASE_URL=f"{POSTGRES}/{DATABASE}",
        REDIS_URL=f"redis://127.0.0.1:6379/{REDIS_DB}",
        CACHE_KEY_PREFIX=key_prefix,
        VARNISH_PURGE_URLS=f"http://127.0.0.1:{varnish_port}/",
        # Plain HTTP on this machine: no redirect to HTTPS, no cookie reserved to it.
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        LANGUAGE_COOKIE_SECURE="0",
        COMMENTS_KEY_COOKIE_SECURE="0",
        # Varnish appends the reader's address; asked directly, REMOTE_ADDR is the reader.
        TRUSTED_PROXY_COUNT="1",
        COMMENTS_RATE_LIMIT_PER_IP="4",
        AXES_FAILURE_LIMIT="3",
        COMMENTS_SPAM_CHECKS="honeypot,links,blocklist,duplicate",
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        # Staff sign in with the password alone here; test_stack.py goes through the
        # second step that production asks of editors.
        ADMIN_2FA_REQUIRED="0",
        WEB_CONCURRENCY="2",
    )
    processes, logs = [], []
    try:
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        draft_id = int(shell(env, SETUP).splitlines()[-1])
        gunicorn_config = str(stack.DEPLOY_DIR / "gunicorn.conf.py")
        for name, port in (("a", port_a), ("b", port_b)):
            logs.append(work / f"gunicorn-{name}.log")
            start(
                [stack.gunicorn(), "newsroom.wsgi", "-c", gunicorn_config],
                {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
                logs[-1],
                processes,
            )
        logs.append(work / "worker.log")
        start([sys.executable, "manage.py", "run_worker"], env, logs[-1], processes)
        vcl = work / "two-servers.vcl"
        vcl.write_text(
            stack.render_vcl_backends(
                (stack.DEPLOY_DIR / "varnish" / "default.vcl").read_text(),
                [("127.0.0.1", port_a), ("127.0.0.1", port_b)],
            )
        )
        logs.append(work / "varnish.log")
        start(
            stack.varnish_command(work / "varnish", varnish_port, vcl), env, logs[-1], processes
        )
        a, b = f"http://127.0.0.1:{port_a}", f"http://127.0.0.1:{port_b}"
        varnish = f"http://127.0.0.1:{varnish_port}"
        for url in (a, b, varnish):
            wait_until_answering(url + "/robots.txt", processes, logs)
        DIAGNOSIS.update(varnish_dir=work / "varnish", logs=logs)
        yield Cluster(env, a, b, varnish, bucket, client, draft_id)
    finally:
        DIAGNOSIS.update(varnish_dir=None, logs=[])
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for key in redis.scan_iter(match=f"{key_prefix}*"):
            redis.delete(key)
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        admin.close()


class Browser:
    """Someone with cookies, signing in and posting forms like a browser."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def open(self, url, data=None, headers=None):
        req = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310
        try:
            with self.opener.open(req, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def form_token(self, url):
        _status, html = self.open(url)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def post(self, url, fields, files=None):
        """POST ``fields`` (and ``files``, {name: (filename, bytes, type)}) with the CSRF
        token of the form at ``url``; returns (status, body) after redirects."""
        fields = {"csrfmiddlewaretoken": self.form_token(url), **fields}
        if files is None:
            data = urllib.parse.urlencode(fields, doseq=True).encode()
            kind = "application/x-www-form-urlencoded"
        else:
            data, kind = multipart(fields, files)
        return self.open(url, data, {"Content-Type": kind, "Referer": url})

    def sign_in(self, base, username):
        status, body = self.post(
            base + "/admin/login/?next=/admin/", {"username": username, "password": PASSWORD}
        )
        assert status == 200 and "logout" in body, body[:2000]
        return self


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    body = io.BytesIO()
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            body.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{item}\r\n".encode()
            )
    for name, (filename, content, kind) in files.items():
        body.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {kind}\r\n\r\n'.encode()
        )
        body.write(content + b"\r\n")
    body.write(f"--{boundary}--\r\n".encode())
    return body.getvalue(), f"multipart/form-data; boundary={boundary}"


def messages(body):
    """The admin's messages on a page, as (level, text)."""
    return re.findall(r'<li class="(\w+)">(.*?)</li>', body.split('class="messagelist"')[-1])


def succeeded(body):
    found = messages(body) if 'class="messagelist"' in body else []
    return bool(found) and all(level == "success" for level, _text in found)


def page(url):
    status, headers, body = request(url)
    assert status == 200, (url, status, diagnosis())
    return headers, body.decode()


def tasks_done(timeout=60):
    """Once the worker has run every task due: a purge queued by the set-up of a test (an
    article published by a factory) would otherwise empty Varnish in the middle of it."""
    psycopg = pytest.importorskip("psycopg")
    deadline = time.monotonic() + timeout
    with psycopg.connect(f"{POSTGRES}/{DATABASE}", autocommit=True) as connection:
        while connection.execute(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status IN "
            "('READY', 'RUNNING') AND (run_after IS NULL OR run_after <= now())"
        ).fetchone()[0]:
            assert time.monotonic() < deadline, f"tasks still queued after {timeout} s"
            time.sleep(0.1)


def kept_by_varnish(url):
    tasks_done()
    page(url)
    headers, body = page(url)
    assert headers["X-Cache"] == "HIT", (url, headers["X-Cache"])
    return body


def through_varnish(url, text, timeout=15):
    """The page from Varnish once it shows ``text``: the worker purges Varnish (a task,
    core/tasks.py), within a moment of the change."""
    deadline = time.monotonic() + timeout
    while text not in (body := page(url)[1]):
        assert time.monotonic() < deadline, f"Varnish still serves {url} from before"
        time.sleep(0.1)
    return body


def jpeg(size=(1200, 800)):
    buffer = io.BytesIO()
    picture = PILImage.linear_gradient("L").resize(size).convert("RGB")
    picture.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def article_url(cluster, article_id):
    return shell(
        cluster.env,
        f"from articles.models import Article; "
        f"print(Article.objects.get(pk={article_id}).get_absolute_url())",
    )


def test_an_article_published_through_a_shows_on_b_and_through_varnish(cluster):
    title = "Brouillon des deux serveurs"
    for base in (cluster.a, cluster.b):  # B keeps its home page in Redis, Varnish its own
        page(base + "/")
    assert title not in kept_by_varnish(cluster.varnish + "/")

    editor = Browser().sign_in(cluster.a, "redaction")
    status, body = editor.post(
        cluster.a + "/admin/articles/article/",
        {"action": "publish_selected", "_selected_action": [str(cluster.draft_id)]},
    )
    assert status == 200 and succeeded(body), messages(body)

    assert title in page(cluster.b + "/")[1]
    through_varnish(cluster.varnish + "/", title)
    url = article_url(cluster, cluster.draft_id)
    assert title in page(cluster.b + url)[1]
    through_varnish(cluster.varnish + url, title)


def test_an_image_uploaded_through_a_is_stored_once_and_served_through_b(cluster):
    editor = Browser().sign_in(cluster.a, "redaction")
    status, body = editor.post(
        cluster.a + "/admin/articles/image/add/",
        {
            "alt_text": "Une grue dans le port de Brest",
            "caption": "",
            "credit": "Jeanne Roux",
            "credit_source": "",
            "source_url": "",
            "licence_name": "",
            "licence_url": "",
            "digital_source_type": "digitalCapture",
            "focal_point_x": "",
            "focal_point_y": "",
            "_save": "Save",
        },
        files={"file": ("grue.jpg", jpeg(), "image/jpeg")},
    )
    assert status == 200 and "errornote" not in body, body[:3000]

    # The worker builds the renditions: 480, 800 and 1200 px in WebP and JPEG, the card.
    deadline = time.monotonic() + 120
    while len(keys := bucket_keys(cluster.s3, cluster.bucket)) < 8:
        assert time.monotonic() < deadline, f"renditions not built: {keys}"
        time.sleep(1)
    originals = [key for key in keys if "/renditions/" not in key]
    assert len(originals) == 1 and re.search(r"grue-[0-9a-f]{12}\.jpg$", originals[0]), keys
    assert len(keys) == 8, keys

    article_id = shell(
        cluster.env,
        "from articles.models import Image\n"
        "from tests.factories import make_article\n"
        "article = make_article('Un article illustré', featured_image=Image.objects.get())\n"
        "print(article.pk)",
    ).splitlines()[-1]
    html = page(cluster.b + article_url(cluster, article_id))[1]

    media = f"{cluster.env['AWS_S3_ENDPOINT_URL']}/{cluster.bucket}/"
    pictures = re.findall(r'(?:src|srcset)="([^"]+)"', html)
    addresses = {part.split()[0] for value in pictures for part in value.split(",")}
    renditions = {url for url in addresses if "/renditions/" in url}
    assert renditions and all(url.startswith(media) for url in renditions), addresses
    for url in renditions:
        status, headers, body = request(url)
        assert status == 200, url
        assert headers["Cache-Control"] == LONG_LIFETIME
        assert body[:4] in {b"RIFF", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xe1", b"\xff\xd8\xff\xdb"}


def test_a_comment_approved_on_b_updates_the_page_served_from_a(cluster):
    comment_id, url = shell(
        cluster.env,
        "from articles.models import Article\n"
        "from comments.models import Comment\n"
        "from tests.factories import make_article\n"
        "article = make_article('Un article commenté')\n"
        "comment = Comment.objects.create(article=article, name='Lectrice', "
        "email='lectrice@example.org', body='Une remarque des deux serveurs.', "
        "status=Comment.Status.PENDING)\n"
        "print(comment.pk, article.get_absolute_url())",
    ).splitlines()[-1].split()
    page(cluster.a + url)
    assert "Une remarque des deux serveurs" not in page(cluster.a + url)[1]
    assert "Une remarque des deux serveurs" not in kept_by_varnish(cluster.varnish + url)

    moderator = Browser().sign_in(cluster.b, "moderation")
    status, body = moderator.post(
        cluster.b + "/admin/comments/comment/",
        {"action": "approve_selected", "_selected_action": [comment_id]},
    )
    assert status == 200 and succeeded(body), messages(body)

    assert "Une remarque des deux serveurs" in page(cluster.a + url)[1]
    through_varnish(cluster.varnish + url, "Une remarque des deux serveurs")


def test_the_comment_rate_limit_counts_across_both_servers(cluster):
    article_id = shell(
        cluster.env,
        "from tests.factories import make_article\n"
        "print(make_article('Un article très commenté').pk)",
    ).splitlines()[-1]

    def post_to(base):
        status, _headers, _body = request(
            f"{base}/commentaires/{article_id}/",
            "POST",
            headers={"Origin": base, "Content-Type": "application/x-www-form-urlencoded"},
            data=b"name=Lecteur&email=lecteur%40example.org&body=",
        )
        return status

    # COMMENTS_RATE_LIMIT_PER_IP=4: two posts on each server, then neither takes more.
    assert [post_to(base) for base in (cluster.a, cluster.b, cluster.a, cluster.b)] == [200] * 4
    assert post_to(cluster.a) == 429
    assert post_to(cluster.b) == 429


def test_sessions_are_shared_by_both_servers(cluster):
    editor = Browser().sign_in(cluster.a, "redaction")

    status, body = editor.open(cluster.b + "/admin/")
    assert status == 200 and "logout" in body


def test_failed_sign_ins_lock_the_account_on_both_servers(cluster):
    """django-axes counts failures in the database: three on either server lock the account
    (and this address) on both, even with the right password."""
    shell(cluster.env, "from tests.factories import make_user; make_user('cible', 'Editors')")
    try:
        statuses = [
            Browser().post(base + "/admin/login/", {"username": "cible", "password": "wrong"})[0]
            for base in (cluster.a, cluster.b, cluster.a)
        ]
        assert statuses == [200, 200, 429]  # the third failure, wherever it lands, locks
        for base in (cluster.b, cluster.a):
            status, _body = Browser().post(
                base + "/admin/login/", {"username": "cible", "password": PASSWORD}
            )
            assert status == 429
    finally:
        # The other tests sign in from this address too.
        manage(cluster.env, "axes_reset")

