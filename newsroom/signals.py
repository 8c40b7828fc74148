"""Keep the cached site settings fresh, and every flat page's HTML clean, whatever saves them."""

from django.contrib.flatpages.models import FlatPage
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from articles.models import Image
from articles.sanitizer import sanitize_html

from .models import CACHE_KEY, SiteSettings
from .validators import validate_site_path


@receiver(pre_save, sender=FlatPage, dispatch_uid="newsroom.sanitize_flatpage")
def sanitize_flatpage(sender, instance, raw=False, **kwargs):
    """The admin form cleans the page already; this covers the shell, fixtures and imports.

    An address that is not a path of this site is refused outright (ValidationError): it
    would become a footer link to another site.
    """
    validate_site_path(instance.url)
    instance.content = sanitize_html(instance.content)


def forget_site_settings(sender, **kwargs):
    SiteSettings.forget()


def forget_site_settings_if_their_image(sender, instance, **kwargs):
    """Images are saved all day long; only the default social image is cached."""
    cached = cache.get(CACHE_KEY)
    if cached is not None and cached.default_social_image_id == instance.pk:
        SiteSettings.forget()


for event, signal in (("save", post_save), ("delete", post_delete)):
    signal.connect(
        forget_site_settings_if_their_image,
        sender=Image,
        dispatch_uid=f"newsroom.forget_site_settings.image.{event}",
    )

# The settings are cached with the pages they point to and the list of pages.
for model in (SiteSettings, FlatPage):
    for event, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(
            forget_site_settings,
            sender=model,
            dispatch_uid=f"newsroom.forget_site_settings.{model._meta.label}.{event}",
        )
