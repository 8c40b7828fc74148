"""The production stack as `make serve` starts it (nginx → Varnish → gunicorn, DEBUG off, the
demo content), on free ports of 127.0.0.1: a reader gets every page, picture and file."""

import base64
import http.cookiejar
import json
import re
import time
import urllib.parse
import urllib.request

import pytest
from django_otp.oath import TOTP

from deploy import check_site, stack

from .conftest import request


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("stack-var")
    with pytest.MonkeyPatch.context() as patch:
        # Its own SQLite database and files, whatever the suite runs on.
        for name in ("DATABASE_URL", "REDIS_URL", "STATIC_ROOT", "MEDIA_ROOT", "TASKS_BACKEND"):
            patch.delenv(name, raising=False)
        running = stack.start(
            stack.Stack(var_dir=var_dir, port=stack.free_port(), workers=2),
            echo=lambda *_: None,
        )
    pids = stack.running_processes(running.stack_dir)
    assert set(pids) == {"nginx", "varnish", "gunicorn", "worker"}
    yield running
    stack.stop(running.stack_dir, echo=lambda *_: None)
    assert not [name for name, pid in pids.items() if stack.alive(pid, name)]


def test_reader_pages_answer_through_nginx_and_varnish(site):
    status, _headers, body = request(site.url + "/")
    assert status == 200
    article = re.search(rb'href="(/articles/[^"]+)"', body).group(1).decode()
    for path in [
        article,
        "/tags/societe/",
        "/search/?q=energie",
        "/feeds/rss/",
        "/sitemap.xml",
        "/en/",
        "/robots.txt",
    ]:
        status, headers, _body = request(site.url + path)
        assert status == 200, path
        assert headers["X-Cache"] in {"MISS", "HIT", "PASS"}, f"{path} did not go through Varnish"


def test_debug_is_off(site):
    status, _headers, body = request(site.url + "/articles/no-such-article/")
    assert status == 404
    assert b"URLconf" not in body and b"Technical details" not in body


def test_every_picture_of_the_home_and_an_article_is_served(site):
    assert check_site.check(site.url) == []


def test_static_files_are_served_by_nginx_hashed_compressed_and_kept(site):
    _status, _headers, body = request(site.url + "/")
    stylesheet = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', body).group(1)
    status, headers, _body = request(
        site.url + stylesheet.decode(), headers={"Accept-Encoding": "gzip"}
    )
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "X-Cache" not in headers, "static files should not reach Varnish"


def test_pictures_are_kept_a_year_by_browsers(site):
    _status, _html, images = check_site.page_images(site.url, "/")
    status, headers, _body = request(images[0])
    assert status == 200
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["ETag"]


def test_the_admin_and_posts_reach_the_application(site):
    for _ in range(2):
        status, headers, _body = request(site.url + "/admin/login/")
        assert status == 200 and headers["X-Cache"] == "PASS"
    # Refused by Django itself (no CSRF token): the POST went all the way through.
    status, headers, body = request(site.url + "/admin/login/", "POST", data=b"username=x")
    assert status == 403 and headers["X-Cache"] == "PASS"


def test_purges_come_from_this_machine_only(site):
    status, headers, _body = request(site.url + "/", "PURGE", {"xkey": "article-1"})
    assert status == 403 and "X-Cache" not in headers, "nginx let a PURGE through"
    status, _headers, body = request(site.varnish_url + "/", "PURGE", {"xkey": "article-1"})
    assert status == 200 and b"Invalidated" in body


def test_an_editor_signs_in_over_the_local_stack(site):
    """Cookies and CSRF work through both proxies over plain HTTP (no Secure cookies here),
    and in production a superuser sets up two-factor sign-in before reaching the admin."""
    env = {**site.environment(), "DJANGO_SUPERUSER_PASSWORD": "stack-test-password-1"}
    stack.manage(
        env,
        "createsuperuser",
        "--noinput",
        "--username",
        "stackeditor",
        "--email",
        "editor@example.org",
        quiet=True,
    )
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def post(path, page, fields):
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        return browser.open(
            urllib.request.Request(site.url + path, data=data, headers={"Origin": site.url})
        )

    with browser.open(site.url + "/admin/login/") as response:
        form = response.read().decode()
    fields = {"username": "stackeditor", "password": "stack-test-password-1", "next": "/admin/"}
    with post("/admin/login/", form, fields) as response:
        assert response.url == site.url + "/admin/two-factor/setup/?next=%2Fadmin%2F"
        assert response.headers["X-Cache"] == "PASS"
        setup = response.read().decode()
    assert "stackeditor" in setup

    secret = re.search(r'<code class="two-factor-secret">([A-Z2-7 ]+)</code>', setup).group(1)
    totp = TOTP(base64.b32decode(secret.replace(" ", "")))
    with post("/admin/two-factor/setup/", setup, {"code": f"{totp.token():06d}"}) as response:
        assert len(re.findall(r"<li><code>[a-z2-7]{8}</code></li>", response.read().decode())) == 10
    with browser.open(site.url + "/admin/") as response:
        assert response.url == site.url + "/admin/"
        assert b"stackeditor" in response.read()


def test_pages_are_kept_by_varnish_and_purged_by_a_change(site):
    """A second reader gets the article from Varnish; an edit saved by another process
    (here `manage.py shell`) purges it from Varnish and from every worker's page cache."""
    _status, _headers, body = request(site.url + "/")
    article = re.search(rb'href="/articles/([^"/]+)/"', body).group(1).decode()
    path = f"/articles/{article}/"
    # The worker may still be running the demo's purges: ask until Varnish keeps the page.
    deadline = time.monotonic() + 30
    while True:
        status, headers, _body = request(site.url + path)
        assert status == 200
        if headers["X-Cache"] == "HIT":
            break
        assert time.monotonic() < deadline, "Varnish does not keep the article"
        time.sleep(0.2)
    assert "xkey" not in {name.lower() for name in headers}
    stack.manage(
        site.environment(),
        "shell",
        "-c",
        "from articles.models import Article; "
        f"article = Article.objects.get(slug='{article}'); "
        "article.standfirst = 'Chapeau réécrit par la rédaction'; article.save()",
        quiet=True,
    )
    # Varnish is purged by the task worker, within a moment of the change.
    deadline = time.monotonic() + 20
    while "Chapeau réécrit par la rédaction" not in request(site.url + path)[2].decode():
        assert time.monotonic() < deadline, "Varnish still serves the page from before"
        time.sleep(0.2)
    for _ in range(3):  # several requests, so that both workers answer
        status, headers, body = request(site.url + path)
        assert status == 200 and "Chapeau réécrit par la rédaction" in body.decode()


def test_health_checks_pass_through_to_the_application_uncached(site):
    """A load balancer may ask through nginx and Varnish: the answer is the app server's,
    now, never a kept copy."""
    for _ in range(2):
        for path in ("/healthz", "/readyz"):
            status, headers, body = request(site.url + path)
            assert status == 200, body
            assert json.loads(body)["status"] == "ok"
            assert headers["X-Cache"] == "PASS"
            assert "no-store" in headers["Cache-Control"]
            assert "Set-Cookie" not in headers
