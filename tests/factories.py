"""Objects the tests build again and again, made one way."""

from datetime import timedelta

from django.utils import timezone

from articles.models import Article, Source


def make_article(
    title="Un article",
    *,
    authors=(),
    tags=(),
    sources=(),
    status=Article.Status.PUBLISHED,
    ago=timedelta(hours=1),
    body="<p>Un texte écrit pour les tests.</p>",
    **fields,
):
    """An article, published ``ago`` unless another status is given, with its authors,
    tags and sources (a name, or a (name, url) pair) in order."""
    if "published_at" not in fields and status == Article.Status.PUBLISHED:
        fields["published_at"] = timezone.now() - ago
    article = Article.objects.create(title=title, status=status, body=body, **fields)
    article.authors.set(authors)
    if tags:
        article.tags.set(list(tags))
    for order, source in enumerate(sources):
        name, url = source if isinstance(source, tuple) else (source, "")
        Source.objects.create(article=article, name=name, url=url, order=order)
    return article
