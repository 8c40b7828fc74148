"""Newsroom's settings, plus the benchmark's reference view (bench/urls.py).

Used only by ``bench/run.py``'s server: the site is the production one, configured by the
same environment variables.
"""

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
