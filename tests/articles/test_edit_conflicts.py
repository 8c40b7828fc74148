"""No edit lost: a save based on an older version of an article than the stored one is refused,
with the other person's changes shown field by field, then merged or overwritten knowingly;
whatever path made the other change (the form, a bulk action, code)."""

import re
import threading

import pytest
from django.db import connection

from articles.actions import EditConflict, PublishArticle, SaveArticle
from articles.admin.articles import ArticleAdmin
from articles.models import Article
from tests.articles.fixtures_admin import *  # noqa: F403
from tests.articles.fixtures_admin import article_form_data, make_article

pytestmark = pytest.mark.django_db


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def opened(client, article):
    """Open the change form: the POST data of the article as it stands, with the version
    the form was opened at, read from the page."""
    page = client.get(change_url(article))
    assert page.status_code == 200
    version = re.search(r'name="base_version" value="(\d+)"', page.content.decode()).group(1)
    return article_form_data(
        title=article.title,
        slug=article.slug,
        standfirst=article.standfirst,
        body=article.body,
        status=article.status,
        authors=[author.pk for author in article.ordered_authors],
        tags=", ".join(article.tags.names()),
        base_version=version,
    )


def conflict_of(response):
    return response.context["adminform"].form.conflict


@pytest.fixture
def article(author):
    article = make_article(
        "Le titre de départ", authors=[author], standfirst="Le chapeau de départ."
    )
    # Saved once through its action, as by the admin: the version the forms open at.
    return SaveArticle(article, author).execute()


@pytest.fixture
def second_editor():
    from core.roles import EDITORS
    from tests.factories import make_user

    return make_user("second-editor", EDITORS, first_name="Louise", last_name="Weiss")


def test_the_second_save_from_the_same_version_is_refused_with_the_other_changes(
    editor, second_editor, article
):
    first, second = client_for(editor), client_for(second_editor)  # noqa: F405
    first_form, second_form = opened(first, article), opened(second, article)

    saved = first.post(change_url(article), {**first_form, "title": "Le titre de Louise"})
    assert saved.status_code == 302
    response = second.post(
        change_url(article), {**second_form, "title": "Le titre d’Ernest"}
    )

    assert response.status_code == 200
    article.refresh_from_db()
    assert article.title == "Le titre de Louise"
    content = response.content.decode()
    assert "Someone else changed this article" in content or "Quelqu’un d’autre" in content
    # What was typed is still in the form, and their version is beside it.
    assert 'value="Le titre d’Ernest"' in content
    [row] = conflict_of(response).rows
    assert row["name"] == "title" and row["both"] and row["choice"] is None


