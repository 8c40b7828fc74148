"""A server process does its first request's one-time work when it starts."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, sys
import newsroom.wsgi
from django.db import connections
from django.template import engines
from django.utils import translation
from django.utils.translation import trans_real

environment = engines["jinja2"].env
print(json.dumps({
    "templates": sorted(environment.list_templates()),
    "compiled": sorted(template.name for template in environment.cache.values()),
    "views_imported": "articles.views" in sys.modules and "comments.views" in sys.modules,
    "catalogs": sorted(trans_real._translations),
    "connected": [alias for alias in connections if connections[alias].connection is not None],
}))
"""


def test_the_wsgi_application_starts_warm_without_connecting_to_anything():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "PYTHONPATH": str(ROOT)}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]
    state = json.loads(result.stdout.strip().splitlines()[-1])
    assert len(state["templates"]) > 20
    assert state["compiled"] == state["templates"]
    assert state["views_imported"]
    assert {"fr", "en"} <= set(state["catalogs"])
    # A connection opened before gunicorn forks would be shared by every worker.
    assert state["connected"] == []
