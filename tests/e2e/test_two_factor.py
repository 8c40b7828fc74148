"""Two-factor sign-in in the browser: an editor sets up an authenticator app when the site
requires it, then signs in with a code from it."""

import re
import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.factories import PASSWORD

from .conftest import assert_no_violations, serious_axe_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def app_code(device, steps_ahead=0):
    """What the editor's authenticator app shows (a code is good once: the next period's
    code is accepted too)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def type_password(page, user, next_url):
    page.goto(f"/admin/login/?next={next_url}")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#login-form [type=submit]").click()


def test_an_editor_sets_up_the_app_then_signs_in_with_a_code(
    settings, editor, watched_page, new_context, screenshot
):
    settings.ADMIN_2FA_REQUIRED = True
    page = watched_page

    # The password is not enough: the admin asks to set up an authenticator first.
    type_password(page, editor, "/admin/articles/article/")
    page.wait_for_url(re.compile(r"/admin/two-factor/setup/"))
    qr_code = page.get_by_role("img", name=re.compile("Code QR à scanner"))
    expect(qr_code).to_be_visible()
    box = qr_code.bounding_box()
    assert box["width"] >= 150 and box["height"] >= 150
    expect(page.locator(".two-factor-secret")).to_have_text(re.compile(r"^[A-Z2-7 ]{32,}$"))
    screenshot(page, "two-factor-setup")
    assert_no_violations(page)
    assert serious_axe_violations(page) == []
    page.violations()  # what axe's own styles met: not the page's
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    page.get_by_role("textbox", name="Code").fill(app_code(device))
    page.get_by_role("button", name="Confirmer").click()

    # The recovery codes, shown once, then on to the page asked for.
    expect(page.get_by_role("heading", name="Vos codes de secours")).to_be_visible()
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    screenshot(page, "two-factor-recovery-codes")
    page.get_by_role("link", name="Je les ai conservés : continuer").click()
    page.wait_for_url("**/admin/articles/article/")
    expect(page.get_by_role("link", name="Connexion à deux facteurs")).to_be_visible()
    assert_no_violations(page)

    # Another day, another browser: password, then the code of the app.
    device.refresh_from_db()
    other = new_context(color_scheme="dark").new_page()
    type_password(other, editor, "/admin/")
    other.wait_for_url(re.compile(r"/admin/two-factor/verify/"))
    expect(other.get_by_role("heading", name="Connexion à deux facteurs")).to_be_visible()
    code_box = other.get_by_role("textbox", name="Code")
    code_box.fill("000000" if app_code(device, 1) != "000000" else "111111")
    other.get_by_role("button", name="Vérifier").click()
    expect(other.locator(".errorlist")).to_contain_text("Ce code n’est pas le bon")
    screenshot(other, "two-factor-verify-wrong-code-dark")
    assert serious_axe_violations(other) == []
    # After a wrong code the next one waits a second (django-otp): a person is slower.
    other.wait_for_timeout(1100)
    code_box.fill(app_code(device, 1))
    other.get_by_role("button", name="Vérifier").click()
    other.wait_for_url("**/admin/")
    expect(other.locator("#site-name")).to_be_visible()
    expect(other.get_by_role("link", name="Connexion à deux facteurs")).to_be_visible()
    screenshot(other, "two-factor-signed-in")
