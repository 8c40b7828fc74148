"""The migration that gives authors an order keeps the authors articles already had."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("articles", "0006_tag_sections")]
AFTER = [("articles", "0007_ordered_authors")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_authors_keep_their_articles_in_the_order_they_were_added():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    User = old.get_model("auth", "User")
    Article = old.get_model("articles", "Article")
    first, second = (User.objects.create(username=name) for name in ("zoe", "adam"))
    article = Article.objects.create(title="Ancien", slug="ancien", body="<p>x</p>")
    article.authors.add(first)
    article.authors.add(second)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    ArticleAuthor = new.get_model("articles", "ArticleAuthor")

    links = ArticleAuthor.objects.filter(article_id=article.pk).order_by("position")
    assert [(link.author.username, link.position) for link in links] == [
        ("zoe", 0),
        ("adam", 1),
    ]
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
