"""What one comment post costs: time, SQL queries (listed), cache calls, hot spots.

    .venv/bin/python bench/profile_comment_post.py [--posts N] [--profile] [--queries]

Posts N valid comments (each with its own form token, issued long enough ago to pass the
timing check, and its own text and address) to the showcase article through Django's test
client, with the production middleware, the database task queue and DEBUG off, as a
reader's browser would: no cookie, the form urlencoded. The database is a throw-away SQLite
file unless PROFILE_DATABASE_URL names another (a PostgreSQL database of your own, made and migrated
beforehand; the posts are added to it); REDIS_URL, when set, is the cache, as in production.
Prints the median time per post (wall clock, and this process's CPU time, steady on a
shared machine), the number of queries per post and, for a PostgreSQL server on this
machine, the CPU time its process spent per post; ``--queries`` lists the
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
from urllib.parse import urlencode

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


def server_cpu_seconds(connection):
    """CPU time the PostgreSQL process serving ``connection`` has used, when that server
    runs on this machine (its /proc entry is readable); None otherwise."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    # utime and stime, the 14th and 15th fields (counted from the pid).
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=50)
    parser.add_argument("--profile", action="store_true", help="add cProfile's hot spots")
    parser.add_argument("--profile-file", help="also save cProfile's statistics there")
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
        # One client, as one server process answers many readers; its cookies are dropped
        # before each post, and the form is sent urlencoded, as browsers and the load
        # benchmark (bench/post_comments.lua) send it.
        client = Client(HTTP_ORIGIN="http://testserver")
        url = f"/commentaires/{article.pk}/"
        issued = time.time() - 60
        run_id = os.getpid()

        def post(index):
            client.cookies.clear()
            response = client.post(url, urlencode({
                "timestamp": make_timestamp(article, issued_at=issued),
                "name": f"Lecteur {index}",
                "email": f"profile-{run_id}-{index}@example.com",
                "body": f"Commentaire {run_id}-{index} : une remarque sur le réseau.",
                "website": "",
                "topic": "",
            }), content_type="application/x-www-form-urlencoded")
            if response.status_code != 302:
                raise SystemExit(f"post {index} answered {response.status_code}")

        post(0)  # warm up: imports, first connection
        times, cpu_times = [], []
        server_start = server_cpu_seconds(connection)
        profiler = cProfile.Profile(time.process_time) if options.profile else None
        for index in range(1, options.posts + 1):
            start, cpu_start = time.perf_counter(), time.process_time()
            with CaptureQueriesContext(connection) as queries:
                if profiler:
                    profiler.enable()
                post(index)
                if profiler:
                    profiler.disable()
            times.append(time.perf_counter() - start)
            cpu_times.append(time.process_time() - cpu_start)
        server_end = server_cpu_seconds(connection)
        print(f"{options.posts} posts on {connection.vendor}: median "
              f"{statistics.median(times) * 1000:.1f} ms, of which "
              f"{statistics.median(cpu_times) * 1000:.1f} ms of this process's CPU; "
              f"{len(queries)} queries per post")
        if server_start is not None and server_end is not None:
            print(f"PostgreSQL's CPU: {(server_end - server_start) * 1000 / options.posts:.2f} "
                  f"ms per post (its process's, on average)")
        if options.queries:
            for number, query in enumerate(queries.captured_queries, 1):
                print(f"{number:>3}. {query['sql'][:300]}")
        if profiler:
            if options.profile_file:
                profiler.dump_stats(options.profile_file)
            pstats.Stats(profiler).sort_stats(options.sort).print_stats(25)


if __name__ == "__main__":
    main()
