from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WordPressConfig(AppConfig):
    """Moving a magazine from WordPress: the import command and the old addresses."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "wordpress"
    verbose_name = _("WordPress import")
