"""Newsroom's settings for the benchmark's servers: the production ones, configured by the
same environment variables, plus the reference view (bench/urls.py) and comment rate limits
lifted so that one machine may post for thousands of readers.

Used only by ``bench/run.py`` and ``bench/profile_comment_post.py``; production never reads
this module.
"""

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# Every post of the benchmark comes from one address, many from one e-mail address: limits
# far above what it can send, still counted in the cache on every post, as in production.
COMMENTS_RATE_LIMIT_PER_IP = 100_000_000
COMMENTS_RATE_LIMIT_PER_EMAIL = 100_000_000
