"""A tag that only drafts or scheduled articles carry names them before they are out: its
page, its feeds and the search filter know nothing of it until one of them is published."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.actions import PublishArticle
from articles.models import Article, Tag
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

SECRET = "Fusion froide confidentielle"


@pytest.fixture
def secret_tag():
    tag = Tag.objects.create(name=SECRET)
    make_article("Révélation au labo", tags=[tag], status=Article.Status.DRAFT)
    make_article(
        "Sous embargo", tags=[tag], published_at=timezone.now() + timedelta(days=2)
    )
    make_article("Le béton", tags=[Tag.objects.create(name="Sciences")])
    return tag


def addresses(tag):
    return [
        f"/tags/{tag.slug}/",
        f"/en/tags/{tag.slug}/",
        f"/tags/{tag.slug}/feed/rss/",
        f"/tags/{tag.slug}/feed/atom/",
        f"/en/tags/{tag.slug}/feed/rss/",
    ]


def test_a_tag_of_drafts_and_scheduled_articles_has_no_page_nor_feed(client, secret_tag):
    for address in addresses(secret_tag):
        response = client.get(address)
        assert response.status_code == 404, address
        assert SECRET not in response.content.decode(), address


def test_a_tag_of_drafts_is_in_no_menu_nor_search_filter(client, secret_tag):
    home = client.get("/").content.decode()
    search = client.get(f"/search/?q=labo&tag={secret_tag.slug}")

    assert SECRET not in home
    assert search.status_code == 200
    assert search.context["tag"] is None
    assert SECRET not in search.content.decode()


def test_a_tag_with_a_published_article_has_its_page(client, secret_tag):
    tag = Tag.objects.get(name="Sciences")

    for address in addresses(tag):
        assert client.get(address).status_code == 200, address


def test_the_page_appears_once_an_article_of_the_tag_is_published(client, secret_tag):
    editor = make_user("edith", "Editors")
    draft = Article.objects.get(title="Révélation au labo")
    draft.authors.set([make_user("alix", "Authors")])

    PublishArticle(draft, user=editor).execute()  # the action of the admin and bulk action

    response = client.get(f"/tags/{secret_tag.slug}/")
    assert response.status_code == 200
    assert "Révélation au labo" in response.content.decode()
    assert "Sous embargo" not in response.content.decode()
