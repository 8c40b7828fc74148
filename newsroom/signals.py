"""Keep every flat page's HTML clean, whatever saves it."""

from django.contrib.flatpages.models import FlatPage
from django.db.models.signals import pre_save
from django.dispatch import receiver

from articles.sanitizer import sanitize_html

from .validators import validate_site_path


@receiver(pre_save, sender=FlatPage, dispatch_uid="newsroom.sanitize_flatpage")
def sanitize_flatpage(sender, instance, raw=False, **kwargs):
    """The admin form cleans the page already; this covers the shell, fixtures and imports.

    An address that is not a path of this site is refused outright (ValidationError): it
    would become a footer link to another site.
    """
    validate_site_path(instance.url)
    instance.content = sanitize_html(instance.content)
