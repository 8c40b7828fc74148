"""Files leave the storage with their rows: an image's original, each rendition's file.

Deleted once the transaction commits, so that a rolled-back deletion keeps its files.
"""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from ..models import Image, Rendition
from .renditions import delete_files


@receiver(post_delete, sender=Rendition, dispatch_uid="articles.delete_rendition_file")
def delete_rendition_file(sender, instance, using, **kwargs):
    name = instance.file.name
    if name:
        transaction.on_commit(lambda: delete_files([name]), using=using)


@receiver(post_delete, sender=Image, dispatch_uid="articles.delete_image_file")
def delete_image_file(sender, instance, using, **kwargs):
    name = instance.file.name
    if name:
        transaction.on_commit(lambda: Image._delete_unused_files([name]), using=using)
