"""Moving from a real WordPress 6: the reference site of the shared bench (setup-wordpress.sh:
200 posts with credited featured images, 4 categories, a comment thread) is exported by
WordPress's own exporter (``export_wp()`` run by PHP's command line), imported with its
images downloaded from the running site, and compared article by article with what
WordPress itself holds (tests/wordpress/php/describe.php).

Starts MariaDB (127.0.0.1:3307), php-fpm and nginx (127.0.0.1:8081) and stops them by their
PIDs (the bench's stop.sh). Skipped, with the reason, only where they cannot be installed or
their ports are taken. A few minutes: about 2 to install and seed, 2 to import.
"""

import html
import io
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.core.management import call_command
from django.utils import translation

from articles.models import Article
from bench.run import shared_bench_dir
from comments.models import Comment
from wordpress.models import ImportedItem

pytestmark = [pytest.mark.deploy, pytest.mark.django_db]

PHP_SCRIPTS = Path(__file__).resolve().parent / "php"
WORDPRESS_DIR = Path("/usr/share/wordpress")  # Debian's package, as the bench installs it
PORTS = {"nginx (WordPress)": 8081, "MariaDB": 3307}
SETUP_TIMEOUT = 20 * 60  # Installing the packages on a fresh machine included.


def busy_ports():
    busy = []
    for name, port in PORTS.items():
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                busy.append(f"{name} port {port}")
    return busy


def run_php(script, output):
    with open(output, "wb") as out:
        subprocess.run(
            ["php", str(PHP_SCRIPTS / script), str(WORDPRESS_DIR)],
            stdout=out, stderr=subprocess.PIPE, check=True, timeout=300,
            env={**os.environ, "WP_HOST": f"127.0.0.1:{PORTS['nginx (WordPress)']}"},
        )


@pytest.fixture(scope="module")
def wordpress():
    """The reference WordPress, running, exported: (export path, WordPress's own
    description of its posts as JSON, seconds taken by the setup)."""
    bench = shared_bench_dir()
    if bench is None:
        pytest.skip(
            "the shared bench (setup-wordpress.sh) is not found: set BENCH_SHARED to its folder"
        )
    busy = busy_ports()
    if busy:
        pytest.skip(f"the reference WordPress cannot start: {', '.join(busy)} already in use")
    # MariaDB runs as mysql and nginx as www-data: they must reach the state folder.
    state = Path(tempfile.mkdtemp(prefix="wordpress-bench-"))
    state.chmod(0o755)
    env = {**os.environ, "BENCH_STATE": str(state)}
    try:
        started = time.monotonic()
        setup = subprocess.run(
            ["bash", str(bench / "setup-wordpress.sh")], env=env, capture_output=True,
            text=True, timeout=SETUP_TIMEOUT, check=False,
        )
        setup_seconds = time.monotonic() - started
        if setup.returncode != 0:
            tail = (setup.stdout + setup.stderr).strip()[-1500:]
            if not shutil.which("php") or not (WORDPRESS_DIR / "wp-load.php").is_file():
                pytest.skip(f"WordPress and PHP could not be installed here: {tail}")
            pytest.fail(f"setup-wordpress.sh failed ({setup.returncode}):\n{tail}")
        export = state / "export.xml"
        description = state / "wordpress.json"
        run_php("export.php", export)
        run_php("describe.php", description)
        yield export, json.loads(description.read_text()), setup_seconds
    finally:
        subprocess.run(["bash", str(bench / "stop.sh")], env=env, capture_output=True,
                       timeout=120, check=False)
        shutil.rmtree(state, ignore_errors=True)


def differences(post, article, client):
    """What the article says differently from WordPress's post, as readable lines."""
    found = []

    def compare(what, theirs, ours):
        if theirs != ours:
            found.append(f"post {post['id']} {what}: WordPress {theirs!r}, here {ours!r}")

    compare("title", html.unescape(post["title"]), article.title)
    compare("slug", unquote(post["slug"]), article.slug)
    compare("status", "publish", "publish" if article.is_published else article.status)
    compare(
        "date",
        datetime.strptime(post["date_gmt"], "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC),
        article.published_at,
    )
    compare("authors", [post["author"]], [author.username for author in article.authors.all()])
    compare(
        "categories and tags",
        sorted(html.unescape(name) for name in post["categories"] + post["tags"]),
        sorted(tag.name for tag in article.tags.all()),
    )
    old = urlsplit(post["permalink"]).path
    response = client.get(old)
    compare(f"redirect of {old}", (301, article.get_absolute_url()),
            (response.status_code, response.get("Location")))

    comments = list(Comment.objects.filter(article=article).select_related("parent"))
    compare("comments", len(post["comments"]), len(comments))
    compare("approved comments", post["comment_count"],
            sum(comment.status == Comment.Status.APPROVED for comment in comments))
    by_id = {c["id"]: c["author"] for c in post["comments"]}
    compare(
        "comment threads",
        sorted((c["author"], by_id.get(c["parent"])) for c in post["comments"]),
        sorted((c.name, c.parent.name if c.parent else None) for c in comments),
    )

    thumbnail, image = post["thumbnail"], article.featured_image
    compare("featured image", thumbnail is not None, image is not None)
    if thumbnail and image:
        compare("image alt text", thumbnail["alt"], image.alt_text)
        compare("image credit", thumbnail["caption"], image.credit_text)
        compare("image size", (thumbnail["width"], thumbnail["height"]),
                (image.width, image.height))
    return found


def test_a_real_wordpress_export_is_imported_article_by_article(wordpress, client):
    export, described, setup_seconds = wordpress
    posts = described["posts"]
    assert len(posts) == 200  # What the bench seeds: the comparison below covers them all.

    started = time.monotonic()
    out = io.StringIO()
    with translation.override("en"):
        call_command(
            "import_wordpress", str(export),
            "--media-base-url", described["home"] + "wp-content/uploads",
            stdout=out, stderr=io.StringIO(),
        )
    import_seconds = time.monotonic() - started
    report = out.getvalue()
    assert "Failed" not in report and "Images without a credit" not in report, report

    articles = {
        item.wordpress_id: item.object_id
        for item in ImportedItem.objects.filter(kind=ImportedItem.Kind.POST)
    }
    found = []
    for post in posts:
        article = Article.objects.get(pk=articles[str(post["id"])])
        found += differences(post, article, client)
    assert not found, f"{len(found)} differences:\n" + "\n".join(found[:30])

    # The post with the comment thread, as a reader sees it.
    threaded = max(posts, key=lambda post: len(post["comments"]))
    article = Article.objects.get(pk=articles[str(threaded["id"])])
    page = client.get(urlsplit(threaded["permalink"]).path, follow=True).content.decode()
    assert article.title.replace("'", "&#x27;") in page or article.title in page
    assert threaded["thumbnail"]["caption"].split(" / ")[0] in page
    for comment in threaded["comments"]:
        assert html.escape(comment["author"]) in page or comment["author"] in page
    print(f"WordPress set up in {setup_seconds:.0f} s, imported in {import_seconds:.0f} s")
