"""Renditions are built off the request path, by the task backend (see settings.TASKS)."""

import logging

from django.db import transaction
from django_tasks import task

from core.tasks import retried

logger = logging.getLogger(__name__)


@task()
@retried()
def build_image_renditions(image_id, force=False):
    """Build the renditions of one image; a no-op when they are current or it is gone.

    A file that cannot be read or decoded is logged and raised again, so that the backend
    records the task as failed (and tries it again: the storage may be back); no rendition
    is stored for it. Running it again, after a failure or a worker killed mid-build, is
    safe: the renditions are stored in one transaction, and those still current are kept.
    """
    from ..models import Image
    from .renditions import build_renditions

    image = Image.objects.filter(pk=image_id).prefetch_related("renditions").first()
    if image is None:
        return "gone"
    try:
        return str(build_renditions(image, force=force))
    except Exception:
        logger.exception("Could not build the renditions of image %s.", image_id)
        raise


def queue_renditions(image_id, *, using=None):
    """Queue the build once the current transaction commits (at once outside of one)."""

    def enqueue():
        try:
            build_image_renditions.enqueue(image_id)
        except Exception:
            # A queue that is down must not undo the editor's save; `build_renditions`
            # (the command) catches up, and pages show the original meanwhile.
            logger.exception("Could not queue the renditions of image %s.", image_id)

    transaction.on_commit(enqueue, using=using)
