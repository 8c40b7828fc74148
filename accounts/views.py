"""The pages of staff sign-in that the admin does not provide itself."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, resolve_url
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView, View
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from core.clients import client_ip
from core.ratelimit import RateLimit

from . import twofactor
from .forms import SecondStepForm, StaffPasswordResetForm
from .throttling import clear_failures, cool_off_minutes


def locked_out(request, original_response=None, credentials=None):
    """What a client gets instead of the admin once too many sign-ins failed (axes calls it).

    429, the admin's look, the time to wait and the way out: reset the password, which
    lifts the lock, or wait. The page does not say whether the username exists.
    """
    context = {
        **admin.site.each_context(request),
        "title": admin.site.site_title,
        "cool_off_minutes": cool_off_minutes(),
    }
    response = TemplateResponse(request, "accounts/locked_out.html", context, status=429)
    return response.render()


class AdminPageMixin:
    """A page in the admin's look: its header, title and links."""

    def get_context_data(self, **kwargs):
        return {**admin.site.each_context(self.request), **super().get_context_data(**kwargs)}


def password_reset_limits():
    window = settings.PASSWORD_RESET_LIMIT_WINDOW_SECONDS
    return (
        RateLimit("password-reset:email", settings.PASSWORD_RESET_LIMIT_PER_EMAIL, window),
        RateLimit("password-reset:ip", settings.PASSWORD_RESET_LIMIT_PER_IP, window),
    )


class PasswordResetView(AdminPageMixin, auth_views.PasswordResetView):
    """Ask for a reset link by e-mail: staff only, limited per address and per network.

    The answer is the same page whether the address is known or not; only too many
    requests get another one (429), and it says so for any address.
    """

    form_class = StaffPasswordResetForm

    def form_valid(self, form):
        by_email, by_ip = password_reset_limits()
        email = form.cleaned_data["email"].strip().lower()
        # Both are counted, whichever is already over its limit.
        allowed = [by_email.hit(email), by_ip.hit(client_ip(self.request))]
        if all(allowed):
            return super().form_valid(form)
        minutes = max(1, round(by_email.seconds_left() / 60))
        form.add_error(
            "email",
            ngettext(
                "Too many password resets were asked for this address or from your network. "
                "Try again in %(minutes)d minute.",
                "Too many password resets were asked for this address or from your network. "
                "Try again in %(minutes)d minutes.",
                minutes,
            )
            % {"minutes": minutes},
        )
        response = self.form_invalid(form)
        response.status_code = 429
        response["Retry-After"] = str(by_email.seconds_left())
        return response


class PasswordResetDoneView(AdminPageMixin, auth_views.PasswordResetDoneView):
    pass


class PasswordResetConfirmView(AdminPageMixin, auth_views.PasswordResetConfirmView):
    """Choose the new password; it also lifts a sign-in lock on the account."""

    def form_valid(self, form):
        response = super().form_valid(form)
        clear_failures(form.user.get_username())
        return response


class PasswordResetCompleteView(AdminPageMixin, auth_views.PasswordResetCompleteView):
    pass


# Two-factor sign-in ------------------------------------------------------------------


def next_url(request):
    """Where to go after the second step: the page asked for, if it is one of the site's."""
    wanted = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return resolve_url("admin:index")


def with_next(url_name, target):
    """The address of ``url_name``, then ``target`` once done."""
    return f"{reverse(url_name)}?{urlencode({REDIRECT_FIELD_NAME: target})}"


def redirect_to_second_step(request):
    """To the code, or to setting up an authenticator for who must and has none."""
    wanted = request.get_full_path() if request.method == "GET" else resolve_url("admin:index")
    step = "two_factor_verify" if twofactor.has_device(request.user) else "two_factor_setup"
    return redirect(with_next(step, wanted))


def too_many_wrong_codes_message():
    minutes = max(1, round(twofactor.failure_limit().seconds_left() / 60))
    return ngettext(
        "Too many wrong codes were typed for this account. Try again in %(minutes)d minute.",
        "Too many wrong codes were typed for this account. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


class CodeFormMixin(AdminPageMixin):
    """A page with the code form, whose wrong codes are counted per account."""

    form_class = SecondStepForm

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "next": next_url(self.request),
            "redirect_field_name": REDIRECT_FIELD_NAME,
        }

    def check_code(self, form, accept, devices):
        """Try the code with ``accept(code)``, which returns the device that took it or None.

        Returns ``(device, None)``, or ``(None, the form again with why)``: a wrong code
        (counted), too many of them for the account, or ``devices`` (those the code is for)
        still held back after the last wrong ones.
        """
        limit = twofactor.failure_limit()
        user = self.request.user
        code = form.cleaned_data["code"]
        if limit.exceeded(user.pk):
            return None, self.refuse(form, too_many_wrong_codes_message(), status=429)
        seconds = twofactor.seconds_to_wait(devices(code))
        if seconds:
            message = ngettext(
                "Wrong codes in a row: wait %(seconds)d second before typing the next one.",
                "Wrong codes in a row: wait %(seconds)d seconds before typing the next one.",
                seconds,
            ) % {"seconds": seconds}
            return None, self.refuse(form, message, status=429)
        device = accept(code)
        if device is None:
            limit.hit(user.pk)
            return None, self.refuse(
                form, _("This code is not right. Check it and type it again.")
            )
        # The session is worth more now: give it a new key, then record the device.
        self.request.session.cycle_key()
        otp_login(self.request, device)
        return device, None

    def refuse(self, form, message, status=200):
        form.add_error("code", message)
        response = self.form_invalid(form)
        response.status_code = status
        return response


