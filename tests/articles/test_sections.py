"""The site's sections: the tags editors choose for the main menu, in their order.

A tag typed by an author on an article gets its archive page, never a place in the menu
until an editor says so; only editors choose sections, from the tag's form, the list, the
bulk actions or code.
"""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from articles.models import Article, Tag
from tests.articles.fixtures_admin import *  # noqa: F403
from tests.articles.fixtures_admin import article_form_data, client_for, make_article, make_user

pytestmark = pytest.mark.django_db

TAGS = "/admin/articles/tag/"


def menu(client):
    html = client.get("/").content.decode()
    nav = html[html.index('class="primary-nav"') : html.index("</nav>")]
    return re.findall(r'<a href="/tags/[^"]+/"[^>]*>([^<]+)</a>', nav)


def published_with(*tags):
    return make_article("Publié", status=Article.Status.PUBLISHED,
                        published_at=timezone.now() - timedelta(hours=1), tags=list(tags))


def tag_form(tag, **overrides):
    data = {
        "name": tag.name,
        "slug": tag.slug,
        "description": tag.description,
        "section_position": tag.section_position,
        "_save": "Save",
    }
    if tag.is_section:
        data["is_section"] = "on"
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def changelist_data(tags, action=None, rows=None):
    """The POST of the tag list: its editable rows (``rows``: pk → fields) or an action."""
    if action:
        return {"action": action, "_selected_action": [tag.pk for tag in tags]}
    data = {
        "form-TOTAL_FORMS": str(len(tags)),
        "form-INITIAL_FORMS": str(len(tags)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    for index, tag in enumerate(tags):
        fields = (rows or {}).get(tag.pk, {})
        data[f"form-{index}-id"] = str(tag.pk)
        data[f"form-{index}-section_position"] = str(
            fields.get("section_position", tag.section_position)
        )
        if fields.get("is_section", tag.is_section):
            data[f"form-{index}-is_section"] = "on"
    return data


@pytest.fixture
def tagger(db):
    """Someone who may edit tags (their names, descriptions) but not choose sections."""
    user = make_user("tina")
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="articles", codename__in=["view_tag", "change_tag"]
        )
    )
    return user


def test_the_menu_lists_the_sections_in_the_editors_order(client):
    climat = Tag.objects.create(name="Climat", is_section=True, section_position=2)
    societe = Tag.objects.create(name="Société", is_section=True, section_position=1)
    hardware = Tag.objects.create(name="Hardware", is_section=True, section_position=2)
    not_a_section = Tag.objects.create(name="Batteries")
    Tag.objects.create(name="Espace", is_section=True)  # nothing published: an empty archive
    published_with(climat, societe, hardware, not_a_section)

    # Equal positions are listed by name.
    assert menu(client) == ["Société", "Climat", "Hardware"]
    assert client.get(not_a_section.get_absolute_url()).status_code == 200


def test_a_section_joins_the_menu_with_its_first_published_article(client):
    espace = Tag.objects.create(name="Espace", is_section=True)
    climat = Tag.objects.create(name="Climat", is_section=True)
    make_article("Brouillon", status=Article.Status.DRAFT, tags=[espace, climat])
    make_article("Programmé", status=Article.Status.PUBLISHED, tags=[espace],
                 published_at=timezone.now() + timedelta(days=1))
    assert menu(client) == []
    assert list(Tag.objects.sections()) == []

    # Published before the newer draft and scheduled article: still found.
    published = published_with(climat)
    make_article("Autre brouillon", status=Article.Status.DRAFT, tags=[climat])
    assert menu(client) == ["Climat"]
    published.status = Article.Status.DRAFT
    published.save()
    assert menu(client) == []


