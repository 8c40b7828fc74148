from django.core.management.base import BaseCommand, CommandError

from comments.privacy import ERASE_MODES, erase_comments, resolve_mode


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
            mode = resolve_mode(mode)
        except ValueError as error:
            raise CommandError(f"COMMENTS_ERASE_MODE: {error}") from error
        count = erase_comments(email, mode)
        verb = "deleted" if mode == "delete" else "anonymized"
        self.stdout.write(f"{count} comment(s) of {email} {verb}.")
