"""Two-factor sign-in for staff: who must use it, and the devices that prove it.

A staff member proves the second factor with a code from an authenticator app (a TOTP
device of django-otp) or with one of their recovery codes (a static device, each code
good once). Who must: with ``ADMIN_2FA_REQUIRED``, superusers and the members of the roles
``core.roles.TWO_FACTOR_ROLES`` names. Anyone else who turned it on must use it too.
"""

import math
import re

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.ratelimit import RateLimit
from core.roles import TWO_FACTOR_ROLES

AUTHENTICATOR = "authenticator"
RECOVERY_CODES = "recovery codes"
_SPACING = re.compile(r"[\s-]+")


def is_required_for(user):
    """Whether the site obliges ``user`` to sign in with a second factor."""
    if not (settings.ADMIN_2FA_REQUIRED and user.is_authenticated and user.is_staff):
        return False
    return user.is_superuser or user.groups.filter(name__in=TWO_FACTOR_ROLES).exists()


def has_device(user):
    """Whether ``user`` set up an authenticator app (confirmed)."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def is_verified(user):
    """Whether this session passed the second step (django-otp's middleware says)."""
    return bool(getattr(user, "is_verified", None) and user.is_verified())


def needs_verification(user):
    """Whether ``user``, signed in with a password, must still pass the second step."""
    if not (user.is_authenticated and user.is_staff) or is_verified(user):
        return False
    return is_required_for(user) or has_device(user)


def failure_limit():
    """Wrong codes allowed per account in each window, shared by every worker."""
    return RateLimit(
        "two-factor:user",
        settings.ADMIN_2FA_FAILURE_LIMIT,
        settings.ADMIN_2FA_FAILURE_WINDOW_SECONDS,
    )


def normalized(code):
    return _SPACING.sub("", code or "").lower()


def is_authenticator_code(code):
    return len(code) == 6 and code.isdigit()


def _device_kind(code):
    """Six digits are tried on the authenticator only, anything else on the recovery codes
    only, so that a mistyped code never counts against the other device's throttling."""
    return TOTPDevice if is_authenticator_code(normalized(code)) else StaticDevice


def matching_device(user, code):
    """The confirmed device of ``user`` that accepts ``code`` (used up), or None."""
    kind = _device_kind(code)
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if isinstance(device, kind) and device.verify_token(normalized(code)):
                return device
    return None


def devices_for_code(user, code):
    """The confirmed devices of ``user`` that ``code`` would be tried on."""
    kind = _device_kind(code)
    return [device for device in devices_for_user(user, confirmed=True) if isinstance(device, kind)]


def seconds_to_wait(devices):
    """How long django-otp holds ``devices`` back after wrong codes in a row (each failure
    doubles the wait); 0 when one of them may be tried now."""
    waits = []
    for device in devices:
        allowed, details = device.verify_is_allowed()
        if allowed:
            return 0
        locked_until = (details or {}).get("locked_until")
        waits.append((locked_until - timezone.now()).total_seconds() if locked_until else 60)
    return max(1, math.ceil(min(waits))) if waits else 0


def pending_authenticator(user):
    """The authenticator being set up for ``user``: the same secret until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR, confirmed=False)


def confirm_authenticator(user, code):
    """Confirm the pending authenticator with a code it shows; it replaces any earlier one.

    Returns the confirmed device, or None when the code is not right.
    """
    device = pending_authenticator(user)
    if not is_authenticator_code(normalized(code)) or not device.verify_token(normalized(code)):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return device


def new_recovery_codes(user):
    """Replace the recovery codes of ``user`` with new ones; returns them (shown once)."""
    codes = [StaticToken.random_token() for _ in range(settings.ADMIN_2FA_RECOVERY_CODES)]
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_CODES, confirmed=True)
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def remove_devices(user):
    """Forget every device of ``user``; returns how many there were."""
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        count, _ = model.objects.filter(user=user).delete()
        removed += count
    return removed


def secret(device):
    """The device's key in base32, as authenticator apps take it typed, in groups of four."""
    from base64 import b32encode

    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[index : index + 4] for index in range(0, len(key), 4))


def qr_code_svg(device, label):
    """The device's setup address as an inline SVG QR code (no script, no style, no URL)."""
    image = qrcode.make(
        device.config_url,
        image_factory=qrcode.image.svg.SvgPathImage,
        border=4,
    )
    svg = image.to_string(encoding="unicode")
    svg = re.sub(r'\s(width|height)="[^"]*"', "", svg, count=2)
    svg = svg.replace("<svg ", f'<svg role="img" class="qr-code" aria-label="{escape(label)}" ', 1)
    return mark_safe(svg)  # noqa: S308  # nosec B308 B703  # the library's markup, label escaped
