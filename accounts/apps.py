from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff accounts: sign-in throttling, password reset by e-mail, two-factor sign-in."""

    name = "accounts"
    verbose_name = _("Staff accounts")

    def ready(self):
        from . import signals  # noqa: F401 - sign-in failures cleared, a profile for every user
