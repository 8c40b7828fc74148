"""Authors in the order an editor gives: the table Django made for the authors gets a
position, and keeps its rows. Existing articles keep the order their authors were added in."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def number_existing_authors(apps, schema_editor):
    ArticleAuthor = apps.get_model("articles", "ArticleAuthor")
    positions = {}
    changed = []
    for link in ArticleAuthor.objects.order_by("article_id", "pk"):
        link.position = positions.get(link.article_id, 0)
        positions[link.article_id] = link.position + 1
        if link.position:
            changed.append(link)
    ArticleAuthor.objects.bulk_update(changed, ["position"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_tag_sections"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The table exists: only Django's picture of it changes.
            state_operations=[
                migrations.CreateModel(
                    name="ArticleAuthor",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "article",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="authorships",
                                to="articles.article",
                            ),
                        ),
                        (
                            "author",
                            models.ForeignKey(
                                db_column="user_id",
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="authorships",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "articles_article_authors",
                        "unique_together": {("article", "author")},
                    },
                ),
                migrations.AlterField(
                    model_name="article",
                    name="authors",
                    field=models.ManyToManyField(
                        help_text="In the order of the byline.",
                        related_name="articles",
                        through="articles.ArticleAuthor",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="authors",
                    ),
                ),
            ],
        ),
        migrations.AddField(
            model_name="articleauthor",
            name="position",
            field=models.PositiveIntegerField(default=0, verbose_name="position"),
        ),
        migrations.AlterModelOptions(
            name="articleauthor",
            options={
                "ordering": ["position", "pk"],
                "verbose_name": "authorship",
                "verbose_name_plural": "authorships",
            },
        ),
        migrations.RunPython(number_existing_authors, migrations.RunPython.noop),
    ]
