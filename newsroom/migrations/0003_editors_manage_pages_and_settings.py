"""Let the Editors group write the site's pages (flat pages) and edit the site settings:
the disclosure, the editorial responsibility and the pages readers are pointed to are the
newsroom's to keep up, not only the superuser's."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = {
    "flatpages": ["add_flatpage", "change_flatpage", "delete_flatpage", "view_flatpage"],
    "newsroom": ["change_sitesettings", "view_sitesettings"],
}


def _permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        # The models as they were at this migration: the site settings have moved since.
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    found = []
    for app_label, codenames in PERMISSIONS.items():
        found.extend(
            Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
    return found


def grant(apps, schema_editor):
    editors, _created = apps.get_model("auth", "Group").objects.get_or_create(name="Editors")
    editors.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for editors in Group.objects.filter(name="Editors"):
        editors.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0002_site_settings_and_disclosure_page"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("flatpages", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
