"""Two-factor sign-in for staff, through the pages a person uses."""

import re
import time
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import twofactor
from accounts.middleware import OPEN_BEFORE_SECOND_STEP
from articles.models import Article
from core.roles import AUTHORS, EDITORS, MODERATORS
from tests.factories import PASSWORD, make_article, make_user
from tests.urlconf import routes

pytestmark = pytest.mark.django_db

VERIFY = "/admin/two-factor/verify/"
SETUP = "/admin/two-factor/setup/"
MANAGE = "/admin/two-factor/"


@pytest.fixture
def required(settings):
    settings.ADMIN_2FA_REQUIRED = True


@pytest.fixture(autouse=True)
def _no_device_throttling_unless_asked(settings):
    """django-otp makes a device wait after a wrong code (1 s, then 2, 4…): the tests type
    the right code at once, so that wait is off unless a test looks at it."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    settings.ADMIN_2FA_FAILURE_LIMIT = 5


def code_for(device, steps_ahead=0):
    """The code the staff member's app shows now (or ``steps_ahead`` periods later: a code
    is good once, and the next period's is accepted too)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def with_authenticator(user):
    """Give ``user`` a confirmed authenticator and recovery codes, as the setup page does."""
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    codes = twofactor.new_recovery_codes(user)
    return device, codes


def signed_in_with_password(user, address="203.0.113.10"):
    client = Client()
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": user.username, "password": PASSWORD, "next": "/admin/"},
        REMOTE_ADDR=address,
    )
    assert response.status_code == 302, response.status_code
    return client


def send_code(client, code, next_url="/admin/"):
    return client.post(VERIFY, {"code": code, "next": next_url})


def staff(username, group=None, **extra):
    return make_user(username, group, email=f"{username}@redaction.test", **extra)


@pytest.fixture
def editor():
    return staff("edith", EDITORS)


@pytest.fixture
def author():
    return staff("albert", AUTHORS)


# Who must ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "setting", "first_page"),
    [
        ("editor", True, SETUP),
        ("superuser", True, SETUP),
        ("author", True, None),
        ("moderator", True, None),
        ("editor", False, None),
        ("superuser", False, None),
    ],
)
def test_who_must_set_up_two_factor_sign_in(settings, who, setting, first_page):
    settings.ADMIN_2FA_REQUIRED = setting
    user = {
        "editor": lambda: staff("edith", EDITORS),
        "author": lambda: staff("albert", AUTHORS),
        "moderator": lambda: staff("marc", MODERATORS),
        "superuser": lambda: staff("root", is_superuser=True),
    }[who]()

    response = signed_in_with_password(user).get("/admin/")

    if first_page is None:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response.url == f"{first_page}?next=%2Fadmin%2F"


@pytest.mark.parametrize("setting", [True, False])
def test_staff_who_turned_it_on_must_use_it_whatever_the_setting(settings, author, setting):
    settings.ADMIN_2FA_REQUIRED = setting
    with_authenticator(author)

    response = signed_in_with_password(author).get("/admin/articles/article/")

    assert response.status_code == 302
    assert response.url == f"{VERIFY}?next=%2Fadmin%2Farticles%2Farticle%2F"


# The second step --------------------------------------------------------------------------


