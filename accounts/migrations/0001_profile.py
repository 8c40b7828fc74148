"""A public profile for every user: the slug of their author page, made from their name, so
that no public address shows a username. Existing users get theirs here, later ones from
``accounts.signals``."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from articles.slugs import slugify_french


def give_existing_users_a_profile(apps, schema_editor):
    # The rule of accounts.models.slug_base, written out: migrations see no model methods.
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    Profile = apps.get_model("accounts", "Profile")
    taken = set(Profile.objects.values_list("public_slug", flat=True))
    profiles = []
    for user in User.objects.filter(profile__isnull=True).order_by("pk"):
        full_name = f"{user.first_name} {user.last_name}".strip()
        name = full_name or user.username
        base = slugify_french(name, max_length=70) or "auteur"
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        profiles.append(Profile(user=user, public_slug=slug))
    Profile.objects.bulk_create(profiles, batch_size=500)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Profile",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "public_slug",
                    models.CharField(
                        error_messages={
                            "unique": "Another person’s page already has this address."
                        },
                        help_text="The end of the address of the author page, as in /auteurs/marie-curie/. Readers see it, so never use the username. Changing it breaks the links to the old address.",
                        max_length=80,
                        unique=True,
                        validators=[
                            django.core.validators.RegexValidator(
                                "\\A[a-z0-9]+(?:-[a-z0-9]+)*\\Z",
                                "Use lowercase letters without accents, digits and single hyphens between them, such as marie-curie.",
                                code="invalid_public_slug",
                            )
                        ],
                        verbose_name="public address",
                    ),
                ),
                (
                    "public_slug_chosen",
                    models.BooleanField(
                        default=False,
                        editable=False,
                        help_text="Otherwise the address follows the name when it changes.",
                        verbose_name="address chosen by hand",
                    ),
                ),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="profile",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            options={
                "verbose_name": "public profile",
                "verbose_name_plural": "public profiles",
            },
        ),
        migrations.RunPython(give_existing_users_a_profile, migrations.RunPython.noop),
    ]
