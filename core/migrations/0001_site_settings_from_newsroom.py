"""The site settings move from the project package (newsroom) to this app, table and rows
untouched: this migration only tells Django's state that the model now lives here, and
renames its content type, so that the permissions granted on it (the Editors group's
``change_sitesettings``) and the admin's history keep pointing at it."""

import django.db.models.deletion
from django.db import migrations, models

import core.validators


def rename_content_type(apps, schema_editor, old="newsroom", new="core"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    moving = ContentType.objects.filter(app_label=old, model="sitesettings").first()
    if moving is None:
        return
    already = ContentType.objects.filter(app_label=new, model="sitesettings").first()
    if already is not None:
        # Both exist when permissions were created for the new label before this ran:
        # whoever held a permission on the old one gets its twin, then the old one goes.
        for permission in Permission.objects.filter(content_type=moving):
            twin, _created = Permission.objects.get_or_create(
                content_type=already,
                codename=permission.codename,
                defaults={"name": permission.name},
            )
            twin.group_set.add(*permission.group_set.all())
            twin.user_set.add(*permission.user_set.all())
        moving.delete()
        return
    moving.app_label = new
    moving.save(update_fields=["app_label"])


def restore_content_type(apps, schema_editor):
    rename_content_type(apps, schema_editor, old="core", new="newsroom")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("newsroom", "0003_editors_manage_pages_and_settings"),
        ("articles", "0001_initial"),
        ("flatpages", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SiteSettings",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("site_name", models.CharField(help_text="Shown in the header, page titles, feeds and structured data.", max_length=100, verbose_name="site name")),
                        ("tagline", models.CharField(blank=True, help_text="One sentence about the site: the description of pages that have none of their own. Left empty, a built-in description is used.", max_length=300, verbose_name="tagline")),
                        ("disclosure_text", models.TextField(blank=True, help_text="Printed at the bottom of every page: how the site uses artificial intelligence to write. Plain text. Left empty, a built-in sentence is used.", max_length=600, verbose_name="AI-writing disclosure")),
                        ("disclosure_link_text", models.CharField(blank=True, help_text="The words of the footer's link to that page. Left empty: “Learn more”.", max_length=100, verbose_name="disclosure link text")),
                        ("editorial_responsibility", models.CharField(blank=True, help_text="Who answers for what the site publishes, AI-written articles included: a person (the publication director) or the publishing company.", max_length=200, verbose_name="editorial responsibility")),
                        ("editorial_responsibility_kind", models.CharField(choices=[("person", "A person"), ("organization", "A company or organisation")], default="person", max_length=20, verbose_name="editorial responsibility held by")),
                        ("publisher_logo", models.ImageField(blank=True, height_field="publisher_logo_height", help_text="The publisher's logo in structured data, for search engines: PNG or JPEG, at most 600 pixels wide and 60 high. Left empty, the built-in logo is used.", upload_to="site/", validators=[core.validators.validate_image_file], verbose_name="publisher logo", width_field="publisher_logo_width")),
                        ("publisher_logo_width", models.PositiveIntegerField(default=0, editable=False)),
                        ("publisher_logo_height", models.PositiveIntegerField(default=0, editable=False)),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                        ("comment_policy_page", models.ForeignKey(blank=True, help_text="How comments and commenters' data are handled; the comment form links to it.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="flatpages.flatpage", verbose_name="comment policy page")),
                        ("default_social_image", models.ForeignKey(blank=True, help_text="Shown when a page without an image of its own is shared.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="articles.image", verbose_name="default social image")),
                        ("disclosure_page", models.ForeignKey(blank=True, help_text="The page that explains the disclosure in detail; the footer and the AI labels of articles link to it.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="flatpages.flatpage", verbose_name="disclosure page")),
                    ],
                    options={
                        "verbose_name": "site settings",
                        "verbose_name_plural": "site settings",
                        "db_table": "newsroom_sitesettings",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(rename_content_type, restore_content_type),
    ]
