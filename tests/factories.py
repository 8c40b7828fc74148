"""Objects the tests build again and again, made one way."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from articles.models import Article, Source

#: The password of every user the tests make.
PASSWORD = "pw-for-tests"


def make_user(username, group=None, *, is_staff=True, **extra):
    """A user who can sign in with PASSWORD, in ``group`` (a role the data migrations made)."""
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, is_staff=is_staff, **extra
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


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
    article.set_authors(authors)
    if tags:
        article.tags.set(list(tags))
    for order, source in enumerate(sources):
        name, url = source if isinstance(source, tuple) else (source, "")
        Source.objects.create(article=article, name=name, url=url, order=order)
    return article