def test_a_code_from_the_app_opens_the_admin_at_the_page_asked(required, editor):
    device, _codes = with_authenticator(editor)
    client = signed_in_with_password(editor)
    page = client.get(client.get("/admin/articles/article/").url)
    html = page.content.decode()
    assert page.status_code == 200
    assert 'autocomplete="one-time-code"' in html
    assert "edith" in html

    response = send_code(client, code_for(device), next_url="/admin/articles/article/")

    assert response.status_code == 302 and response.url == "/admin/articles/article/"
    assert client.get("/admin/articles/article/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_refused_and_the_admin_stays_closed(required, editor):
    device, _codes = with_authenticator(editor)
    client = signed_in_with_password(editor)

    wrong = send_code(client, "000000" if code_for(device) != "000000" else "111111")

    assert wrong.status_code == 200
    assert "Ce code n’est pas le bon" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302
    assert send_code(client, code_for(device)).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_code_is_good_once(required, editor):
    device, _codes = with_authenticator(editor)
    code = code_for(device)
    assert send_code(signed_in_with_password(editor), code).status_code == 302

    replayed = send_code(signed_in_with_password(editor, address="198.51.100.2"), code)

    assert replayed.status_code == 200


def test_a_recovery_code_signs_in_once(required, editor):
    _device, codes = with_authenticator(editor)
    client = signed_in_with_password(editor)

    response = send_code(client, codes[0].upper()[:4] + " " + codes[0][4:])

    assert response.status_code == 302
    page = client.get("/admin/").content.decode()
    assert "code de secours" in page and "9" in page
    assert StaticToken.objects.filter(device__user=editor).count() == len(codes) - 1
    again = send_code(signed_in_with_password(editor, address="198.51.100.3"), codes[0])
    assert again.status_code == 200
    assert "Ce code n’est pas le bon" in again.content.decode()


def test_wrong_codes_are_limited_per_account_with_a_message(required, editor, settings):
    settings.ADMIN_2FA_FAILURE_LIMIT = 3
    device, _codes = with_authenticator(editor)
    client = signed_in_with_password(editor)
    for _ in range(3):
        assert send_code(client, "zzzzzzzz").status_code == 200

    refused = send_code(client, code_for(device))

    assert refused.status_code == 429
    assert "Trop de codes erronés" in refused.content.decode()
    # Another session of the same account is no way around it.
    other = signed_in_with_password(editor, address="198.51.100.4")
    assert send_code(other, code_for(device, 1)).status_code == 429
    assert client.get("/admin/").status_code == 302


def test_django_otp_also_slows_down_wrong_codes_in_a_row(required, editor, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    device, _codes = with_authenticator(editor)
    client = signed_in_with_password(editor)
    send_code(client, "000000" if code_for(device) != "000000" else "111111")

    refused = send_code(client, code_for(device))

    assert refused.status_code == 429
    assert re.search(r"attendez (59|60) secondes", refused.content.decode())


def test_the_password_step_keeps_its_throttling(required, editor):
    from tests.accounts.test_throttling import fail, sign_in

    with_authenticator(editor)
    fail(5, "edith")

    assert sign_in("edith", PASSWORD).status_code == 429


def test_every_admin_address_waits_for_the_second_step(required, editor, world_objects):
    with_authenticator(editor)
    client = signed_in_with_password(editor)
    checked = []

    for route in routes():
        if not route.template.startswith("admin/") or route.name in OPEN_BEFORE_SECOND_STEP:
            continue
        values = {name: route.choices.get(name, [world_objects.get(name, "1")])[0]
                  for name in route.arguments}
        path = route.fill(**values)
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            assert response.status_code == 302, (method, path, response.status_code)
            assert response.url.startswith(VERIFY), (method, path, response.url)
        checked.append(path)

    article = world_objects["article"]
    content_type = ContentType.objects.get_for_model(Article).pk
    assert f"/admin/r/{content_type}/{article.pk}/" in checked or any(
        path.startswith("/admin/r/") for path in checked
    )
    assert f"{MANAGE}" in checked
    assert len(checked) > 100


@pytest.fixture
def world_objects(db):
    article = make_article("Un brouillon", status=Article.Status.DRAFT)
    return {
        "article": article,
        "object_id": str(article.pk),
        "content_type_id": str(ContentType.objects.get_for_model(Article).pk),
    }


def test_on_the_reader_site_a_half_signed_in_editor_is_nobody(required, editor):
    with_authenticator(editor)
    client = signed_in_with_password(editor)

    page = client.get("/").content.decode()
    assert client.get("/admin/").status_code == 302
    assert "edith" not in page


# Setting it up ----------------------------------------------------------------------------


def test_an_editor_sets_up_the_app_confirms_it_and_gets_recovery_codes_once(required, editor):
    client = signed_in_with_password(editor)
    setup_url = client.get("/admin/articles/article/").url
    page = client.get(setup_url)
    html = page.content.decode()
    assert page.status_code == 200
    assert re.search(r'<svg role="img" class="qr-code" aria-label="[^"]+"', html)
    secret = re.search(r'<code class="two-factor-secret">([A-Z2-7 ]+)</code>', html).group(1)
    device = TOTPDevice.objects.get(user=editor)
    assert not device.confirmed
    assert secret.replace(" ", "") in device.config_url
    # The same secret when the page is opened again, until it is confirmed.
    assert secret in client.get(setup_url).content.decode()

    wrong = client.post(SETUP, {"code": "12345", "next": "/admin/articles/article/"})
    assert wrong.status_code == 200
    assert client.get("/admin/").status_code == 302

    shown = client.post(SETUP, {"code": code_for(device), "next": "/admin/articles/article/"})

    assert shown.status_code == 200
    assert "no-store" in shown["Cache-Control"]
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", shown.content.decode())
    assert len(codes) == 10
    assert 'href="/admin/articles/article/"' in shown.content.decode()
    assert client.get("/admin/articles/article/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    # Only once: the page of the account no longer shows them.
    assert codes[0] not in client.get(MANAGE).content.decode()
    # They work, as the app does, at the next sign-in.
    assert send_code(signed_in_with_password(editor, "198.51.100.5"), codes[3]).status_code == 302
    next_session = signed_in_with_password(editor, "198.51.100.6")
    assert send_code(next_session, code_for(device, 1)).status_code == 302


def test_the_setup_page_follows_the_content_security_policy(required, editor):
    client = signed_in_with_password(editor)

    page = client.get(SETUP)

    html = page.content.decode()
    policy = page["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    start = html.index('<svg role="img"')
    svg = html[start : html.index("</svg>", start)]
    assert "style=" not in svg and "<script" not in svg and "href" not in svg
    inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    nonce = re.search(r"'nonce-([^']+)'", policy)
    assert all(nonce and f'nonce="{nonce.group(1)}"' in tag for tag in inline_scripts)


def test_a_staff_member_with_a_device_cannot_set_up_another_before_the_code(required, editor):
    with_authenticator(editor)
    client = signed_in_with_password(editor)

    response = client.get(SETUP)

    assert response.status_code == 302 and response.url.startswith(VERIFY)


def test_an_author_turns_it_on_from_the_user_tools_then_off(author):
    client = signed_in_with_password(author)
    index = client.get("/admin/").content.decode()
    assert f'href="{MANAGE}"' in index
    assert "désactivée" in client.get(MANAGE).content.decode()
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=author)
    client.post(SETUP, {"code": code_for(device)})
    assert "activée" in client.get(MANAGE).content.decode()
    # Now the code is asked at every sign-in.
    assert signed_in_with_password(author, "198.51.100.7").get("/admin/").status_code == 302

    off = client.post("/admin/two-factor/turn-off/")

    assert off.status_code == 302
    assert not TOTPDevice.objects.filter(user=author).exists()
    assert signed_in_with_password(author, "198.51.100.8").get("/admin/").status_code == 200


def test_an_editor_who_must_use_it_cannot_turn_it_off(required, editor):
    device, _codes = with_authenticator(editor)
    client = signed_in_with_password(editor)
    send_code(client, code_for(device))

    assert client.post("/admin/two-factor/turn-off/").status_code == 403
    assert TOTPDevice.objects.filter(user=editor).exists()


def test_new_recovery_codes_replace_the_old_ones(required, editor):
    device, old_codes = with_authenticator(editor)
    client = signed_in_with_password(editor)
    send_code(client, code_for(device))

    page = client.post("/admin/two-factor/recovery-codes/")

    new_codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page.content.decode())
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    old_code_session = signed_in_with_password(editor, "198.51.100.9")
    assert send_code(old_code_session, old_codes[0]).status_code == 200


def test_the_pages_speak_english_to_an_english_admin(required, editor, english):
    client = signed_in_with_password(editor)

    html = client.get(SETUP).content.decode()

    assert "Your account must use two-factor sign-in" in html
    assert "Two-factor sign-in" in html


# A lost phone ------------------------------------------------------------------------------


@pytest.fixture
def verified_superuser_client(settings):
    root = staff("root", is_superuser=True)
    device, _codes = with_authenticator(root)
    client = signed_in_with_password(root, address="192.0.2.100")
    assert send_code(client, code_for(device)).status_code == 302
    return client


def test_a_superuser_resets_a_lost_device_from_the_users_list(
    required, editor, verified_superuser_client
):
    with_authenticator(editor)
    changelist = "/admin/auth/user/"
    listing = verified_superuser_client.get(changelist).content.decode()
    assert "reset_two_factor" in listing

    response = verified_superuser_client.post(
        changelist, {"action": "reset_two_factor", "_selected_action": [editor.pk]}, follow=True
    )

    assert "réinitialisée" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert not StaticDevice.objects.filter(user=editor).exists()
    # At the next sign-in the editor sets up a new authenticator.
    assert signed_in_with_password(editor).get("/admin/").url.startswith(SETUP)


def test_an_editor_may_not_reset_anyone(editor, author):
    with_authenticator(author)
    client = signed_in_with_password(editor)
    assert "reset_two_factor" not in client.get("/admin/auth/user/").content.decode()

    client.post(
        "/admin/auth/user/", {"action": "reset_two_factor", "_selected_action": [author.pk]}
    )

    assert TOTPDevice.objects.filter(user=author).exists()


def test_the_action_refuses_anyone_but_a_superuser(editor, author):
    from django.core.exceptions import PermissionDenied

    from accounts.actions import ResetTwoFactor

    with_authenticator(author)

    with pytest.raises(PermissionDenied):
        ResetTwoFactor(editor, author).execute()
    assert TOTPDevice.objects.filter(user=author).exists()


def test_the_server_command_resets_a_device(required, editor):
    with_authenticator(editor)
    out = StringIO()

    call_command("reset_two_factor", "edith", stdout=out)

    assert "edith" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=editor).exists()


def test_django_otp_s_own_admin_pages_are_not_there(verified_superuser_client):
    for path in ["/admin/otp_totp/totpdevice/", "/admin/otp_static/staticdevice/"]:
        assert verified_superuser_client.get(path).status_code == 404
