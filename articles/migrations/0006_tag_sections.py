"""Editors choose the site's sections (the tags of the main menu) and their order.

The menu used to list every tag with a published article: those tags become the sections,
in the order readers saw them (by name), so the site looks the same after the upgrade.
Editors get the permission to choose them from core/roles.py."""

from django.db import migrations, models
from django.utils import timezone


def keep_the_menu_as_it_was(apps, schema_editor):
    Tag = apps.get_model("articles", "Tag")
    shown = (
        Tag.objects.filter(
            tagged_articles__content_object__status="published",
            tagged_articles__content_object__published_at__lte=timezone.now(),
        )
        .distinct()
        .order_by("name")
    )
    for position, tag in enumerate(shown, start=1):
        tag.is_section = True
        tag.section_position = position
        tag.save(update_fields=["is_section", "section_position"])


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0005_article_provenance'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='tag',
            options={'ordering': ['name'], 'permissions': [('manage_sections', 'Can choose the sections of the site')], 'verbose_name': 'tag', 'verbose_name_plural': 'tags'},
        ),
        migrations.AddField(
            model_name='tag',
            name='is_section',
            field=models.BooleanField(default=False, help_text='Shown in the main menu of every page, once it has a published article. Only editors choose the sections.', verbose_name='section of the site'),
        ),
        migrations.AddField(
            model_name='tag',
            name='section_position',
            field=models.PositiveSmallIntegerField(default=0, help_text='Sections are listed from the smallest number; equal numbers by name.', verbose_name='position in the menu'),
        ),
        migrations.RunPython(keep_the_menu_as_it_was, migrations.RunPython.noop),
    ]
