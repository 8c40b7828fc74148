"""Store the fingerprint of each comment's text, for an indexed duplicate check, and
whether the moderators' digest told of it (comments already there were announced one by
one: they count as told)."""

import hashlib

import django.db.models.functions.text
from django.db import migrations, models


def fingerprint_existing_comments(apps, schema_editor):
    # A copy of comments.models.body_fingerprint as it is today: migrations must not change
    # when the model's code does.
    Comment = apps.get_model("comments", "Comment")
    batch = []
    for comment in Comment.objects.only("pk", "body").iterator(chunk_size=2000):
        normalized = " ".join((comment.body or "").split()).casefold()
        comment.body_hash = hashlib.sha256(normalized.encode()).hexdigest()
        batch.append(comment)
        if len(batch) >= 2000:
            Comment.objects.bulk_update(batch, ["body_hash"])
            batch = []
    Comment.objects.bulk_update(batch, ["body_hash"])
    Comment.objects.update(moderators_notified=True)


class Migration(migrations.Migration):

    dependencies = [
        ('comments', '0004_commenter_keys'),
    ]

    operations = [
        migrations.AddField(
            model_name='comment',
            name='body_hash',
            field=models.CharField(default='', editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='comment',
            name='moderators_notified',
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.RunPython(fingerprint_existing_comments, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='comment',
            index=models.Index(django.db.models.functions.text.Upper('email'), name='comment_email_upper_idx'),
        ),
        migrations.AddIndex(
            model_name='comment',
            index=models.Index(fields=['body_hash', 'created_at'], name='comment_duplicate_idx'),
        ),
    ]
