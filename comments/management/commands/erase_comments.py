from django.core.management.base import BaseCommand, CommandError

from comments.actions import ERASE_MODES, EraseCommenterData


class Command(BaseCommand):
    help = (
        "Erase every comment left with an e-mail address: anonymize them (keep the text, "
        "drop the person) or delete them. The default is COMMENTS_ERASE_MODE."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="The commenter's e-mail address.")
        parser.add_argument("--mode", choices=ERASE_MODES, help="anonymize or delete.")

    def handle(self, *args, email, mode=None, **options):
        try:
            action = EraseCommenterData(email, mode=mode)
        except ValueError as error:
            raise CommandError(f"COMMENTS_ERASE_MODE: {error}") from error
        count = action.execute()
        verb = "deleted" if action.mode == "delete" else "anonymized"
        self.stdout.write(f"{count} comment(s) of {email} {verb}.")
