"""Failed sign-ins to the admin: locked per account and per address, and unlocked."""

from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from core.roles import EDITORS
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


def sign_in(username, password, address="203.0.113.10", client=None, **headers):
    client = client or Client()
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **headers,
    )


def signed_in(response):
    return response.status_code == 302 and response.url == "/admin/"


def fail(times, username, address="203.0.113.10", **headers):
    for _ in range(times):
        response = sign_in(username, "wrong password", address, **headers)
        # The login form again with its error; the failure that reaches the limit locks.
        assert response.status_code in (200, 429)


@pytest.fixture
def editor():
    return make_user("edith", EDITORS, email="edith@redaction.test")


def test_four_failures_leave_the_account_open(editor):
    for _ in range(4):
        assert sign_in("edith", "wrong password").status_code == 200

    assert signed_in(sign_in("edith", PASSWORD))


def test_the_fifth_failure_locks_the_account_even_against_the_right_password(editor):
    fail(4, "edith")

    locked = sign_in("edith", "wrong password")

    assert locked.status_code == 429
    assert not signed_in(sign_in("edith", PASSWORD))
    assert sign_in("edith", PASSWORD).status_code == 429


def test_the_lockout_page_says_why_how_long_and_what_to_do(editor):
    fail(5, "edith")

    page = sign_in("edith", PASSWORD)

    html = page.content.decode()
    assert page.status_code == 429
    assert page["Content-Type"].startswith("text/html")
    assert "Trop de tentatives de connexion ont échoué" in html
    assert "30 minutes" in html
    assert "<title>" in html and "Newsroom" in html


def test_the_lockout_page_speaks_english_to_an_english_admin(editor, english):
    fail(5, "edith")

    html = sign_in("edith", PASSWORD).content.decode()

    assert "signing in is blocked for 30 minutes" in html


def test_a_distributed_attack_on_one_account_locks_it_from_every_address(editor):
    for number in range(5):
        fail(1, "edith", address=f"198.51.100.{number}")

    assert sign_in("edith", PASSWORD, address="192.0.2.200").status_code == 429


def test_one_address_trying_many_accounts_is_locked_for_all_of_them(editor):
    for name in ("alice", "bob", "carol", "dave", "erin"):
        fail(1, name)

    assert sign_in("edith", PASSWORD).status_code == 429
    # Elsewhere, the editor still signs in: the account itself was never the target.
    assert signed_in(sign_in("edith", PASSWORD, address="192.0.2.200"))


def test_behind_a_proxy_the_client_cannot_escape_by_writing_its_own_forwarded_for(
    editor, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    for number in range(5):
        fail(
            1,
            f"guess{number}",
            address="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"1.1.1.{number}, 198.51.100.66",
        )

    from_attacker = sign_in(
        "edith", PASSWORD, address="10.0.0.1", HTTP_X_FORWARDED_FOR="9.9.9.9, 198.51.100.66"
    )
    from_colleague = sign_in(
        "edith", PASSWORD, address="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.77"
    )

    assert from_attacker.status_code == 429
    assert signed_in(from_colleague)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.66"}


def test_a_successful_sign_in_forgets_the_account_s_earlier_failures(editor):
    fail(4, "edith")
    assert signed_in(sign_in("edith", PASSWORD))

    fail(4, "edith", address="203.0.113.99")

    assert signed_in(sign_in("edith", PASSWORD))


def test_the_lock_expires_after_the_cool_off(editor):
    fail(5, "edith")
    assert sign_in("edith", PASSWORD).status_code == 429

    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time
                                 - timedelta(minutes=31))

    assert signed_in(sign_in("edith", PASSWORD))


def test_trying_again_while_locked_does_not_prolong_the_lock(editor):
    fail(5, "edith")
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time
                                 - timedelta(minutes=29))
    assert sign_in("edith", "wrong password").status_code == 429

    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time
                                 - timedelta(minutes=2))

    assert signed_in(sign_in("edith", PASSWORD))


def test_the_failure_limit_and_cool_off_follow_the_settings(editor, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = timedelta(minutes=5)
    fail(1, "edith")

    locked = sign_in("edith", "wrong password")

    assert locked.status_code == 429
    assert "5 minutes" in locked.content.decode()


def test_the_reset_command_unlocks_an_account(editor):
    fail(5, "edith")

    call_command("axes_reset_username", "edith", stdout=StringIO())

    assert signed_in(sign_in("edith", PASSWORD))


def test_a_superuser_unlocks_an_account_in_the_admin(editor, superuser_client):
    fail(5, "edith")
    attempt = AccessAttempt.objects.get(username="edith")
    changelist = reverse("admin:axes_accessattempt_changelist")
    assert "edith" in superuser_client.get(changelist).content.decode()

    superuser_client.post(
        changelist, {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"}
    )

    assert signed_in(sign_in("edith", PASSWORD))


def test_an_editor_cannot_see_or_clear_the_failures(editor):
    fail(5, "edith", address="192.0.2.1")
    client = Client()
    client.force_login(editor)

    response = client.get(reverse("admin:axes_accessattempt_changelist"))

    assert response.status_code == 403


def test_signing_in_in_tests_with_force_login_is_not_throttled(editor, client):
    fail(5, "edith")

    client.force_login(editor)

    assert client.get("/admin/").status_code == 200
