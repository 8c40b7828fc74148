from django.utils.functional import SimpleLazyObject

from core.models import SiteSettings


def site(request):
    """Expose the site's identity and its settings (cached, see core/models.py).

    Lazy: pages that print neither (the admin's) do not even ask the cache.
    """
    site_settings = SimpleLazyObject(SiteSettings.current)
    return {
        "site_name": SimpleLazyObject(lambda: site_settings.site_name),
        "site_settings": site_settings,
    }
