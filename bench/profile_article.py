"""What the cold reader pages cost: CPU time, queries, Python function calls.

    .venv/bin/python bench/profile_article.py [--runs N] [--profile] [--url PATH] [--all]
        [--database-url postgres://postgres@127.0.0.1:5432/EMPTY_DATABASE]

Builds a throw-away SQLite database in a temporary directory, or fills the empty database
given (DEBUG off, page cache off),
adds the benchmark's showcase article (600 words, a featured image, 4 tags, a source and
10 comments) and 20 others, then asks for the article page N times through Django's test
client. ``--all`` measures the home, tag, author, search and feed pages too.
Prints, per page, the median CPU time, the number of queries and of Python function
calls; ``--profile`` adds cProfile's most expensive functions (cumulative time).
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def configure(var_dir, database_url=""):
    os.environ.update(
        DEBUG="0",
        SECRET_KEY="profile-only-secret-key-not-for-production-0123456789",  # noqa: S106
        ALLOWED_HOSTS="testserver,127.0.0.1",
        NEWSROOM_VAR_DIR=str(var_dir),
        DATABASE_URL=database_url or f"sqlite:///{var_dir / 'profile.sqlite3'}",
        TASKS_BACKEND="django_tasks.backends.dummy.DummyBackend",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        PAGE_CACHE_ENABLED="0",
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()


def reader_pages(article):
    """The pages the benchmark reads, by name: the article and the lists around it."""
    from django.urls import reverse

    tag = article.tags.order_by("pk").first()
    author = article.authors.first()
    return {
        "article": article.get_absolute_url(),
        "home": reverse("articles:home"),
        "tag": tag.get_absolute_url(),
        "author": author.profile.get_absolute_url(),
        "search": reverse("articles:search") + "?q=hiver",
        "feed": reverse("articles:feed_rss"),
    }


def measure(client, url, runs):
    """Median and fastest CPU time and median wall-clock time of ``runs`` requests (s)."""
    timings, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        timings.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    assert response.status_code == 200, (url, response.status_code)
    return statistics.median(cpu), min(cpu), statistics.median(timings)


def count(client, url):
    """The response, the queries and the Python function calls of one request: unlike
    times, these do not vary with the machine's load."""
    from django.db import connection

    queries = []

    def record(run, sql, *args):
        start = time.perf_counter()
        try:
            return run(sql, *args)
        finally:
            queries.append((time.perf_counter() - start, sql))

    with connection.execute_wrapper(record):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    profiler = cProfile.Profile()
    profiler.runcall(client.get, url)
    calls = pstats.Stats(profiler).total_calls
    return response, queries, calls


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--url", default="")
    parser.add_argument(
        "--all", action="store_true", help="every reader page, not just the article"
    )
    parser.add_argument("--articles", type=int, default=20, help="articles besides the showcase")
    parser.add_argument("--comments", type=int, default=0, help="comments on those articles")
    parser.add_argument("--queries", action="store_true", help="print each query and its time")
    parser.add_argument("--save", metavar="FILE", help="write the (first) page's HTML to FILE")
    parser.add_argument(
        "--database-url", default="", help="an empty database to use instead of SQLite's"
    )
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as directory:
        configure(Path(directory), options.database_url)
        from django.conf import settings
        from django.core.management import call_command
        from django.test import Client
        from django.test.utils import override_settings

        from bench import seed

        call_command("migrate", verbosity=0)
        # Hashed names as in production; the compressed copies only matter to WhiteNoise.
        override_settings(STORAGES={**settings.STORAGES, "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
        }}).enable()
        call_command("collectstatic", interactive=False, verbosity=0)
        article = seed.showcase()
        seed.bulk(article_count=options.articles, comment_count=options.comments, image_count=2)
        if options.url:
            pages = {"page": options.url}
        elif options.all:
            pages = reader_pages(article)
        else:
            pages = {"article": article.get_absolute_url()}
        client = Client()
        for name, url in pages.items():
            # The first request of a page fills what a process keeps (templates, URLs).
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            # Timed before the queries and calls are counted: counting slows them down.
            median_cpu, fastest_cpu, median_wall = measure(client, url, options.runs)
            response, queries, calls = count(client, url)
            if options.save and name == next(iter(pages)):
                Path(options.save).write_bytes(response.content)
            # The CPU time is steady when other processes share the machine; the wall-clock
            # is not.
            print(
                f"{name:8} {median_cpu * 1000:5.1f} ms CPU (fastest {fastest_cpu * 1000:.1f}), "
                f"{median_wall * 1000:5.1f} ms wall-clock (medians of {options.runs}), "
                f"{len(queries)} queries, {calls} function calls, "
                f"{len(response.content)} bytes  {url}"
            )
            if options.queries:
                for seconds, sql in queries:
                    print(f"    {seconds * 1000:6.2f} ms  {sql[:300]}")
            if options.profile:
                profiler = cProfile.Profile()
                profiler.enable()
                for _ in range(10):
                    client.get(url)
                profiler.disable()
                stats = pstats.Stats(profiler)
                stats.sort_stats("cumulative").print_stats(25)
                # The project's own code, where a fix usually starts.
                stats.print_stats(str(ROOT / "[a-z]*/[a-z_/]*.py"), 40)


if __name__ == "__main__":
    main()
