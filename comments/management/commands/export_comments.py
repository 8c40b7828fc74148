import json

from django.core.management.base import BaseCommand

from comments.privacy import export_comments


class Command(BaseCommand):
    help = (
        "Export, as JSON, every comment left with an e-mail address "
        "and everything stored about it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="The commenter's e-mail address.")
        parser.add_argument(
            "--output", "-o", help="Write to this file instead of the standard output."
        )

    def handle(self, *args, email, output=None, **options):
        data = json.dumps(export_comments(email), ensure_ascii=False, indent=2)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(data + "\n")
            count = len(json.loads(data)["comments"])
            self.stderr.write(f"{count} comment(s) of {email} written to {output}.")
        else:
            self.stdout.write(data)
