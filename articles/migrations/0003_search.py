"""Full-text search: a stored, GIN-indexed tsvector on PostgreSQL, normalised text on SQLite.

Everything PostgreSQL-specific runs only there (see articles/search.py for the design).
"""

import django.contrib.postgres.search
from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations, models

from articles.search import SEARCH_CONFIG, SEARCH_INDEX_NAME, search_text, search_vector

# French stemming after accents are removed: « société », « societe », « sociétés » → societ.
CREATE_CONFIG = f"""
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{SEARCH_CONFIG}') THEN
        CREATE TEXT SEARCH CONFIGURATION {SEARCH_CONFIG} (COPY = french);
    END IF;
END
$$;
ALTER TEXT SEARCH CONFIGURATION {SEARCH_CONFIG}
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
"""  # noqa: S608 - built from this project's constants, never from input
DROP_CONFIG = f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {SEARCH_CONFIG};"
CREATE_INDEX = (
    f"CREATE INDEX IF NOT EXISTS {SEARCH_INDEX_NAME} "
    "ON articles_article USING gin (search_vector);"
)
DROP_INDEX = f"DROP INDEX IF EXISTS {SEARCH_INDEX_NAME};"


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


def fill_search_columns(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    articles = Article.objects.using(schema_editor.connection.alias)
    if schema_editor.connection.vendor == "postgresql":
        articles.update(search_vector=search_vector())
    for article in articles.only("title", "standfirst", "body").iterator():
        article.search_text = search_text(article.title, article.standfirst, article.body)
        article.save(update_fields=["search_text"])


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0002_roles'),
    ]

    operations = [
        UnaccentExtension(),  # does nothing on other databases
        migrations.RunPython(on_postgresql(CREATE_CONFIG), on_postgresql(DROP_CONFIG)),
        migrations.AddField(
            model_name='article',
            name='search_text',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        migrations.AddField(
            model_name='article',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(on_postgresql(CREATE_INDEX), on_postgresql(DROP_INDEX)),
        migrations.RunPython(fill_search_columns, migrations.RunPython.noop),
    ]
