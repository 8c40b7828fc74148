"""``manage.py import_wordpress EXPORT.xml``: see wordpress/importer.py and the README."""

import os
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wordpress.importer import WordPressImporter
from wordpress.media import MediaSource


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR, Tools › Export): authors, categories and tags, "
        "images, posts with their comments, pages and old addresses. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="The export file (.xml).")
        parser.add_argument(
            "--uploads", help="A copy of the site's wp-content/uploads folder, for the images."
        )
        parser.add_argument(
            "--media-base-url",
            help="The address of the site's wp-content/uploads, to download the images from "
            "(e.g. https://example.com/wp-content/uploads).",
        )
        parser.add_argument(
            "--permalink-structure",
            default="",
            help="The site's permalink structure when it is not a usual one, e.g. "
            "/%%category%%/%%postname%%/ (the usual ones are always redirected).",
        )
        parser.add_argument("--timeout", type=float, default=10, help="Seconds per download.")
        parser.add_argument("--retries", type=int, default=3, help="Retries per download.")

    def handle(self, *args, **options):
        try:
            media = MediaSource(
                options["uploads"],
                options["media_base_url"],
                timeout=options["timeout"],
                retries=options["retries"],
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        if options["uploads"] and not os.path.isdir(options["uploads"]):
            raise CommandError(f"{options['uploads']}: no such folder.")
        interactive = sys.stderr.isatty()

        def progress(kind, done):
            if interactive:
                self.stderr.write(f"\r{done} entries imported ({kind})…", ending="")
            elif done % 500 == 0:
                self.stderr.write(f"{done} entries imported…")

        report = WordPressImporter(
            options["export"],
            media=media,
            permalink_structure=options["permalink_structure"],
            progress=progress,
        ).run()
        if interactive:
            self.stderr.write("")
        for line in report.lines():
            self.stdout.write(line)
        if report.failed:
            raise CommandError(_("Some entries could not be imported: see the report above."))
