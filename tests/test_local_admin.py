"""`manage.py ensure_local_admin`: one superuser for local development, its password shown once."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

CREATED = re.compile(
    r"^Admin account: admin / (?P<password>\S+)  \(log in at http://127\.0\.0\.1:8000/admin/\)$",
    re.MULTILINE,
)


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def ensure_local_admin(*args):
    out = StringIO()
    call_command("ensure_local_admin", *args, stdout=out)
    return out.getvalue()


def superusers():
    return get_user_model().objects.filter(is_superuser=True)


def test_creates_one_superuser_and_prints_its_password_the_first_time_only(debug):
    first = ensure_local_admin()

    password = CREATED.search(first)["password"]
    admin = superusers().get()
    assert (admin.username, admin.email, admin.is_staff) == ("admin", "admin@localhost", True)
    assert admin.check_password(password)
    assert len(password) >= 16

    second = ensure_local_admin()

    assert superusers().count() == 1
    assert password not in second and not CREATED.search(second)
    assert "reusing the existing superuser 'admin'" in second


def test_passwords_are_random(debug):
    first = CREATED.search(ensure_local_admin())["password"]
    superusers().delete()
    second = CREATED.search(ensure_local_admin())["password"]

    assert first != second


def test_reuses_any_existing_superuser(debug):
    get_user_model().objects.create_superuser("redaction", "redaction@example.org", "x")

    output = ensure_local_admin()

    assert "reusing the existing superuser 'redaction'" in output
    assert not get_user_model().objects.filter(username="admin").exists()


def test_leaves_a_non_superuser_named_admin_alone(debug):
    get_user_model().objects.create_user("admin", password="kept")

    with pytest.raises(CommandError, match="not a superuser"):
        ensure_local_admin()

    assert not superusers().exists()
    assert get_user_model().objects.get(username="admin").check_password("kept")


def test_refuses_to_run_when_debug_is_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG is off"):
        ensure_local_admin()

    assert not get_user_model().objects.exists()


def test_force_runs_even_when_debug_is_off(settings):
    settings.DEBUG = False

    assert CREATED.search(ensure_local_admin("--force"))
    assert superusers().count() == 1


def test_prints_the_address_make_run_serves(debug):
    said = ensure_local_admin("--login-url", "http://127.0.0.1:8777/admin/")

    assert re.search(r"\(log in at http://127\.0\.0\.1:8777/admin/\)$", said, re.MULTILINE)
    assert "8000" not in said
