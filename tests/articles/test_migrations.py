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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_articles_already_published_get_their_related_articles_ranked():
    before, after = [("articles", "0015_status_indexed_by_listing")], [
        ("articles", "0017_related_articles_depth")
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    Article = old.get_model("articles", "Article")
    Tag = old.get_model("articles", "Tag")
    TaggedArticle = old.get_model("articles", "TaggedArticle")
    energy = Tag.objects.create(name="Énergie", slug="energie")
    articles = [
        Article.objects.create(
            title=title, slug=title.lower(), body="<p>x</p>", status=status,
            published_at=f"2026-01-0{index + 1}T10:00:00Z",
        )
        for index, (title, status) in enumerate(
            [("Un", "published"), ("Deux", "published"), ("Brouillon", "draft")]
        )
    ]
    for article in articles:
        TaggedArticle.objects.create(content_object_id=article.pk, tag_id=energy.pk)

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    RelatedArticle = new.get_model("articles", "RelatedArticle")

    first, second, _draft = articles
    assert sorted(RelatedArticle.objects.values_list("article_id", "related_id")) == sorted(
        [(first.pk, second.pk), (second.pk, first.pk)]
    )
    # Each ranked list is as deep as ranking makes it: its spares may leave it.
    RelatedDepth = new.get_model("articles", "RelatedDepth")
    assert sorted(RelatedDepth.objects.values_list("article_id", "depth")) == [
        (first.pk, 24),
        (second.pk, 24),
    ]
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
