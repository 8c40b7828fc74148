"""Changes to staff accounts, as actions (see core/actions.py)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from core.actions import Action

from . import twofactor


class ResetTwoFactor(Action):
    """Forget a staff member's authenticator and recovery codes (a lost phone).

    Only a superuser may (or the server's operator, with no user: the
    ``reset_two_factor`` command). At their next sign-in, the staff member sets up a new
    authenticator if the site requires it of them, or signs in with the password alone.
    """

    label = _("Reset two-factor sign-in")
    success_message = _("Two-factor sign-in of “%(username)s” was reset.")
    log_message = "Reset two-factor sign-in."

    def __init__(self, user, staff_member):
        super().__init__(user)
        self.staff_member = staff_member
        self.removed = 0

    def check(self):
        super().check()
        if self.user is not None and not (self.user.is_active and self.user.is_superuser):
            raise PermissionDenied(_("Only a superuser may reset someone’s two-factor sign-in."))

    def perform(self):
        self.removed = twofactor.remove_devices(self.staff_member)
        return self.removed

    def changed_objects(self):
        return [self.staff_member]

    def affected_objects(self):
        return []  # No page shows it.

    def message_context(self):
        return {"username": self.staff_member.get_username()}
