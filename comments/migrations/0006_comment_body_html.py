"""Store each comment's text as the article page prints it, so that the page no longer
makes the HTML of every comment for every reader (see Comment.body_html)."""

from django.db import migrations, models


def render_existing_comments(apps, schema_editor):
    # The site's rendering as it is today, on purpose: the stored HTML must be what the page
    # would make. A later change of comment_body() makes it again in a migration of its own.
    from comments.rendering import comment_body

    Comment = apps.get_model("comments", "Comment")
    batch = []
    for comment in Comment.objects.only("pk", "body").iterator(chunk_size=2000):
        comment.body_html = str(comment_body(comment.body))
        batch.append(comment)
        if len(batch) >= 2000:
            Comment.objects.bulk_update(batch, ["body_html"])
            batch = []
    Comment.objects.bulk_update(batch, ["body_html"])


class Migration(migrations.Migration):

    dependencies = [
        ("comments", "0005_duplicate_index_and_moderator_digest"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="body_html",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(render_existing_comments, migrations.RunPython.noop),
    ]