def test_fields_only_the_other_person_changed_are_merged(editor, second_editor, article):
    first, second = client_for(editor), client_for(second_editor)  # noqa: F405
    first_form, second_form = opened(first, article), opened(second, article)
    first.post(change_url(article), {**first_form, "title": "Un titre corrigé"})

    second_data = {**second_form, "standfirst": "Un chapeau réécrit."}
    response = second.post(change_url(article), second_data)
    conflict = conflict_of(response)
    [row] = conflict.rows
    assert row["name"] == "title" and not row["both"] and row["choice"] == "theirs"

    response = second.post(
        change_url(article), {**second_data, "conflict_seen": conflict.current_version}
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Un titre corrigé"
    assert article.standfirst == "Un chapeau réécrit."


def test_where_both_changed_a_choice_is_required_then_kept(editor, second_editor, article):
    first, second = client_for(editor), client_for(second_editor)  # noqa: F405
    first_form, second_form = opened(first, article), opened(second, article)
    first.post(change_url(article), {**first_form, "title": "Titre A", "standfirst": "Chapeau A."})
    second_data = {**second_form, "title": "Titre B"}
    seen = conflict_of(second.post(change_url(article), second_data)).current_version

    unanswered = second.post(change_url(article), {**second_data, "conflict_seen": seen})
    assert unanswered.status_code == 200
    assert "Choose which version to keep" in unanswered.content.decode() or (
        "Choisissez" in unanswered.content.decode()
    )

    response = second.post(
        change_url(article), {**second_data, "conflict_seen": seen, "merge_title": "mine"}
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.standfirst) == ("Titre B", "Chapeau A.")


def test_overwriting_knowingly_keeps_every_value_of_ones_own(editor, second_editor, article):
    first, second = client_for(editor), client_for(second_editor)  # noqa: F405
    first_form, second_form = opened(first, article), opened(second, article)
    first.post(change_url(article), {**first_form, "title": "Titre A", "standfirst": "Chapeau A."})
    second_data = {**second_form, "title": "Titre B"}
    seen = conflict_of(second.post(change_url(article), second_data)).current_version

    response = second.post(
        change_url(article),
        {**second_data, "conflict_seen": seen, "conflict_keep_mine": "1"},
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.standfirst) == ("Titre B", "Le chapeau de départ.")


def test_a_third_save_meanwhile_is_a_new_conflict(editor, second_editor, article):
    first, second = client_for(editor), client_for(second_editor)  # noqa: F405
    first_form, second_form = opened(first, article), opened(second, article)
    first.post(change_url(article), {**first_form, "title": "Titre A"})
    second_data = {**second_form, "title": "Titre B"}
    seen = conflict_of(second.post(change_url(article), second_data)).current_version
    article.refresh_from_db()
    article.title = "Titre C, écrit depuis le code"
    SaveArticle(article, editor).execute()

    response = second.post(
        change_url(article), {**second_data, "conflict_seen": seen, "merge_title": "mine"}
    )

    assert response.status_code == 200
    article.refresh_from_db()
    assert article.title == "Titre C, écrit depuis le code"
    assert conflict_of(response).current_version == article.edit_version


def test_a_publication_by_bulk_action_is_not_undone_by_an_open_form(
    editor, second_editor, article
):
    second = client_for(second_editor)  # noqa: F405
    second_data = {**opened(second, article), "title": "Un titre retouché"}
    article.refresh_from_db()
    client_for(editor).post(  # noqa: F405
        "/admin/articles/article/",
        {"action": "publish_selected", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED

    response = second.post(change_url(article), second_data)
    conflict = conflict_of(response)
    assert {row["name"]: row["choice"] for row in conflict.rows}.get("status") == "theirs"
    response = second.post(
        change_url(article), {**second_data, "conflict_seen": conflict.current_version}
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.title == "Un titre retouché"


def test_sources_someone_else_changed_are_kept(editor, second_editor, article):
    first, second = client_for(editor), client_for(second_editor)  # noqa: F405
    first_form, second_form = opened(first, article), opened(second, article)
    first.post(
        change_url(article),
        {
            **first_form,
            "sources-TOTAL_FORMS": "1",
            "sources-0-name": "Cour des comptes",
            "sources-0-url": "https://www.ccomptes.fr/",
            "sources-0-order": "0",
        },
    )
    second_data = {**second_form, "title": "Un titre précisé"}
    conflict = conflict_of(second.post(change_url(article), second_data))
    assert [row["name"] for row in conflict.rows] == ["sources"]

    second.post(change_url(article), {**second_data, "conflict_seen": conflict.current_version})

    article.refresh_from_db()
    assert article.title == "Un titre précisé"
    assert [source.name for source in article.sources.all()] == ["Cour des comptes"]


#: Saves that overlap need two connections writing at once, which SQLite never allows.
#: The data migrations' groups come back after these tests empty the database.
concurrent = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite lets one writer at a time, so saves cannot overlap; CI runs this test "
        "on PostgreSQL (DATABASE_URL)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@concurrent[0]
@concurrent[1]
def test_a_save_committed_between_the_check_and_the_save_is_caught(
    editor, second_editor, article, monkeypatch
):
    """The form's check passed, then someone else's save committed, from another connection,
    before this one wrote: the save is refused under the row lock and the form comes back
    with the conflict."""
    second = client_for(second_editor)  # noqa: F405
    second_data = {**opened(second, article), "title": "Titre B"}
    interleaved = []

    def other_save():
        try:
            other = Article.objects.get(pk=article.pk)
            other.title = "Titre A, enregistré au même instant"
            interleaved.append(SaveArticle(other, editor).execute())
        finally:
            connection.close()

    def someone_saves_now(self, request, obj, form, change):
        if not interleaved:
            thread = threading.Thread(target=other_save)
            thread.start()
            thread.join(30)

    monkeypatch.setattr(ArticleAdmin, "save_model", someone_saves_now)

    response = second.post(change_url(article), second_data)

    assert response.status_code == 200
    assert conflict_of(response).rows[0]["name"] == "title"
    article.refresh_from_db()
    assert article.title == "Titre A, enregistré au même instant"


def test_from_code_a_stale_version_is_refused(editor, article):
    opened_at = article.edit_version
    stale = SaveArticle(Article.objects.get(pk=article.pk), editor, base_version=opened_at)
    PublishArticle(Article.objects.get(pk=article.pk), editor).execute()

    with pytest.raises(EditConflict):
        SaveArticle(
            Article.objects.get(pk=article.pk), editor, base_version=opened_at
        ).execute()
    # Built before the other save, its check still sees the old version; the locked read
    # in the save sees the new one.
    with pytest.raises(EditConflict):
        stale.execute()
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


def test_every_save_moves_the_version_on(editor, article):
    before = article.edit_version
    article.title = "Un autre titre"
    SaveArticle(article, editor).execute()
    PublishArticle(Article.objects.get(pk=article.pk), editor).execute()
    assert Article.objects.get(pk=article.pk).edit_version == before + 2


@concurrent[0]
@concurrent[1]
def test_two_simultaneous_saves_never_lose_either_change(editor, second_editor, article):
    clients = [client_for(editor), client_for(second_editor)]  # noqa: F405
    forms = [opened(client, article) for client in clients]
    titles = ["Titre du premier", "Titre de la seconde"]
    start = threading.Barrier(2)
    responses = [None, None]

    def save(index):
        try:
            start.wait()
            responses[index] = clients[index].post(
                change_url(article), {**forms[index], "title": titles[index]}
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200, 302]
    saved = next(i for i, response in enumerate(responses) if response.status_code == 302)
    refused = 1 - saved
    article.refresh_from_db()
    assert article.title == titles[saved]
    # The refused change is not lost: it is in the form shown back, beside the other one.
    assert f'value="{titles[refused]}"' in responses[refused].content.decode()
