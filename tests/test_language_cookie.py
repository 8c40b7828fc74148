"""The cookies a reader or a commenter receives are as careful as the session's."""

import json

import pytest

from .test_settings import load_settings

PROBE = """
import json
from newsroom import settings as s
print(json.dumps(
    [s.LANGUAGE_COOKIE_SECURE, s.LANGUAGE_COOKIE_SAMESITE, s.LANGUAGE_COOKIE_HTTPONLY]
))
"""


def test_production_sends_it_over_https_only_and_never_cross_site():
    result = load_settings(SECRET_KEY="x" * 50, probe=PROBE)
    assert json.loads(result.stdout) == [True, "Lax", True]


def test_development_over_plain_http_still_gets_it():
    result = load_settings(DEBUG="1", probe=PROBE)
    assert json.loads(result.stdout) == [False, "Lax", True]


@pytest.mark.django_db
def test_choosing_a_language_sets_a_secure_lax_httponly_cookie(client, settings):
    settings.LANGUAGE_COOKIE_SECURE = True
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    header = cookie.output()
    assert "Secure" in header and "HttpOnly" in header and "SameSite=Lax" in header


COMMENTER_PROBE = """
import json
from newsroom import settings as s
print(json.dumps([s.COMMENTS_KEY_COOKIE_SECURE, s.COMMENTS_KEY_COOKIE_DAYS]))
"""


def test_production_sends_the_trusted_commenter_cookie_over_https_only():
    assert json.loads(load_settings(SECRET_KEY="x" * 50, probe=COMMENTER_PROBE).stdout) == [
        True, 365,
    ]
    assert json.loads(load_settings(DEBUG="1", probe=COMMENTER_PROBE).stdout) == [False, 365]
