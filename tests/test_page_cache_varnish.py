"""Varnish in front, with the shipped configuration: it keeps reader pages, and every
change purges exactly the pages that showed it (deploy/varnish/default.vcl)."""

import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.urls import reverse

from articles.actions import BackToDraft, PublishArticle
from articles.models import Article
from comments.actions import ApproveComment
from comments.models import Comment
from core import pagecache
from tests.factories import make_article, make_user

VCL = Path(__file__).resolve().parent.parent / "deploy" / "varnish" / "default.vcl"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"

pytestmark = [
    pytest.mark.skipif(
        not Path(VARNISHD).exists(),
        reason="varnishd is not installed (apt-get install varnish varnish-modules)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def varnish(live_server, tmp_path, settings):
    """A Varnish started with the shipped configuration, in front of the live server, and
    the application told to purge it."""
    host, port = re.match(r"http://([^:]+):(\d+)", live_server.url).groups()
    vcl = VCL.read_text()
    vcl = re.sub(r'\.host = "[^"]*";', f'.host = "{host}";', vcl, count=1)
    vcl = re.sub(r'\.port = "\d+";', f'.port = "{port}";', vcl, count=1)
    (tmp_path / "test.vcl").write_text(vcl)
    listen = free_port()
    process = subprocess.Popen(  # noqa: S603 - Debian's varnishd, our configuration
        [
            VARNISHD, "-F", "-j", "none", "-n", str(tmp_path / "varnish"),
            "-a", f"127.0.0.1:{listen}",
            "-f", str(tmp_path / "test.vcl"), "-s", "malloc,32m",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{listen}"
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", listen), timeout=0.2).close()
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"varnishd stopped: {process.stderr.read().decode()}")
                time.sleep(0.1)
        settings.ALLOWED_HOSTS = ["*"]
        settings.VARNISH_PURGE_URLS = [base + "/"]
        settings.PAGE_CACHE_PURGE_BACKENDS = ["core.pagecache.VarnishPurgeBackend"]
        # Varnish alone: Django's own page cache stays out of the way.
        settings.PAGE_CACHE_ENABLED = False
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def fetch(url, cookie=None):
    request = urllib.request.Request(url)  # noqa: S310 - our own Varnish on 127.0.0.1
    if cookie:
        request.add_header("Cookie", cookie)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310  # nosec B310
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def cached(url):
    """The page from Varnish, making sure it was kept there."""
    fetch(url)
    status, headers, body = fetch(url)
    assert status == 200, url
    assert headers["X-Cache"] == "HIT", (url, headers)
    return body


@pytest.fixture
def people(db):
    return {
        "editor": make_user("redaction", "Editors"),
        "moderator": make_user("moderation", "Moderators"),
        "author": make_user("plume", "Authors", first_name="Claire", last_name="Plume"),
    }


def test_varnish_keeps_pages_and_readers_never_see_the_keys(varnish, people):
    article = make_article("Les puces de demain", authors=[people["author"]], tags=["Hardware"])
    for path in ("/", article.get_absolute_url(), "/tags/hardware/", "/feeds/rss/"):
        fetch(varnish + path)
        status, headers, _ = fetch(varnish + path)
        assert (status, headers["X-Cache"]) == (200, "HIT"), path
        assert "xkey" not in {name.lower() for name in headers}, path
        assert "Set-Cookie" not in headers, path


def test_staff_and_sessions_pass_through(varnish, people):
    make_article("Les puces de demain")
    cached(varnish + "/")
    _, headers, _ = fetch(varnish + "/", cookie="sessionid=abc")
    assert headers["X-Cache"] == "PASS"
    _, headers, _ = fetch(varnish + reverse("admin:login"))
    assert headers["X-Cache"] == "PASS"


def test_editing_publishing_and_unpublishing_purge_exactly(varnish, people):
    editor = people["editor"]
    article = make_article("Les puces de demain", authors=[people["author"]], tags=["Hardware"])
    other = make_article("Un autre sujet", tags=["Société"])
    draft = make_article(
        "Brouillon du jour", authors=[people["author"]], status=Article.Status.DRAFT,
        published_at=None,
    )
    pages = ["/", article.get_absolute_url(), "/tags/hardware/", "/feeds/rss/"]
    for path in [*pages, other.get_absolute_url()]:
        cached(varnish + path)

    article.title = "Les puces d’après-demain"
    article.save()
    for path in pages:
        status, headers, body = fetch(varnish + path)
        assert "Les puces d’après-demain" in body, path
    # Exactly: the other article's page, which does not show it, is still kept.
    assert fetch(varnish + other.get_absolute_url())[1]["X-Cache"] == "HIT"

    cached(varnish + "/")
    PublishArticle(draft, editor).execute()
    assert "Brouillon du jour" in fetch(varnish + "/")[2]

    cached(varnish + article.get_absolute_url())
    BackToDraft(article, editor).execute()
    assert fetch(varnish + article.get_absolute_url())[0] == 404
    assert "Les puces d’après-demain" not in fetch(varnish + "/")[2]


def test_an_approved_comment_shows_on_the_next_request(varnish, people):
    article = make_article("Les puces de demain")
    comment = Comment.objects.create(
        article=article, name="Lina", email="lina@example.org", body="Un avis argumenté"
    )
    assert "Un avis argumenté" not in cached(varnish + article.get_absolute_url())
    ApproveComment(comment, people["moderator"]).execute()
    assert "Un avis argumenté" in fetch(varnish + article.get_absolute_url())[2]


def test_renaming_an_author_and_a_tag(varnish, people):
    author = people["author"]
    article = make_article("Les puces de demain", authors=[author], tags=["Hardware"])
    cached(varnish + article.get_absolute_url())
    author.first_name = "Clarisse"
    author.save()
    assert "Clarisse" in fetch(varnish + article.get_absolute_url())[2]
    cached(varnish + article.get_absolute_url())
    tag = article.tags.get()
    tag.name = "Matériel"
    tag.save()
    assert "Matériel" in fetch(varnish + article.get_absolute_url())[2]


def test_publishing_purges_the_pages_that_now_suggest_it(varnish, people):
    editor = people["editor"]
    article = make_article("Les puces de demain", tags=["Hardware"])
    other = make_article("Un autre sujet", tags=["Société"])
    draft = make_article(
        "Un voisin du même sujet", authors=[people["author"]], tags=["Hardware"],
        status=Article.Status.DRAFT, published_at=None,
    )
    assert "Un voisin du même sujet" not in cached(varnish + article.get_absolute_url())
    cached(varnish + other.get_absolute_url())

    PublishArticle(draft, editor).execute()

    assert "Un voisin du même sujet" in fetch(varnish + article.get_absolute_url())[2]
    assert fetch(varnish + other.get_absolute_url())[1]["X-Cache"] == "HIT"


def test_a_purge_of_thousands_of_keys_reaches_varnish(varnish, people):
    """More keys than one header may carry (Varnish refuses a header over 8 KB)."""
    article = make_article("Les puces de demain")
    other = make_article("Un autre sujet")
    cached(varnish + article.get_absolute_url())
    cached(varnish + other.get_absolute_url())

    unrelated = {f"article-{n}" for n in range(100_000, 102_000)}
    pagecache.purge_now({*unrelated, f"article-{article.pk}"})

    assert fetch(varnish + article.get_absolute_url())[1]["X-Cache"] == "MISS"
    assert fetch(varnish + other.get_absolute_url())[1]["X-Cache"] == "HIT"
