"""Password reset by e-mail for staff, through the pages a person uses."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.test import Client

from core.models import SiteSettings
from core.roles import AUTHORS, EDITORS
from tests.accounts.test_throttling import fail, sign_in, signed_in
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

RESET = "/admin/password_reset/"
NEW_PASSWORD = "Une-phrase-de-passe-neuve-42"


@pytest.fixture
def editor():
    return make_user("edith", EDITORS, email="edith@redaction.test")


def ask_reset(email, client=None, address="203.0.113.10", **headers):
    client = client or Client()
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address, **headers)


def reset_link():
    """The link of the one e-mail sent."""
    assert len(mail.outbox) == 1, [message.subject for message in mail.outbox]
    return re.search(r"https?://\S+/admin/reset/\S+/", mail.outbox[0].body).group(0)


def choose_password(client, link, password=NEW_PASSWORD):
    path = link.split("://", 1)[1].split("/", 1)[1]
    form_page = client.get(f"/{path}", follow=True)
    return client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else f"/{path}",
        {"new_password1": password, "new_password2": password},
    )


def test_the_sign_in_page_offers_the_reset(client):
    html = client.get("/admin/login/").content.decode()

    assert f'href="{RESET}"' in html


def test_the_whole_reset_flow_ends_signed_in_with_the_new_password(editor, site_base_url):
    client = Client()
    form = client.get(RESET)
    assert form.status_code == 200
    assert 'name="email"' in form.content.decode()

    sent = ask_reset("Edith@Redaction.TEST", client)

    assert sent.status_code == 302 and sent.url == "/admin/password_reset/done/"
    assert "envoyé" in client.get(sent.url).content.decode()
    message = mail.outbox[0]
    assert message.to == ["edith@redaction.test"]
    assert "mot de passe" in message.subject.lower()
    assert "edith" in message.body
    link = reset_link()
    assert link.startswith("http://testserver/admin/reset/")

    done = choose_password(client, link)

    assert done.status_code == 302 and done.url == "/admin/reset/done/"
    complete = client.get(done.url).content.decode()
    assert 'href="/admin/login/"' in complete
    assert not signed_in(sign_in("edith", PASSWORD))
    assert signed_in(sign_in("edith", NEW_PASSWORD))


def test_an_unknown_address_gets_the_same_answer_and_no_mail(editor):
    known, unknown = Client(), Client()

    for_known = ask_reset("edith@redaction.test", known, address="192.0.2.1")
    for_unknown = ask_reset("nobody@redaction.test", unknown, address="192.0.2.2")

    assert for_unknown.status_code == for_known.status_code == 302
    assert for_unknown.url == for_known.url
    assert known.get(for_known.url).content == unknown.get(for_unknown.url).content
    assert [message.to for message in mail.outbox] == [["edith@redaction.test"]]


@pytest.mark.parametrize(
    "person",
    [
        {"is_staff": False},
        {"is_active": False},
    ],
    ids=["reader account", "inactive staff"],
)
def test_no_mail_for_an_account_that_may_not_use_the_admin(person):
    make_user("someone", email="someone@redaction.test", **person)

    answer = ask_reset("someone@redaction.test")

    assert answer.status_code == 302
    assert mail.outbox == []


def test_no_mail_for_an_account_without_a_usable_password():
    user = make_user("sso", AUTHORS, email="sso@redaction.test")
    user.set_unusable_password()
    user.save()

    ask_reset("sso@redaction.test")

    assert mail.outbox == []


def test_a_used_link_cannot_be_used_again(editor, site_base_url):
    ask_reset("edith@redaction.test")
    link = reset_link()
    choose_password(Client(), link)

    again = Client().get(link.removeprefix("http://testserver"), follow=True)

    assert "pas valide" in again.content.decode()
    assert 'name="new_password1"' not in again.content.decode()
    assert signed_in(sign_in("edith", NEW_PASSWORD))


def test_an_expired_link_is_refused(editor, site_base_url, settings, monkeypatch):
    settings.PASSWORD_RESET_TIMEOUT = 3600
    ask_reset("edith@redaction.test")
    link = reset_link()
    later = PasswordResetTokenGenerator()._now() + timedelta(minutes=61)
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: later)

    page = Client().get(link.removeprefix("http://testserver"), follow=True)

    assert 'name="new_password1"' not in page.content.decode()
    response = choose_password(Client(), link, "Encore-une-autre-phrase-7")
    assert response.status_code == 200
    assert signed_in(sign_in("edith", PASSWORD))


def test_the_mail_says_how_long_the_link_lasts(editor, settings, english):
    settings.PASSWORD_RESET_TIMEOUT = 45 * 60

    ask_reset("edith@redaction.test")

    assert "for 45 minutes" in mail.outbox[0].body


def test_in_production_the_link_uses_the_base_url_never_the_host_asked(editor, settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["magazine.example", "attacker.example"]
    site_settings = SiteSettings.current()
    site_settings.base_url = "https://magazine.example"
    site_settings.save()

    ask_reset("edith@redaction.test", HTTP_HOST="attacker.example", secure=True)

    link = reset_link()
    assert link.startswith("https://magazine.example/admin/reset/")
    assert "attacker" not in mail.outbox[0].body


def test_without_a_base_url_the_link_uses_the_site_s_domain_not_the_host(editor):
    from django.contrib.sites.models import Site

    Site.objects.filter(pk=1).update(domain="magazine.example")
    SiteSettings.objects.update(base_url="")

    ask_reset("edith@redaction.test", HTTP_HOST="localhost")

    assert reset_link().startswith("https://magazine.example/admin/reset/")


def test_too_many_requests_for_one_address_are_refused_with_a_message(editor, settings):
    settings.PASSWORD_RESET_LIMIT_PER_EMAIL = 3
    for number in range(3):
        assert ask_reset("edith@redaction.test", address=f"192.0.2.{number}").status_code == 302

    refused = ask_reset("EDITH@redaction.test", address="192.0.2.50")

    assert refused.status_code == 429
    assert "Trop de réinitialisations" in refused.content.decode()
    assert int(refused["Retry-After"]) > 0
    assert len(mail.outbox) == 3


def test_the_limit_answers_the_same_for_an_unknown_address(settings):
    settings.PASSWORD_RESET_LIMIT_PER_EMAIL = 1
    ask_reset("nobody@redaction.test")

    assert ask_reset("nobody@redaction.test").status_code == 429


def test_one_network_asking_for_many_addresses_is_refused(editor, settings):
    settings.PASSWORD_RESET_LIMIT_PER_IP = 4
    for number in range(4):
        ask_reset(f"guess{number}@redaction.test")

    assert ask_reset("edith@redaction.test").status_code == 429
    assert mail.outbox == []
    # From elsewhere, the editor still gets the link.
    assert ask_reset("edith@redaction.test", address="198.51.100.7").status_code == 302
    assert len(mail.outbox) == 1


def test_the_limit_message_speaks_english_to_an_english_admin(editor, settings, english):
    settings.PASSWORD_RESET_LIMIT_PER_EMAIL = 1
    ask_reset("edith@redaction.test")

    html = ask_reset("edith@redaction.test").content.decode()

    assert "Too many password resets were asked for this address" in html


def test_a_new_password_lifts_the_sign_in_lock(editor, site_base_url):
    fail(5, "edith")
    assert sign_in("edith", PASSWORD).status_code == 429

    ask_reset("edith@redaction.test", address="198.51.100.8")
    choose_password(Client(), reset_link())

    assert signed_in(sign_in("edith", NEW_PASSWORD, address="198.51.100.9"))


def test_the_mail_speaks_the_language_the_person_chose(editor):
    from accounts.models import Profile

    profile = Profile.objects.for_user(editor)
    profile.language = "en"
    profile.save()

    ask_reset("edith@redaction.test")

    assert mail.outbox[0].subject.endswith("Reset your password")
    assert "The link works once" in mail.outbox[0].body


def test_a_reset_mail_the_server_refused_goes_when_tried_again(
    editor, settings, site_base_url, run_due_tasks
):
    """Like every e-mail task (core/tasks.py ``retried``): a mail server down for a moment
    must not leave the person without their link."""
    from django.utils import timezone
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "tests.comments.fakes.FailingEmailBackend"
    ask_reset(editor.email)
    run_due_tasks()
    queued = DBTaskResult.objects.get()
    assert queued.status == TaskResultStatus.READY
    assert "The mail server is down." in queued.traceback

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    DBTaskResult.objects.update(run_after=timezone.now())
    run_due_tasks()
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL
    response = choose_password(Client(), reset_link())
    assert response.status_code == 302
