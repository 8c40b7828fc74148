"""The pages of staff sign-in that the admin does not provide itself."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.template.response import TemplateResponse
from django.utils.translation import ngettext

from core.clients import client_ip
from core.ratelimit import RateLimit

from .forms import StaffPasswordResetForm
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
