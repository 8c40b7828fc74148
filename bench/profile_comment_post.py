"""What one comment post costs: time, SQL queries (listed), cache calls, hot spots.

    .venv/bin/python bench/profile_comment_post.py [--posts N] [--profile] [--queries]

Posts N valid comments (each with its own form token, issued long enough ago to pass the
timing check, and its own text and address) to the showcase article through Django's test
client, with the production middleware, the database task queue and DEBUG off, as a
reader's browser would: no cookie. The database is a throw-away SQLite file unless
PROFILE_DATABASE_URL names another (a PostgreSQL database of your own, made and migrated
beforehand; the posts are added to it); REDIS_URL, when set, is the cache, as in production.
Prints the median time and the number of queries per post; ``--queries`` lists the
queries of the last post, ``--profile`` adds cProfile's 25 most expensive functions.
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


def configure(var_dir):
    database = os.environ.get("PROFILE_DATABASE_URL")
    os.environ.update(
        DEBUG="0",
        SECRET_KEY="profile-only-secret-key-not-for-production-0123456789",  # noqa: S106
        ALLOWED_HOSTS="testserver,127.0.0.1",
        NEWSROOM_VAR_DIR=str(var_dir),
        DATABASE_URL=database or f"sqlite:///{var_dir / 'profile.sqlite3'}",
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        CACHE_KEY_PREFIX=f"newsroom-profile-{os.getpid()}",
    )
    # The same lifted rate limits as the load benchmark (bench/settings.py).
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    if not database:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=50)
    parser.add_argument("--profile", action="store_true", help="add cProfile's hot spots")
    parser.add_argument("--sort", default="cumulative", help="cProfile order (tottime...)")
    parser.add_argument("--queries", action="store_true", help="list the last post's queries")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as var_dir:
        configure(Path(var_dir))
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from bench import seed
        from comments.forms import make_timestamp

        article = seed.showcase()
        client = Client(HTTP_ORIGIN="http://testserver")
        url = f"/commentaires/{article.pk}/"
        issued = time.time() - 60
        run_id = os.getpid()

        def post(index):
            response = Client(HTTP_ORIGIN="http://testserver").post(url, {
                "timestamp": make_timestamp(article, issued_at=issued),
                "name": f"Lecteur {index}",
                "email": f"profile-{run_id}-{index}@example.com",
                "body": f"Commentaire {run_id}-{index} : une remarque sur le réseau.",
                "website": "",
                "topic": "",
            })
            if response.status_code != 302:
                raise SystemExit(f"post {index} answered {response.status_code}")

        post(0)  # warm up: imports, first connection
        times = []
        profiler = cProfile.Profile() if options.profile else None
        for index in range(1, options.posts + 1):
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                if profiler:
                    profiler.enable()
                post(index)
                if profiler:
                    profiler.disable()
            times.append(time.perf_counter() - start)
        del client
        print(f"{options.posts} posts on {connection.vendor}: median "
              f"{statistics.median(times) * 1000:.1f} ms, {len(queries)} queries per post")
        if options.queries:
            for number, query in enumerate(queries.captured_queries, 1):
                print(f"{number:>3}. {query['sql'][:300]}")
        if profiler:
            pstats.Stats(profiler).sort_stats(options.sort).print_stats(25)


if __name__ == "__main__":
    main()
