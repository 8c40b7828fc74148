from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from comments.models import CommenterKey, UsedFormToken
from comments.privacy import purge_ip_data


class Command(BaseCommand):
    help = (
        "Clear the IP addresses and user agents of comments older than "
        "COMMENTS_IP_RETENTION_DAYS (90 by default), and forget the comment forms used "
        "that have expired since and the commenter keys that prove nothing. "
        "Safe to run daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, help="Override the retention period, in days."
        )

    def handle(self, *args, days=None, **options):
        days = settings.COMMENTS_IP_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError("--days cannot be negative.")
        count = purge_ip_data(days)
        self.stdout.write(
            f"Cleared the IP address and user agent of {count} comment(s) older than {days} days."
        )
        forgotten, _by_model = UsedFormToken.objects.expired().delete()
        self.stdout.write(f"Forgot {forgotten} used comment form(s) past their expiry.")
        unused, _by_model = CommenterKey.objects.unused().delete()
        self.stdout.write(f"Deleted {unused} unused commenter key(s).")
