from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, transaction

from articles.models import RelatedArticle


class Command(BaseCommand):
    help = (
        "Rank the related articles of every published article again. The site keeps them "
        "current by itself; this is for rows written without the ORM's signals (a bulk "
        "import, a restored database dump)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, database=DEFAULT_DB_ALIAS, **options):
        with transaction.atomic(using=database):
            RelatedArticle.objects.using(database).rebuild()
            count = RelatedArticle.objects.using(database).count()
        self.stdout.write(f"{count} related articles ranked.")
