from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from articles.images.processing import ImageProblem
from articles.images.renditions import build_renditions
from articles.models import Image


class Command(BaseCommand):
    help = (
        "Build the missing or outdated renditions of the media library's images, here and "
        "now (not through the task queue). Originals uploaded before metadata cleaning "
        "existed are cleaned first. Running it again does only what is left to do."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Build every rendition again, even those that are current.",
        )
        parser.add_argument(
            "--image",
            type=int,
            action="append",
            dest="image_ids",
            metavar="ID",
            help="Only this image (may be repeated).",
        )

    def handle(self, *args, force=False, image_ids=None, **options):
        images = Image.objects.order_by("pk").prefetch_related("renditions")
        if image_ids:
            images = images.filter(pk__in=image_ids)
            missing = set(image_ids) - set(images.values_list("pk", flat=True))
            if missing:
                raise CommandError(
                    "No image with id " + ", ".join(str(pk) for pk in sorted(missing)) + "."
                )
        built = kept = failed = 0
        for image in images.iterator(chunk_size=100):
            try:
                if not image.original_is_clean():
                    image.save(update_fields=["file"])
                    self.stdout.write(f"Image {image.pk}: original cleaned.")
                report = build_renditions(image, force=force)
            except (ImageProblem, ValidationError, OSError) as problem:
                failed += 1
                reason = getattr(problem, "message", None) or "; ".join(
                    getattr(problem, "messages", [str(problem)])
                )
                self.stderr.write(f"Image {image.pk} ({image.file.name}): {reason}")
                continue
            built += len(report.built)
            kept += report.kept
            if report.built or report.removed:
                self.stdout.write(f"Image {image.pk}: {report}.")
        summary = f"Renditions: {built} built, {kept} already current, {failed} image(s) failed."
        if failed:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
