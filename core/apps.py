from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app may depend on: the action layer, the site's identity and settings.

    It depends on no other app of the project, so ``articles`` and ``comments`` can both
    import it without a cycle.
    """

    name = "core"
    verbose_name = _("Site")
