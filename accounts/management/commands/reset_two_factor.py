from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.actions import ResetTwoFactor


class Command(BaseCommand):
    help = (
        "Forget a staff member's authenticator and recovery codes (a lost phone); "
        "they set up a new one at their next sign-in."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        user = get_user_model().objects.filter(**{get_user_model().USERNAME_FIELD: username})
        staff_member = user.first()
        if staff_member is None:
            raise CommandError(f"No account is named {username!r}.")
        removed = ResetTwoFactor(None, staff_member).execute()
        self.stdout.write(f"Two-factor sign-in of {username!r} reset ({removed} removed).")
