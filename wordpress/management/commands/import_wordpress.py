"""``manage.py import_wordpress EXPORT.xml``: see wordpress/importer.py and the README."""

import os

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)

from wordpress.importer import WordPressImporter
from wordpress.media import MediaSource


class ProgressBar:
    """The import's progress on the terminal: a bar per reading of the export, with its
    count, rate and time left; a line every 500 entries when the output is a log file."""

    def __init__(self, stream):
        self.stream = stream
        self.interactive = stream.isatty()
        self.bar = Progress(
            TextColumn("{task.description}"),
            # Narrow enough for an 80-column terminal.
            BarColumn(bar_width=24),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            console=Console(file=stream, force_terminal=self.interactive),
            disable=not self.interactive,
        )
        self.tasks = {}
        self.started = {}

    def __enter__(self):
        self.bar.start()
        return self

    def __exit__(self, *exc_info):
        self.bar.stop()

    def __call__(self, step, done, total):
        step = str(step)
        if step not in self.tasks:
            self.tasks[step] = self.bar.add_task(step, total=total, rate="")
        task = self.tasks[step]
        elapsed = self.bar.tasks[task].elapsed or 0
        rate = f"{done / elapsed:.0f}/s" if elapsed > 1 else ""
        self.bar.update(task, completed=done, total=total, rate=rate)
        if not self.interactive and done and done % 500 == 0:
            self.stream.write(
                _("%(step)s: %(done)d entries read…") % {"step": step, "done": done} + "\n"
            )


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
        # The terminal itself: Django's wrapper would end and colour each of rich's writes.
        with ProgressBar(getattr(self.stderr, "_out", self.stderr)) as progress:
            report = WordPressImporter(
                options["export"],
                media=media,
                permalink_structure=options["permalink_structure"],
                progress=progress,
            ).run()
        for line in report.lines():
            self.stdout.write(line)
        if report.failed:
            raise CommandError(_("Some entries could not be imported: see the report above."))
