"""What each role may do in the admin, enforced on the server rather than hidden."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from articles.models import Article, Image, Tag
from core.roles import AUTHORS, EDITORS, MODERATORS
from tests.articles.fixtures_admin import *  # noqa: F403
from tests.articles.fixtures_admin import (
    article_form_data,
    client_for,
    make_article,
    make_user,
    png_bytes,
    upload,
)

pytestmark = pytest.mark.django_db

ARTICLES = "/admin/articles/article/"
ADD = ARTICLES + "add/"


def change_url(article):
    return f"{ARTICLES}{article.pk}/change/"


def preview_url(article):
    return article.get_preview_url()


# The groups created by the data migration


def test_the_roles_have_their_permissions():
    def codenames(name):
        return set(
            Group.objects.get(name=name).permissions.values_list("codename", flat=True)
        )

    editors, authors, moderators = codenames(EDITORS), codenames(AUTHORS), codenames(
        MODERATORS
    )
    assert {"publish_article", "edit_any_article", "delete_article", "view_user"} <= editors
    assert {"add_article", "change_article", "add_image"} <= authors
    assert not authors & {"publish_article", "edit_any_article", "delete_article",
                          "change_image", "change_tag"}
    assert not {code for code in moderators if code.endswith("_article")}


# Authors


def test_author_adds_an_article_and_becomes_its_author(author_client, author):
    form = author_client.get(ADD)
    assert form.status_code == 200
    fields = form.context["adminform"].form.fields
    assert "authors" not in fields  # read-only: set automatically
    assert "published_at" not in fields
    assert [value for value, _ in fields["status"].widget.choices] == ["draft", "review"]
    assert "You (added automatically)" in form.content.decode()

    response = author_client.post(
        ADD, article_form_data(title="Mon papier", tags="Société", status="review")
    )

    assert response.status_code == 302
    article = Article.objects.get()
    assert list(article.authors.all()) == [author]
    assert article.status == Article.Status.REVIEW
    assert list(article.tags.names()) == ["Société"]


def test_author_cannot_name_other_authors(author_client, author, other_author):
    response = author_client.post(ADD, article_form_data(authors=[other_author.pk]))

    assert response.status_code == 302
    assert list(Article.objects.get().authors.all()) == [author]


def test_author_sees_only_their_own_articles(author_client, author, other_author, editor):
    make_article("Le mien", authors=[author])
    make_article("Le nôtre", authors=[author, other_author])
    make_article("Le sien", authors=[other_author])
    make_article("Celui de l'éditrice", authors=[editor])

    response = author_client.get(ARTICLES)

    assert response.status_code == 200
    assert {a.title for a in response.context["cl"].result_list} == {"Le mien", "Le nôtre"}


def test_author_cannot_open_or_change_another_authors_article(author_client, other_author):
    article = make_article("Le sien", authors=[other_author])

    assert author_client.get(change_url(article)).status_code == 404
    response = author_client.post(
        change_url(article), article_form_data(title="Piraté", slug=article.slug)
    )
    assert response.status_code == 404
    assert author_client.get(f"{ARTICLES}{article.pk}/history/").status_code == 404
    assert author_client.post(f"{ARTICLES}{article.pk}/delete/", {"post": "yes"}).status_code == 404
    article.refresh_from_db()
    assert article.title == "Le sien"


def test_author_cannot_publish_through_the_form(author_client, author):
    article = make_article("Le mien", authors=[author])

    response = author_client.post(
        change_url(article),
        article_form_data(title="Le mien, corrigé", slug=article.slug, status="published"),
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["status"] == ["You may not publish articles."]
    article.refresh_from_db()
    assert (article.title, article.status, article.published_at) == ("Le mien", "draft", None)


def test_author_cannot_create_a_published_article(author_client):
    response = author_client.post(ADD, article_form_data(status="published"))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["status"] == ["You may not publish articles."]
    assert not Article.objects.exists()


def test_author_cannot_set_the_publication_date(author_client, author):
    article = make_article("Le mien", authors=[author])

    author_client.post(
        change_url(article),
        article_form_data(title="Le mien", slug=article.slug, published_at_0="2020-01-01",
                          published_at_1="10:00:00"),
    )

    article.refresh_from_db()
    assert article.published_at is None


def test_author_submits_for_review_through_the_form(author_client, author):
    article = make_article("Le mien", authors=[author])

    response = author_client.post(
        change_url(article),
        article_form_data(title="Le mien", slug=article.slug, status="review"),
    )

    assert response.status_code == 302
    assert Article.objects.get().status == Article.Status.REVIEW


def test_author_cannot_publish_in_bulk(author_client, author):
    article = make_article("Le mien", authors=[author])

    listing = author_client.get(ARTICLES)
    actions = [value for value, _ in listing.context["action_form"].fields["action"].choices]
    assert "publish_selected" not in actions
    assert "delete_selected" not in actions
    assert "back_to_draft_selected" in actions

    author_client.post(
        ARTICLES, {"action": "publish_selected", "_selected_action": [article.pk], "index": "0"}
    )
    assert Article.objects.get().status == Article.Status.DRAFT


def test_author_cannot_delete(author_client, author):
    article = make_article("Le mien", authors=[author])

    assert author_client.get(f"{ARTICLES}{article.pk}/delete/").status_code == 403
    assert author_client.post(f"{ARTICLES}{article.pk}/delete/", {"post": "yes"}).status_code == 403
    author_client.post(
        ARTICLES, {"action": "delete_selected", "_selected_action": [article.pk], "post": "yes"}
    )
    assert Article.objects.filter(pk=article.pk).exists()


def test_a_published_article_is_read_only_for_its_author(author_client, author, editor):
    article = make_article("Paru", authors=[author], status="published",
                           published_at=timezone.now())

    page = author_client.get(change_url(article))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()

    response = author_client.post(
        change_url(article), article_form_data(title="Réécrit", slug=article.slug,
                                               status="published")
    )
    assert response.status_code == 403
    assert Article.objects.get().title == "Paru"

    response = author_client.post(
        ARTICLES,
        {"action": "back_to_draft_selected", "_selected_action": [article.pk], "index": "0"},
        follow=True,
    )
    assert Article.objects.get().status == Article.Status.PUBLISHED
    assert any("You may not unpublish articles." in str(m) for m in response.context["messages"])


def test_author_uploads_images_but_cannot_change_tags(author_client, author, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    response = author_client.post(
        "/admin/articles/image/add/",
        {"file": upload(png_bytes()), "alt_text": "Un chat", "_save": "Save"},
    )
    assert response.status_code == 302
    assert Image.objects.get().uploaded_by == author

    tag = Tag.objects.create(name="Société")
    assert author_client.get("/admin/articles/tag/").status_code == 200
    response = author_client.post(
        f"/admin/articles/tag/{tag.pk}/change/", {"name": "Piraté", "slug": "pirate"}
    )
    assert response.status_code == 403
    assert author_client.get("/admin/articles/tag/add/").status_code == 403


def test_editor_changes_and_deletes_any_article(editor_client, author):
    article = make_article("D'un auteur", authors=[author])

    assert editor_client.get(change_url(article)).status_code == 200
    response = editor_client.post(f"{ARTICLES}{article.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.exists()


# Moderators, visitors


@pytest.mark.parametrize("url", [ARTICLES, ADD, "/admin/articles/image/", "/admin/articles/tag/"])
def test_moderator_has_no_access_to_articles(moderator_client, url):
    assert moderator_client.get(url).status_code == 403


def test_moderator_cannot_open_an_article(moderator_client, editor):
    article = make_article(authors=[editor])

    assert moderator_client.get(change_url(article)).status_code == 403


@pytest.mark.parametrize("url", [ARTICLES, ADD, "/admin/articles/image/add/"])
def test_visitors_are_sent_to_the_login_page(url):
    response = Client().get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_non_staff_authors_cannot_use_the_admin(db):
    user = make_user("lectrice", AUTHORS, is_staff=False)

    response = client_for(user).get(ARTICLES)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


# Preview


def test_preview_for_editors_and_the_articles_authors(editor, author, other_author, moderator):
    article = make_article("Brouillon secret", authors=[author])

    assert client_for(editor).get(preview_url(article)).status_code == 200
    response = client_for(author).get(preview_url(article))
    assert response.status_code == 200
    assert "Brouillon secret" in response.content.decode()

    assert client_for(other_author).get(preview_url(article)).status_code == 404
    assert client_for(moderator).get(preview_url(article)).status_code == 404
    assert Client().get(preview_url(article)).status_code == 404
