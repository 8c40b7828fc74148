"""gunicorn settings for Newsroom, shared by `make serve` and the systemd unit.

    gunicorn newsroom.wsgi -c deploy/gunicorn.conf.py

Environment: GUNICORN_BIND (default 127.0.0.1:8000, behind Varnish), WEB_CONCURRENCY
(worker processes; default two per CPU this process may use, plus one) and
FORWARDED_ALLOW_IPS (the proxies trusted to say the scheme; default this machine).
"""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Synchronous workers: a page is CPU work and a few short queries. Two per CPU keep
# the CPUs busy while some workers wait on the database.
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * len(os.sched_getaffinity(0)) + 1)

# Import the project once in the master: a broken setting stops the start instead of
# every worker, and the workers share the loaded code's memory.
preload_app = True

# The master loads the project (and warms it: newsroom/warmup.py) with the garbage collector
# off, then freezes what it holds before each fork, as Python's documentation advises for
# servers that fork: a worker's collections then never visit the loaded project's 130,000
# objects (a full collection took some 60 ms of a request's time, and the benchmark's
# cold article gained a tenth of its throughput), nor write to their pages of memory,
# which stay shared between the workers instead of being copied into each.
gc.disable()


def when_ready(server):
    """The project is loaded: what it holds is kept out of every later collection."""
    gc.freeze()
    gc.enable()


def pre_fork(server, worker):
    # What the master made since (a recycled worker's replacement is forked later) too.
    gc.freeze()


def post_fork(server, worker):
    # Without preload_app the project loads in each worker: collections were still off.
    gc.enable()


# Recycle each worker after a while so that no slow leak grows a process without bound.
max_requests = 5000
max_requests_jitter = 500

timeout = 30
graceful_timeout = 20
keepalive = 5

# Only the proxies on this machine may say which scheme the reader used, unless
# FORWARDED_ALLOW_IPS names Varnish's address on another one.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS") or "127.0.0.1,::1"

# nginx keeps the access log; errors go to stderr (the journal under systemd).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
