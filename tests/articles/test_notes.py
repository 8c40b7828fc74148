"""Editor notes: a thread on each article, in the admin only, for those who may open the
article; added and resolved by actions, listed in the article's history, never shown to
readers nor exported with reader data."""

import json

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.actions import AddNote, ResolveNote
from articles.models import Article, ArticleNote
from comments.models import Comment
from comments.privacy import export_comments
from core.roles import AUTHORS, EDITORS, MODERATORS
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

SECRET = "Vérifier le chiffre de la mairie avant lundi"


@pytest.fixture(autouse=True)
def _english(english):
    """Assertions read the English words."""


@pytest.fixture
def editor():
    return make_user("edith", EDITORS, first_name="Édith", last_name="Piaf")


@pytest.fixture
def author():
    return make_user("albert", AUTHORS, first_name="Albert", last_name="Londres")


@pytest.fixture
def other_author():
    return make_user("olga", AUTHORS)


@pytest.fixture
def moderator():
    return make_user("marc", MODERATORS)


@pytest.fixture
def draft(author):
    return make_article("Le pont", authors=[author], status=Article.Status.DRAFT)


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def add_url(article):
    return reverse("admin:articles_article_add_note", args=[article.pk])


def resolve_url(note):
    return reverse("admin:articles_article_resolve_note", args=[note.article_id, note.pk])


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_an_editor_adds_a_note_on_a_passage_from_the_form(editor, draft):
    client = signed_in(editor)

    response = client.post(add_url(draft), {"text": SECRET, "anchor": "le chiffre"})

    assert response.status_code == 302
    assert response["Location"] == f"{change_url(draft)}#notes"
    note = ArticleNote.objects.get()
    assert (note.article, note.author, note.text, note.anchor) == (
        draft, editor, SECRET, "le chiffre"
    )
    page = client.get(change_url(draft)).content.decode()
    assert SECRET in page and "le chiffre" in page
    assert "was added" in page


def test_adding_a_note_changes_nothing_of_the_article(editor, draft):
    before = Article.objects.get(pk=draft.pk)

    signed_in(editor).post(add_url(draft), {"text": SECRET})

    after = Article.objects.get(pk=draft.pk)
    assert (after.title, after.body, after.updated_at) == (
        before.title, before.body, before.updated_at
    )


def test_an_empty_note_is_refused_with_a_reason(editor, draft):
    client = signed_in(editor)

    response = client.post(add_url(draft), {"text": "  "}, follow=True)

    assert ArticleNote.objects.count() == 0
    assert "The note was not added" in response.content.decode()


def test_a_note_view_answers_only_posts(editor, draft):
    assert signed_in(editor).get(add_url(draft)).status_code == 405


def test_authors_see_and_write_notes_on_their_own_articles_only(
    editor, author, other_author, draft
):
    AddNote(draft, editor, text=SECRET).execute()
    theirs = make_article("Chez Olga", authors=[other_author], status=Article.Status.DRAFT)
    AddNote(theirs, editor, text="Note pour Olga").execute()
    client = signed_in(author)

    assert SECRET in client.get(change_url(draft)).content.decode()
    assert client.post(add_url(draft), {"text": "Corrigé."}).status_code == 302
    assert client.get(change_url(theirs)).status_code == 404
    assert client.post(add_url(theirs), {"text": "Intrus"}).status_code == 404
    assert not ArticleNote.objects.filter(text="Intrus").exists()
    assert list(ArticleNote.objects.visible_to(author).values_list("text", flat=True)) == [
        SECRET, "Corrigé."
    ]


def test_moderators_neither_see_nor_write_notes(editor, moderator, draft):
    note = AddNote(draft, editor, text=SECRET).execute()
    client = signed_in(moderator)

    # Their admin does not even say whether the article exists.
    assert client.post(add_url(draft), {"text": "Intrus"}).status_code in (403, 404)
    assert client.post(resolve_url(note)).status_code in (403, 404)
    assert not ArticleNote.objects.filter(text="Intrus").exists()
    assert ArticleNote.objects.visible_to(moderator).count() == 0
    with pytest.raises(PermissionDenied):
        AddNote(draft, moderator, text="Intrus").execute()


def test_a_note_is_resolved_from_the_form_and_by_code(editor, author, draft):
    first = AddNote(draft, editor, text="Première").execute()
    second = AddNote(draft, editor, text="Seconde").execute()

    response = signed_in(author).post(resolve_url(first))
    ResolveNote(second, editor).execute()

    assert response.status_code == 302
    first.refresh_from_db()
    assert first.resolved and first.resolved_by == author and first.resolved_at
    assert ArticleNote.objects.open().count() == 0
    with pytest.raises(ValidationError):
        ResolveNote(ArticleNote.objects.get(pk=first.pk), editor).execute()


def test_notes_are_in_the_articles_history(editor, draft):
    note = AddNote(draft, editor, text=SECRET).execute()
    ResolveNote(note, editor).execute()

    history = signed_in(editor).get(
        reverse("admin:articles_article_history", args=[draft.pk])
    ).content.decode()

    assert "Note added" in history and "Note resolved" in history
    assert SECRET[:20] in history
    assert list(
        LogEntry.objects.filter(object_id=str(draft.pk)).values_list("change_message", flat=True)
    ) == ["Note resolved.", "Note added."]


def test_readers_never_meet_a_note(client, editor, author):
    article = make_article("Publié", authors=[author], body="<p>Le texte public.</p>")
    AddNote(article, editor, text=SECRET).execute()
    Comment.objects.create(article=article, name="Lou", email="lou@lecteurs.test",
                           body="Merci.", status=Comment.Status.APPROVED)

    for url in (
        article.get_absolute_url(), "/", "/feeds/rss/", "/feeds/atom/", "/sitemap.xml",
        "/search/?q=mairie", article.get_preview_url(),
    ):
        response = client.get(url, follow=True)
        assert SECRET not in response.content.decode(), url
    assert SECRET not in json.dumps(export_comments("lou@lecteurs.test"))


def test_the_change_form_fetches_the_notes_in_one_query(
    editor, draft, django_assert_num_queries
):
    for number in range(5):
        AddNote(draft, editor, text=f"Note {number}").execute()
    client = signed_in(editor)
    client.get(change_url(draft))
    with CaptureQueriesContext(connection) as few:
        client.get(change_url(draft))
    for number in range(5, 25):
        AddNote(draft, editor, text=f"Note {number}").execute()

    with django_assert_num_queries(len(few)):
        response = client.get(change_url(draft))

    assert response.content.decode().count('class="article-note"') == 25