def test_a_tag_typed_by_an_author_stays_out_of_the_menu_until_an_editor_adds_it(
    client, author, author_client, editor_client
):
    response = author_client.post(
        "/admin/articles/article/add/",
        article_form_data(title="Les drones du littoral", tags="Drones marins"),
    )
    assert response.status_code == 302
    article = Article.objects.get(title="Les drones du littoral")
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.PUBLISHED, published_at=timezone.now() - timedelta(hours=1)
    )
    drones = Tag.objects.get(name="Drones marins")

    assert client.get(drones.get_absolute_url()).status_code == 200
    assert "Drones marins" not in menu(client)

    response = editor_client.post(TAGS, changelist_data([drones], action="make_sections"))
    assert response.status_code == 302
    assert "Drones marins" in menu(client)


def test_editors_choose_sections_from_the_form_the_list_and_the_actions(editor_client):
    first, second = Tag.objects.create(name="Premier"), Tag.objects.create(name="Second")
    published_with(first, second)

    editor_client.post(f"{TAGS}{first.pk}/change/", tag_form(first, is_section="on",
                                                            section_position=5))
    first.refresh_from_db()
    assert (first.is_section, first.section_position) == (True, 5)

    editor_client.post(TAGS, changelist_data(
        [first, second], rows={second.pk: {"is_section": True, "section_position": 1}}
    ))
    assert menu(editor_client) == ["Second", "Premier"]

    editor_client.post(TAGS, changelist_data([first, second], action="remove_from_sections"))
    assert menu(editor_client) == []


def test_who_may_not_choose_sections_cannot_on_any_path(tagger, author):
    tag = Tag.objects.create(name="Drones marins", description="Avant")
    published_with(tag)
    client = client_for(tagger)

    # The form: the tag's description changes, its place in the menu does not.
    page = client.get(f"{TAGS}{tag.pk}/change/").content.decode()
    assert 'name="is_section"' not in page
    client.post(f"{TAGS}{tag.pk}/change/", tag_form(tag, description="Après",
                                                   is_section="on", section_position=1))
    # The list: no editable column, and a forged one is ignored.
    assert 'name="form-0-is_section"' not in client.get(TAGS).content.decode()
    client.post(TAGS, changelist_data([tag], rows={tag.pk: {"is_section": True}}))
    # The bulk action is not offered, and a forged one does nothing.
    assert "make_sections" not in client.get(TAGS).content.decode()
    client.post(TAGS, changelist_data([tag], action="make_sections"))

    tag.refresh_from_db()
    assert tag.description == "Après"
    assert not tag.is_section
    assert "Drones marins" not in menu(client)

    # Code goes through the same rule.
    for user in (tagger, author):
        with pytest.raises(PermissionDenied):
            tag.set_section(user, is_section=True)
    assert not Tag.objects.get(pk=tag.pk).is_section


def test_editors_may_choose_sections_from_code(editor):
    tag = Tag.objects.create(name="Océans")
    published_with(tag)

    tag.set_section(editor, is_section=True, position=3)

    assert list(Tag.objects.sections()) == [tag]
    assert Tag.objects.get(pk=tag.pk).section_position == 3


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_upgrading_keeps_the_menu_readers_saw():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("articles", "0005_article_provenance")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    OldTag, OldArticle = old.get_model("articles", "Tag"), old.get_model("articles", "Article")
    OldTagged = old.get_model("articles", "TaggedArticle")
    shown = OldTag.objects.create(name="Société", slug="societe")
    also_shown = OldTag.objects.create(name="Hardware", slug="hardware")
    draft_only = OldTag.objects.create(name="Brouillons", slug="brouillons")
    published = OldArticle.objects.create(
        title="Publié", slug="publie", status="published",
        published_at=timezone.now() - timedelta(hours=1),
    )
    draft = OldArticle.objects.create(title="Brouillon", slug="brouillon", status="draft")
    for tag, article in ((shown, published), (also_shown, published), (draft_only, draft)):
        OldTagged.objects.create(tag=tag, content_object=article)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert [tag.name for tag in Tag.objects.filter(is_section=True).order_by(
        "section_position")] == ["Hardware", "Société"]
