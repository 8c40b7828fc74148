"""The guard of the admin: a session that owes its second factor reaches no admin page."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import resolve_url
from django.utils.functional import SimpleLazyObject

from . import twofactor
from .views import redirect_to_second_step

#: What a staff member between the password and the second step may still open.
OPEN_BEFORE_SECOND_STEP = frozenset(
    {
        "two_factor_verify",
        "two_factor_setup",
        "admin:login",
        "admin:logout",
        "admin_password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
    }
)


class TwoFactorMiddleware:
    """Send a staff member who owes the second step to it, from any admin address.

    Any: the admin's pages, its shortcut (``/admin/r/``), history and compare pages, and
    whatever is added under the admin later, since this looks at the address, not at the
    views. On the reader site, such a half signed-in session counts as nobody (no preview
    of drafts). Must come after django-otp's ``OTPMiddleware``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Without a session nobody is signed in; not reading it keeps readers' pages
        # free of "Vary: Cookie", so that caches may share them.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_BEFORE_SECOND_STEP:
            return None
        if request.path_info.startswith(resolve_url("admin:index")):
            if twofactor.needs_verification(request.user):
                return redirect_to_second_step(request)
            return None
        # Elsewhere, only if the page asks who is there: a page that does not (a 404) reads
        # no session.
        user = request.user
        request.user = SimpleLazyObject(
            lambda: AnonymousUser() if twofactor.needs_verification(user) else user
        )
        return None
