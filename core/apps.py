from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app may depend on: the action layer, the site's identity and settings.

    It imports no other app of the project, so ``articles`` and ``comments`` can both
    import it without a cycle (the site settings name the image library's model by its
    label only).
    """

    name = "core"
    verbose_name = _("Site")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import (
            signals,  # noqa: F401 - refreshes the cached site settings
            tasks,  # noqa: F401 - retries failed tasks
        )
        from .roles import apply_roles

        # Once per migrate: the groups get exactly the permissions declared in roles.py.
        post_migrate.connect(apply_roles, sender=self, dispatch_uid="core.apply_roles")
