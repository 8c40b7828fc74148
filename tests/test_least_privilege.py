"""Least privilege in the admin: each role reaches what its work needs and learns nothing of
the rest (the address or title of another's draft, an embargoed article, a tag only drafts
carry)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from articles.models import Article
from tests.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()


def client_of(user):
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def shortcut(obj):
    content_type = ContentType.objects.get_for_model(obj)
    return f"/admin/r/{content_type.pk}/{obj.pk}/"


class TestViewOnSite:
    """/admin/r/<type>/<id>/, the admin's "View on site" link."""

    def test_goes_to_a_published_article_for_those_who_may_view_it(self, world):
        for user in [world.editor, world.author, world.superuser]:
            response = client_of(user).get(shortcut(world.published))

            assert response.status_code == 302
            assert response["Location"] == world.published.get_absolute_url()

    @pytest.mark.parametrize("role", ["editor", "author", "moderator", "superuser"])
    def test_never_gives_the_address_of_a_draft_or_an_embargoed_article(self, world, role):
        client = client_of(world.staff[role])

        for article in [world.secret_draft, world.embargoed, world.own_draft]:
            response = client.get(shortcut(article))

            assert response.status_code == 404, (role, article)
            assert "Location" not in response
            assert article.slug not in response.content.decode()

    def test_a_moderator_reaches_no_article_nor_tag(self, world):
        client = client_of(world.moderator)

        assert client.get(shortcut(world.published)).status_code == 404
        assert client.get(shortcut(world.public_tag)).status_code == 404

    def test_a_moderator_reaches_a_comment(self, world):
        response = client_of(world.moderator).get(shortcut(world.comment))

        assert response.status_code == 302
        assert response["Location"] == world.comment.get_absolute_url()

    def test_the_address_is_on_the_host_that_was_asked(self, world):
        response = client_of(world.editor).get(shortcut(world.public_tag))

        assert response["Location"] == world.public_tag.get_absolute_url()
        assert "example.com" not in response["Location"]

    @pytest.mark.parametrize(
        "path",
        ["/admin/r/abc/1/", "/admin/r/999999/1/", "/admin/r/99999999999999999999999/1/"],
    )
    def test_an_unknown_type_is_not_found(self, world, path):
        assert client_of(world.superuser).get(path).status_code == 404

    def test_an_id_of_the_wrong_kind_is_not_found(self, world):
        client = client_of(world.superuser)
        article_type = ContentType.objects.get_for_model(Article).pk
        task_type = ContentType.objects.get(app_label="django_tasks_database").pk

        assert client.get(f"/admin/r/{article_type}/abc/").status_code == 404
        assert client.get(f"/admin/r/{article_type}/99999999999999999999999/").status_code == 404
        assert client.get(f"/admin/r/{task_type}/abc/").status_code == 404

    def test_strangers_are_sent_to_sign_in(self, world):
        for user in [None, world.reader]:
            response = client_of(user).get(shortcut(world.published))

            assert response.status_code == 302
            assert response["Location"].startswith("/admin/login/")

    def test_a_tag_only_drafts_carry_has_no_page_to_go_to(self, world):
        response = client_of(world.editor).get(shortcut(world.secret_tag))
        change = client_of(world.editor).get(f"/admin/articles/tag/{world.secret_tag.pk}/change/")

        assert response.status_code == 404
        assert change.status_code == 200
        assert shortcut(world.secret_tag) not in change.content.decode()
