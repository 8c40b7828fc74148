"""What the cold reader pages cost: CPU time, queries, Python function calls.

    .venv/bin/python bench/profile_article.py [--runs N] [--profile] [--phases] [--url PATH]
        [--all] [--database-url postgres://postgres@127.0.0.1:5432/EMPTY_DATABASE]

Builds a throw-away SQLite database in a temporary directory, or fills the empty database
given (DEBUG off, page cache off),
adds the benchmark's showcase article (600 words, a featured image, 4 tags, a source and
10 comments) and 20 others, then asks for the article page N times through Django's test
client. ``--all`` measures the home, tag, author, search and feed pages too.
Prints, per page, the median CPU time, the number of queries and of Python function
calls and, for a PostgreSQL server on this machine, the CPU time its process spent per page
(on average); ``--phases`` splits the CPU time between the middleware, the view's steps,
the rendering and the template functions (``PHASES``); ``--profile`` adds cProfile's most
expensive functions (cumulative time).
"""

import argparse
import cProfile
import functools
import importlib
import os
import pstats
import statistics
import sys
import tempfile
import time
from collections import Counter
from contextlib import ExitStack
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.profile_comment_post import server_cpu_seconds  # noqa: E402

#: What ``--phases`` times, in the order printed: each function is replaced, where its
#: callers look it up (a class, or the module that imported it), by one that adds up the
#: CPU time of its outermost calls. The reader templates' functions (the Jinja2
#: environment's globals) are timed too, under the rendering.
PHASES = (
    ("the view", "django.views.generic.base", "View.dispatch"),
    ("  get_object", "articles.views", "ArticleDetailView.get_object"),
    ("  get_context_data", "articles.views", "ArticleDetailView.get_context_data"),
    ("    related_articles", "articles.models.article", "Article.related_articles"),
    ("    fetch_card_relations", "articles.views", "fetch_card_relations"),
    ("    fetch_bylines", "articles.views", "fetch_bylines"),
    ("the rendering", "django.template.response", "SimpleTemplateResponse.render"),
    # Across the phases above:
    ("the ORM's fetches (QuerySet._fetch_all)", "django.db.models.query", "QuerySet._fetch_all"),
    ("the queries' execute()", "django.db.backends.utils", "CursorWrapper.execute"),
)


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


class Phases:
    """The CPU time spent in wrapped functions (their outermost calls only, so that a
    recursive one counts once), and how many times they were called."""

    def __init__(self):
        self.seconds = Counter()
        self.calls = Counter()
        self.running = set()
        self.template_functions = []

    def timed(self, label, function):
        @functools.wraps(function)  # keeps the attributes Jinja2 reads (pass_context)
        def call(*args, **kwargs):
            self.calls[label] += 1
            if label in self.running:
                return function(*args, **kwargs)
            self.running.add(label)
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[label] += time.process_time() - start
                self.running.discard(label)

        return call

    def wrapping(self):
        """The patches that time ``PHASES`` and the template functions, to enter."""
        from django.template import engines

        patches = []
        for label, module, path in PHASES:
            *owner_path, attribute = path.split(".")
            owner = functools.reduce(getattr, owner_path, importlib.import_module(module))
            function = getattr(owner, attribute)
            patches.append(mock.patch.object(owner, attribute, self.timed(label, function)))
        for engine in engines.all():
            functions = getattr(engine, "env", None) and engine.env.globals
            if functions:
                timed = {}
                for name, function in functions.items():
                    if callable(function) and not isinstance(function, type):
                        self.template_functions.append(f"  {name}()")
                        timed[name] = self.timed(f"  {name}()", function)
                patches.append(mock.patch.dict(functions, timed))
        return patches

    def report(self, runs, total_seconds):
        """Lines of milliseconds per request (means of ``runs``)."""
        def line(milliseconds, label, calls=None):
            counted = f", {calls / runs:g}×" if calls else ""
            return f"  {milliseconds:6.2f} ms  {label}{counted}"

        per_request = {label: seconds * 1000 / runs for label, seconds in self.seconds.items()}
        outside = total_seconds * 1000 / runs - per_request.get("the view", 0) - per_request.get(
            "the rendering", 0
        )
        lines = [
            line(total_seconds * 1000 / runs, "the whole request"),
            line(outside, "outside the view and its rendering: middleware, handler"),
        ]
        template_functions = sorted(
            (label for label in self.template_functions if label in per_request),
            key=per_request.get,
            reverse=True,
        )
        for label, *_ in PHASES:
            if label in per_request:
                lines.append(line(per_request[label], label, self.calls[label]))
            if label == "the rendering":
                lines.extend(
                    line(per_request[name], name, self.calls[name]) for name in template_functions
                )
        return lines


def phases(client, url, runs):
    """The split of a request's CPU time between ``PHASES`` (means of ``runs``)."""
    timer = Phases()
    with ExitStack() as stack:
        for patch in timer.wrapping():
            stack.enter_context(patch)
        start = time.process_time()
        for _ in range(runs):
            client.get(url)
        total = time.process_time() - start
    return timer.report(runs, total)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--phases", action="store_true", help="split the CPU time between the page's steps"
    )
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
        from django.db import connection
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
            server_start = server_cpu_seconds(connection)
            median_cpu, fastest_cpu, median_wall = measure(client, url, options.runs)
            server_end = server_cpu_seconds(connection)
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
            if server_start is not None and server_end is not None:
                # Counted in ticks of the kernel's clock (10 ms): more runs, finer figures.
                server_ms = (server_end - server_start) * 1000 / options.runs
                print(f"{'':8} PostgreSQL's CPU: {server_ms:.2f} ms per page (its process's, mean)")
            if options.phases:
                print(f"{'':8} CPU time per request, means of {options.runs}:")
                print("\n".join(phases(client, url, options.runs)))
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
