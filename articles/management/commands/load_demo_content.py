from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.demo.loader import load_demo_content
from articles.models import Article


class Command(BaseCommand):
    help = (
        "Fill a development database with French demo articles, authors, tags and "
        "generated images. Running it again only adds what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has articles.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off (demo articles would be published for real).",
        )

    def handle(self, *args, if_empty=False, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: demo articles would be published on a real site. "
                "Pass --force if this database is a demonstration or a test."
            )
        if if_empty and Article.objects.exists():
            self.stdout.write("Articles already exist; demo content not loaded.")
            return
        with transaction.atomic():
            created = load_demo_content()
        articles = sum(created[state] for state in ("published", "scheduled", "review", "draft"))
        if not articles and not created["users"] and not created["tags"] and not created["pages"]:
            self.stdout.write("Demo content already loaded; nothing to add.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content loaded: {articles} articles ({created['published']} published, "
                f"{created['scheduled']} scheduled, {created['review']} in review, "
                f"{created['draft']} drafts), {created['tags']} tags, {created['users']} users, "
                f"{created['pages']} pages."
            )
        )
        if created["existing"]:
            self.stdout.write(
                f"Already present and left untouched: {created['existing']} demo article(s)."
            )
