"""Create the editorial roles as groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = {
    "articles": [
        "add_article", "change_article", "delete_article", "view_article",
        "publish_article", "edit_any_article",
        "add_image", "change_image", "delete_image", "view_image",
        "add_tag", "change_tag", "delete_tag", "view_tag",
        "add_source", "change_source", "delete_source", "view_source",
        "view_articleslugredirect", "delete_articleslugredirect",
    ],
    "auth": ["view_user"],
}
AUTHOR_PERMISSIONS = {
    "articles": [
        "add_article", "change_article", "view_article",
        "add_image", "view_image", "view_tag",
        "add_source", "change_source", "delete_source", "view_source",
    ],
}


def _permissions(apps, codenames_by_app):
    Permission = apps.get_model("auth", "Permission")
    wanted = []
    for app_label, codenames in codenames_by_app.items():
        found = Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
        missing = set(codenames) - set(found.values_list("codename", flat=True))
        if missing:
            raise RuntimeError(f"Missing permissions {sorted(missing)} in {app_label}")
        wanted.extend(found)
    return wanted


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(*_permissions(apps, EDITOR_PERMISSIONS))
    authors, _ = Group.objects.get_or_create(name="Authors")
    authors.permissions.add(*_permissions(apps, AUTHOR_PERMISSIONS))
    Group.objects.get_or_create(name="Moderators")


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Editors", "Authors", "Moderators"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
