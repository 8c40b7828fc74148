"""The shipped VCL, run by a real Varnish in front of a small backend whose answers each test
chooses: what is kept, what passes, what a purge by surrogate key evicts."""

import itertools
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from deploy import stack

from .conftest import request, wait_for_port


class Backend(ThreadingHTTPServer):
    """Answers GET and POST with headers named in the query; records what it received."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), BackendHandler)
        self.received = []
        self.renders = itertools.count(1)


class BackendHandler(BaseHTTPRequestHandler):
    # Each response names its headers in the path: /page?cc=...&key=...&cookie=1
    def do_GET(self):
        self.answer()

    def do_POST(self):
        self.answer()

    def answer(self):
        from urllib.parse import parse_qs, urlsplit

        query = parse_qs(urlsplit(self.path).query)
        self.server.received.append(
            {
                "path": self.path,
                "method": self.command,
                "cookie": self.headers.get("Cookie"),
                "language": self.headers.get("Accept-Language"),
            }
        )
        body = f"render {next(self.server.renders)}".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if "cc" in query:
            self.send_header("Cache-Control", query["cc"][0])
        if "key" in query:
            self.send_header("xkey", query["key"][0])
        if "vary" in query:
            self.send_header("Vary", query["vary"][0])
        if "cookie" in query:
            self.send_header("Set-Cookie", "csrftoken=abc; Path=/")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def backend():
    server = Backend()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def varnish(backend, tmp_path_factory):
    """The shipped VCL, its backend pointed at the test's: the base address of Varnish."""
    work = tmp_path_factory.mktemp("varnish")
    vcl = work / "default.vcl"
    vcl.write_text(
        stack.render_vcl_backend(
            (stack.DEPLOY_DIR / "varnish" / "default.vcl").read_text(),
            "127.0.0.1",
            backend.server_address[1],
        )
    )
    port = stack.free_port()
    process = subprocess.Popen(
        stack.varnish_command(work / "varnish", port, vcl),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


unique = itertools.count()


def page(query=""):
    """A fresh address on the backend, so tests never share cached objects."""
    return f"/page-{next(unique)}?{query}"


CACHEABLE = "cc=public,max-age=300"


def test_a_second_anonymous_request_is_a_hit(varnish):
    path = page(CACHEABLE)
    status, first, body = request(varnish + path)
    assert status == 200 and first["X-Cache"] == "MISS"
    time.sleep(1.1)
    status, second, again = request(varnish + path)
    assert second["X-Cache"] == "HIT"
    assert again == body
    assert int(second["Age"]) >= 1


def test_admin_post_and_personal_cookies_reach_the_application(varnish, backend):
    for path, method, headers in [
        ("/admin/" + page(CACHEABLE), "GET", {}),
        (page(CACHEABLE), "POST", {}),
        (page(CACHEABLE), "GET", {"Cookie": "sessionid=s1"}),
        (page(CACHEABLE), "GET", {"Cookie": "theme=dark; csrftoken=t1"}),
        (page(CACHEABLE), "GET", {"Cookie": "commenter_fr=k1"}),
        ("/commentaires/confirmer" + page(CACHEABLE), "GET", {"Cookie": "commenter_fr=k1"}),
        ("/en/commentaires/confirmer" + page(CACHEABLE), "GET", {}),
        # Who just wrote reads their own write (core/db.py), not a kept copy.
        (page(CACHEABLE), "GET", {"Cookie": "_ga=1; recentwrite=w1"}),
        # Who posted a comment sees it while it awaits moderation.
        (page(CACHEABLE), "GET", {"Cookie": "owncomments=c1"}),
        (page(CACHEABLE), "GET", {"Cookie": "messages=m1"}),
    ]:
        data = b"x=1" if method == "POST" else None
        bodies = {request(varnish + path, method, headers, data)[2] for _ in range(2)}
        assert len(bodies) == 2, f"{method} {path} {headers} was served from the cache"
        assert request(varnish + path, method, headers, data)[1]["X-Cache"] == "PASS"
    assert backend.received[-1]["cookie"] == "messages=m1"
    # The commenter proves their address to the confirmation page with their cookie.
    confirmations = [r for r in backend.received if r["path"].startswith("/commentaires/")]
    assert {r["cookie"] for r in confirmations} == {"commenter_fr=k1"}


def test_other_cookies_are_dropped_so_readers_share_one_copy(varnish, backend):
    path = page(CACHEABLE)
    _status, _headers, first = request(varnish + path, headers={"Cookie": "_ga=reader1"})
    _status, headers, second = request(varnish + path, headers={"Cookie": "_ga=reader2"})
    assert first == second and headers["X-Cache"] == "HIT"
    assert [r["cookie"] for r in backend.received if r["path"] == path] == [None]


def test_one_copy_per_address_whatever_languages_the_browser_prefers(varnish, backend):
    path = page(f"{CACHEABLE}&vary=Accept-Language")
    _status, _headers, first = request(varnish + path, headers={"Accept-Language": "fr-FR,fr"})
    _status, headers, second = request(varnish + path, headers={"Accept-Language": "en-GB,en"})
    assert first == second and headers["X-Cache"] == "HIT"
    assert [r["language"] for r in backend.received if r["path"] == path] == [None]


@pytest.mark.parametrize(
    "query",
    ["", "cc=private,max-age=300", "cc=no-cache", f"{CACHEABLE}&cookie=1", "cc=max-age=0"],
    ids=["no Cache-Control", "private", "no-cache", "sets a cookie", "max-age 0"],
)
def test_what_the_application_does_not_offer_to_share_is_never_kept(varnish, query):
    path = page(query)
    bodies = [request(varnish + path)[2] for _ in range(3)]
    assert len(set(bodies)) == 3


def test_s_maxage_governs_the_shared_lifetime(varnish):
    path = page("cc=public,max-age=0,s-maxage=300")
    request(varnish + path)
    assert request(varnish + path)[1]["X-Cache"] == "HIT"


def test_stale_while_revalidate_serves_the_old_page_while_refreshing(varnish):
    path = page("cc=public,max-age=1,stale-while-revalidate=60")
    _status, _headers, first = request(varnish + path)
    time.sleep(2.1)
    _status, headers, stale = request(varnish + path)
    assert stale == first and headers["X-Cache"] == "HIT"
    # The refresh happened in the background: the next reader gets the new render.
    for _ in range(50):
        _status, _headers, fresh = request(varnish + path)
        if fresh != first:
            break
        time.sleep(0.1)
    assert fresh != first


def test_purge_by_surrogate_key_evicts_exactly_the_pages_that_carry_it(varnish):
    tagged = page(f"{CACHEABLE}&key=article-7+tag-2")
    other = page(f"{CACHEABLE}&key=article-8")
    for path in (tagged, other):
        request(varnish + path)
        assert request(varnish + path)[1]["X-Cache"] == "HIT"
        assert "xkey" not in request(varnish + path)[1], "the keys reached the reader"

    status, _headers, body = request(varnish + "/", "PURGE", {"xkey": "tag-2"})
    assert status == 200 and b"Invalidated 1 " in body
    assert request(varnish + tagged)[1]["X-Cache"] == "MISS"
    assert request(varnish + other)[1]["X-Cache"] == "HIT"


def test_a_purge_needs_keys_and_must_not_come_through_nginx(varnish):
    path = page(f"{CACHEABLE}&key=article-9")
    request(varnish + path)
    assert request(varnish + "/", "PURGE")[0] == 400
    forwarded = {"xkey": "article-9", "X-Forwarded-Proto": "https"}
    assert request(varnish + "/", "PURGE", forwarded)[0] == 403
    assert request(varnish + path)[1]["X-Cache"] == "HIT"
