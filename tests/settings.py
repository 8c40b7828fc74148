"""Settings for the test suite: the project's own, with development defaults and fast hashing.

DATABASE_URL is honoured, so the same suite runs on SQLite and on PostgreSQL.
"""

import os
import tempfile

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")

from newsroom.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="newsroom-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="newsroom-test-static-")
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
SECURE_SSL_REDIRECT = False
PAGE_CACHE_ENABLED = False  # tests that need it turn it on
# Staff sign in with a password alone, unless a test asks for the second step.
ADMIN_2FA_REQUIRED = False
