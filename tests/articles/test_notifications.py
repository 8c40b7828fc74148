"""Editors hear of an article submitted for review, authors of theirs published or sent
back with a note: by e-mail, whatever path made the change (admin form, bulk action, code),
and never of their own doing."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from articles.actions import BackToDraft, PublishArticle, SubmitForReview
from articles.models import Article
from core.roles import AUTHORS, EDITORS
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")


@pytest.fixture(autouse=True)
def _mail_at_once(settings, site_base_url):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.LANGUAGE_CODE = "fr"


@pytest.fixture
def editor():
    return make_user("edith", EDITORS, first_name="Édith", last_name="Piaf",
                     email="edith@redaction.test")


@pytest.fixture
def second_editor():
    return make_user("emile", EDITORS, email="emile@redaction.test")


@pytest.fixture
def author():
    return make_user("albert", AUTHORS, first_name="Albert", last_name="Londres",
                     email="albert@redaction.test")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed():`` runs what waits for the commit, as a real request's end does."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def draft_of(author, title="Le pont qui se répare"):
    return make_article(title, authors=[author], status=Article.Status.DRAFT)


def sent_to(address):
    return [message for message in mail.outbox if address in message.to]


def test_editors_are_told_of_an_article_submitted_by_code(editor, second_editor, author, committed):
    article = draft_of(author)

    with committed():
        SubmitForReview(article, author).execute()

    assert sorted(address for message in mail.outbox for address in message.to) == [
        "edith@redaction.test",
        "emile@redaction.test",
    ]
    message = sent_to("edith@redaction.test")[0]
    assert "Le pont qui se répare" in message.subject
    assert "Albert Londres" in message.body
    assert f"http://testserver{change_url(article)}" in message.body
    # The site's language: French.
    assert "relecture" in message.body


def test_editors_are_told_of_an_article_submitted_in_the_admin_form(
    client, editor, author, committed
):
    article = draft_of(author)
    client.force_login(author)

    with committed():
        response = client.post(
            change_url(article),
            {
                "title": article.title,
                "slug": article.slug,
                "standfirst": "",
                "body": article.body,
                "status": Article.Status.REVIEW,
                "tags": "",
                "comments_open": "on",
                "writing_method": article.writing_method,
                "ai_system": "",
                "sources-TOTAL_FORMS": "0",
                "sources-INITIAL_FORMS": "0",
            },
        )

    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).status == Article.Status.REVIEW
    assert len(sent_to("edith@redaction.test")) == 1
    assert sent_to("albert@redaction.test") == []


def test_nobody_is_told_of_their_own_change(editor, committed):
    article = make_article("Seul", authors=[editor], status=Article.Status.DRAFT)

    with committed():
        SubmitForReview(article, editor).execute()
    with committed():
        PublishArticle(Article.objects.get(pk=article.pk), editor).execute()

    assert mail.outbox == []


def test_authors_are_told_when_their_article_is_published(editor, author, committed):
    article = draft_of(author)

    with committed():
        PublishArticle(article, editor).execute()

    (message,) = mail.outbox
    assert message.to == ["albert@redaction.test"]
    assert "publié" in message.subject


def test_authors_are_told_the_date_of_a_scheduled_article(editor, author, committed):
    article = draft_of(author)
    article.published_at = timezone.now() + timedelta(days=2)

    with committed():
        PublishArticle(article, editor).execute()

    (message,) = mail.outbox
    assert "programmé" in message.subject


def test_authors_are_told_why_their_article_was_sent_back_in_the_form(
    client, editor, author, committed
):
    article = draft_of(author)
    with committed():
        SubmitForReview(article, author).execute()
    mail.outbox.clear()
    client.force_login(editor)

    with committed():
        response = client.post(
            change_url(article),
            {
                "title": article.title,
                "slug": article.slug,
                "standfirst": "",
                "body": article.body,
                "status": Article.Status.DRAFT,
                "send_back_note": "Il manque la source du chiffre.",
                "authors": [author.pk],
                "tags": "",
                "comments_open": "on",
                "writing_method": article.writing_method,
                "ai_system": "",
                "sources-TOTAL_FORMS": "0",
                "sources-INITIAL_FORMS": "0",
            },
        )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.sent_back_note == "Il manque la source du chiffre."
    assert article.sent_back_by == editor
    (message,) = mail.outbox
    assert message.to == ["albert@redaction.test"]
    assert "Il manque la source du chiffre." in message.body
    assert "Édith Piaf" in message.body


def test_authors_are_told_of_a_bulk_sending_back(client, editor, author, committed):
    article = draft_of(author)
    with committed():
        SubmitForReview(article, author).execute()
    mail.outbox.clear()
    client.force_login(editor)

    with committed():
        client.post(
            CHANGELIST,
            {"action": "back_to_draft_selected", "_selected_action": [article.pk]},
        )

    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT
    assert [message.to for message in mail.outbox] == [["albert@redaction.test"]]


def test_an_author_taking_back_their_own_article_is_not_sent_back(editor, author, committed):
    article = draft_of(author)
    with committed():
        SubmitForReview(article, author).execute()
    mail.outbox.clear()

    with committed():
        BackToDraft(Article.objects.get(pk=article.pk), author).execute()

    assert mail.outbox == []
    assert Article.objects.get(pk=article.pk).sent_back_at is None


def test_submitting_again_answers_the_sending_back(editor, author, committed):
    article = draft_of(author)
    with committed():
        SubmitForReview(article, author).execute()
    with committed():
        BackToDraft(Article.objects.get(pk=article.pk), editor, note="Trop long.").execute()

    with committed():
        SubmitForReview(Article.objects.get(pk=article.pk), author).execute()

    article.refresh_from_db()
    assert article.sent_back_at is None and article.sent_back_note == ""
    assert article.submitted_at is not None


def test_inactive_people_and_people_without_an_address_are_not_written_to(
    editor, author, committed
):
    editor.is_active = False
    editor.save()
    make_user("sans", EDITORS, email="")

    with committed():
        SubmitForReview(draft_of(author), author).execute()

    assert mail.outbox == []


def test_a_person_who_turned_emails_off_is_not_written_to(
    editor, second_editor, author, committed
):
    profile = editor.profile
    profile.email_notifications = False
    profile.save()

    with committed():
        SubmitForReview(draft_of(author), author).execute()

    assert [message.to for message in mail.outbox] == [["emile@redaction.test"]]


def test_each_person_turns_emails_off_in_their_profile(client, editor, author, committed):
    client.force_login(author)
    response = client.get("/admin/my-profile/")
    assert response.status_code == 302
    profile_url = response["Location"]
    assert profile_url == reverse("admin:accounts_profile_change", args=[author.profile.pk])
    form = client.get(profile_url).content.decode()
    assert 'name="email_notifications"' in form

    response = client.post(
        profile_url, {"public_slug": author.profile.public_slug, "language": ""}
    )

    assert response.status_code == 302
    author.profile.refresh_from_db()
    assert author.profile.email_notifications is False
    with committed():
        PublishArticle(draft_of(author), editor).execute()
    assert mail.outbox == []


def test_nobody_else_decides_what_a_person_receives(client, editor, author):
    client.force_login(editor)

    form = client.get(
        reverse("admin:accounts_profile_change", args=[author.profile.pk])
    ).content.decode()

    assert 'name="email_notifications"' not in form


def test_an_email_speaks_its_recipients_language(editor, second_editor, author, committed):
    profile = editor.profile
    profile.language = "en"
    profile.save()

    with committed():
        SubmitForReview(draft_of(author), author).execute()

    assert "awaits review" in sent_to("edith@redaction.test")[0].subject
    assert "attend une relecture" in sent_to("emile@redaction.test")[0].subject


def test_a_message_the_mail_server_broke_off_is_sent_again_alone(
    editor, second_editor, author, committed, settings, mail_server_hanging_up, run_due_tasks
):
    """Tried again after a failure (core.tasks.retried), the task must not write a second
    time to the editors the server had already accepted a message for."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    mail_server_hanging_up("emile@redaction.test")
    with committed():
        SubmitForReview(draft_of(author), author).execute()
    run_due_tasks()
    assert [message.to for message in mail.outbox] == [["edith@redaction.test"]]

    DBTaskResult.objects.update(run_after=timezone.now())
    run_due_tasks()

    assert sorted(address for message in mail.outbox for address in message.to) == [
        "edith@redaction.test",
        "emile@redaction.test",
    ]
