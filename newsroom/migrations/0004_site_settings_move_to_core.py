"""The site settings now belong to the core app (see core/migrations/0001): the model
leaves this package's state; its table and rows stay, under core's name for them."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0003_editors_manage_pages_and_settings"),
        ("core", "0001_site_settings_from_newsroom"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SiteSettings")],
            database_operations=[],
        ),
    ]
