"""Author pages of people without a name had a slug made from their username, which readers
must never see: such a slug becomes "auteur" (told apart by a number), as accounts.models
now gives them. A slug chosen by hand is kept."""

import re

from django.db import migrations

from articles.slugs import slugify_french

FALLBACK_SLUG = "auteur"


def slugs_not_made_from_usernames(apps, schema_editor):
    Profile = apps.get_model("accounts", "Profile")
    taken = set(Profile.objects.values_list("public_slug", flat=True))
    nameless = Profile.objects.filter(
        public_slug_chosen=False, user__first_name="", user__last_name=""
    ).select_related("user").order_by("pk")
    for profile in nameless:
        from_username = slugify_french(profile.user.username, max_length=70)
        if not from_username or from_username == FALLBACK_SLUG:
            continue
        if not re.fullmatch(rf"{re.escape(from_username)}(?:-[0-9]+)?", profile.public_slug):
            continue
        taken.discard(profile.public_slug)
        slug, number = FALLBACK_SLUG, 1
        while slug in taken:
            number += 1
            slug = f"{FALLBACK_SLUG}-{number}"
        taken.add(slug)
        profile.public_slug = slug
        profile.save(update_fields=["public_slug"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_notification_preferences")]

    operations = [
        migrations.RunPython(slugs_not_made_from_usernames, migrations.RunPython.noop),
    ]
