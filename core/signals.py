"""Keep the cached site settings fresh, whatever saves what they show, and purge the pages
that show them (every page: core/pagecache.py)."""

from django.contrib.flatpages.models import FlatPage
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save

from . import pagecache
from .models import (
    CACHE_KEY,
    SiteSettings,
    forget_settings_after_request,
    remember_settings_during_request,
)

request_started.connect(
    remember_settings_during_request, dispatch_uid="core.remember_site_settings"
)
request_finished.connect(forget_settings_after_request, dispatch_uid="core.forget_site_settings")


def forget_site_settings(sender, **kwargs):
    SiteSettings.forget()


def forget_site_settings_if_their_image(sender, instance, **kwargs):
    """Images are saved all day long; only the default social image is cached."""
    cached = cache.get(CACHE_KEY)
    if cached is not None and cached.default_social_image_id == instance.pk:
        SiteSettings.forget()


# The image library's model, named like the settings' foreign key names it: this app
# imports no other app of the project.
SOCIAL_IMAGE_MODEL = SiteSettings._meta.get_field("default_social_image").remote_field.model

for event, signal in (("save", post_save), ("delete", post_delete)):
    signal.connect(
        forget_site_settings_if_their_image,
        sender=SOCIAL_IMAGE_MODEL,
        dispatch_uid=f"core.forget_site_settings.image.{event}",
    )

# The settings are cached with the pages they point to and the list of pages.
for model in (SiteSettings, FlatPage):
    for event, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(
            forget_site_settings,
            sender=model,
            dispatch_uid=f"core.forget_site_settings.{model._meta.label}.{event}",
        )


def purge_site(sender, instance, raw=False, **kwargs):
    """The site's name, menu, footer and pages show on every page."""
    if not raw:
        pagecache.purge({pagecache.SITE_KEY})


for model in (SiteSettings, FlatPage):
    for event, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(
            purge_site,
            sender=model,
            dispatch_uid=f"core.purge_site.{model._meta.label}.{event}",
        )