class VerifyView(CodeFormMixin, FormView):
    """The second step of signing in: a code from the app, or a recovery code."""

    template_name = "accounts/two_factor/verify.html"

    def dispatch(self, request, *args, **kwargs):
        if not twofactor.needs_verification(request.user):
            return HttpResponseRedirect(next_url(request))
        if not twofactor.has_device(request.user):
            return redirect(with_next("two_factor_setup", next_url(request)))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "title": _("Two-factor sign-in")}

    def form_valid(self, form):
        user = self.request.user
        device, refusal = self.check_code(
            form,
            lambda code: twofactor.matching_device(user, code),
            lambda code: twofactor.devices_for_code(user, code),
        )
        if refusal is not None:
            return refusal
        if not isinstance(device, StaticDevice):
            return HttpResponseRedirect(next_url(self.request))
        left = twofactor.recovery_codes_left(self.request.user)
        messages.warning(
            self.request,
            ngettext(
                "You signed in with a recovery code: %(count)d is left. "
                "Make new ones on the two-factor sign-in page.",
                "You signed in with a recovery code: %(count)d are left. "
                "Make new ones on the two-factor sign-in page.",
                left,
            )
            % {"count": left},
        )
        return HttpResponseRedirect(next_url(self.request))


class SetupView(CodeFormMixin, FormView):
    """Set up an authenticator app: its secret and QR code, then a code it shows.

    Once confirmed, the session counts as verified and new recovery codes are shown, once.
    """

    template_name = "accounts/two_factor/setup.html"

    def dispatch(self, request, *args, **kwargs):
        if twofactor.has_device(request.user) and not twofactor.is_verified(request.user):
            return redirect(with_next("two_factor_verify", next_url(request)))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        device = twofactor.pending_authenticator(self.request.user)
        return {
            **super().get_context_data(**kwargs),
            "title": _("Set up two-factor sign-in"),
            "required": twofactor.is_required_for(self.request.user),
            "replacing": twofactor.has_device(self.request.user),
            "secret": twofactor.secret(device),
            "qr_code": twofactor.qr_code_svg(
                device, _("QR code to scan with an authenticator app")
            ),
        }

    def form_valid(self, form):
        user = self.request.user
        _device, refusal = self.check_code(
            form,
            lambda code: twofactor.confirm_authenticator(user, code),
            lambda code: [twofactor.pending_authenticator(user)],
        )
        if refusal is not None:
            return refusal
        return recovery_codes_page(self.request, twofactor.new_recovery_codes(user), first=True)


def recovery_codes_page(request, codes, first=False):
    context = {
        **admin.site.each_context(request),
        "title": _("Your recovery codes"),
        "codes": codes,
        "first": first,
        "next": next_url(request),
    }
    # Shown once; never kept by a browser or a proxy either (staff pages are never_cache).
    return TemplateResponse(request, "accounts/two_factor/recovery_codes.html", context)


class ManageView(AdminPageMixin, TemplateView):
    """The staff member's own two-factor sign-in: on or off, recovery codes, a new app."""

    template_name = "accounts/two_factor/manage.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return {
            **super().get_context_data(**kwargs),
            "title": _("Two-factor sign-in"),
            "enabled": twofactor.has_device(user),
            "required": twofactor.is_required_for(user),
            "codes_left": twofactor.recovery_codes_left(user),
        }


class NewRecoveryCodesView(View):
    """New recovery codes, the earlier ones forgotten (POST, from a verified session)."""

    http_method_names = ["post"]

    def post(self, request):
        if not (twofactor.has_device(request.user) and twofactor.is_verified(request.user)):
            return redirect("two_factor")
        return recovery_codes_page(request, twofactor.new_recovery_codes(request.user))


class TurnOffView(View):
    """Turn two-factor sign-in off, for staff the site does not oblige to use it (POST)."""

    http_method_names = ["post"]

    def post(self, request):
        if twofactor.is_required_for(request.user):
            raise PermissionDenied(_("Two-factor sign-in is required for your account."))
        if twofactor.has_device(request.user) and twofactor.is_verified(request.user):
            twofactor.remove_devices(request.user)
            messages.success(request, _("Two-factor sign-in is off for your account."))
        return redirect("two_factor")
