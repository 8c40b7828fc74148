"""E-mails about comments, sent by django-tasks once the comment is committed."""

import logging

import pytest
from django.contrib.auth.models import Permission

from comments import tasks
from comments.actions import ApproveComment, MarkNotSpam
from comments.models import Comment, CommenterKey
from core.roles import MODERATORS

from .conftest import make_article, make_comment, make_user, post_comment, trusted_browser

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderators(moderator, editor):
    """Who may moderate: the Moderators and Editors groups, superusers, and a user
    given the permission directly; not authors, nor users without an address."""
    make_user("sans-adresse", MODERATORS, email="")
    make_user("ancien", MODERATORS, is_active=False)
    direct = make_user("directe")
    direct.user_permissions.add(Permission.objects.get(codename="moderate_comment"))
    make_user("admin", is_superuser=True)
    return {
        "moderatrice@magazine.test",
        "editeur@magazine.test",
        "directe@magazine.test",
        "admin@magazine.test",
    }


def recipients(mailoutbox):
    return {address for message in mailoutbox for address in message.to}


class TestModerators:
    def test_a_new_pending_comment_emails_the_moderators(
        self, client, article, moderators, mailoutbox, on_commit
    ):
        response = on_commit(post_comment, client, article, body="Une remarque pertinente")
        assert response.status_code == 302
        comment = Comment.objects.get()
        assert recipients(mailoutbox) == moderators
        message = mailoutbox[0]
        assert article.title in message.subject
        assert "\n" not in message.subject
        assert "Une remarque pertinente" in message.body
        assert f"https://magazine.test/admin/comments/comment/{comment.pk}/change/" in message.body
        assert "autrice@magazine.test" not in recipients(mailoutbox)

    def test_extra_addresses_from_the_settings(
        self, client, article, settings, mailoutbox, on_commit
    ):
        settings.COMMENTS_MODERATION_EMAILS = ["redaction@magazine.test"]
        on_commit(post_comment, client, article)
        assert recipients(mailoutbox) == {"redaction@magazine.test"}

    def test_spam_does_not_email_anyone(self, client, article, moderators, mailoutbox, on_commit):
        on_commit(post_comment, client, article, topic="robot")
        assert Comment.objects.get().status == Comment.Status.SPAM
        assert mailoutbox == []

    def test_can_be_turned_off(self, client, article, moderators, settings, mailoutbox, on_commit):
        settings.COMMENTS_NOTIFY_MODERATORS = False
        on_commit(post_comment, client, article)
        assert mailoutbox == []

    def test_nothing_is_sent_before_the_comment_is_committed(
        self, client, article, moderators, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            post_comment(client, article)
        assert mailoutbox == [] and len(callbacks) == 1

    def test_a_failing_mail_server_loses_nothing_and_breaks_nothing(
        self, client, article, moderators, settings, mailoutbox, on_commit, caplog
    ):
        settings.EMAIL_BACKEND = "tests.comments.fakes.FailingEmailBackend"
        with caplog.at_level(logging.ERROR):
            response = on_commit(post_comment, client, article, body="Ne pas perdre")
        assert response.status_code == 302
        comment = Comment.objects.get()
        assert comment.body == "Ne pas perdre" and comment.status == Comment.Status.PENDING
        assert "Could not send the e-mail about pending comment" in caplog.text
        # The reader is told as usual.
        assert "Ne pas perdre" in client.get(response["Location"]).content.decode()

    def test_a_queue_that_refuses_the_task_loses_nothing(
        self, client, article, moderators, mailoutbox, on_commit, caplog, monkeypatch
    ):
        class RefusingTask:
            name = "notify_moderators"

            def enqueue(self, *args):
                raise RuntimeError("The task queue is down.")

        monkeypatch.setattr(tasks, "notify_moderators", RefusingTask())
        with caplog.at_level(logging.ERROR):
            response = on_commit(post_comment, client, article)
        assert response.status_code == 302
        assert Comment.objects.count() == 1
        assert "Could not queue" in caplog.text

    def test_sent_off_the_request_path_with_the_database_backend(
        self, client, article, moderators, settings, mailoutbox, on_commit
    ):
        from django_tasks_db.models import DBTaskResult

        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        on_commit(post_comment, client, article)
        assert mailoutbox == []
        queued = DBTaskResult.objects.get()
        assert queued.task_path == "comments.tasks.notify_moderators"
        assert queued.args_kwargs["args"] == [Comment.objects.get().pk]


class TestAuthors:
    def test_approval_emails_the_articles_authors(
        self, article, author, moderator, mailoutbox, on_commit
    ):
        comment = make_comment(article, status=Comment.Status.PENDING, body="Bravo")
        on_commit(ApproveComment(comment, moderator).execute)
        assert recipients(mailoutbox) == {author.email}
        assert "Bravo" in mailoutbox[0].body
        assert f"https://magazine.test{article.get_absolute_url()}#comment-{comment.pk}" in (
            mailoutbox[0].body
        )

    def test_can_be_turned_off(self, article, moderator, settings, mailoutbox, on_commit):
        settings.COMMENTS_NOTIFY_AUTHORS = False
        comment = make_comment(article, status=Comment.Status.PENDING)
        on_commit(ApproveComment(comment, moderator).execute)
        assert mailoutbox == []

    def test_an_auto_approved_comment_emails_the_authors(
        self, client, article, author, mailoutbox, on_commit
    ):
        trusted_browser(client, article)
        on_commit(post_comment, client, article)
        assert Comment.objects.latest("pk").status == Comment.Status.APPROVED
        assert recipients(mailoutbox) == {author.email}

    def test_a_rescued_known_commenter_emails_the_authors(
        self, article, author, moderator, mailoutbox, on_commit
    ):
        key, _secret = CommenterKey.issue("lou@lecteurs.test")
        make_comment(article, name="Lou", email="lou@lecteurs.test", commenter_key=key)
        comment = make_comment(article, name="Lou", email="lou@lecteurs.test",
                               status=Comment.Status.SPAM, commenter_key=key)
        on_commit(MarkNotSpam(comment, moderator).execute)
        assert recipients(mailoutbox) == {author.email}

    def test_an_author_commenting_is_not_told_about_their_own_comment(
        self, article, author, moderator, mailoutbox, on_commit
    ):
        comment = make_comment(article, email=author.email, status=Comment.Status.PENDING)
        on_commit(ApproveComment(comment, moderator).execute)
        assert mailoutbox == []

    def test_a_failing_mail_server_does_not_undo_the_approval(
        self, article, moderator, settings, on_commit, caplog
    ):
        settings.EMAIL_BACKEND = "tests.comments.fakes.FailingEmailBackend"
        comment = make_comment(article, status=Comment.Status.PENDING)
        with caplog.at_level(logging.ERROR):
            on_commit(ApproveComment(comment, moderator).execute)
        comment.refresh_from_db()
        assert comment.status == Comment.Status.APPROVED
        assert "Could not send the e-mail about approved comment" in caplog.text


def test_tasks_skip_comments_that_changed_meanwhile(article, moderators, mailoutbox):
    comment = make_comment(article, status=Comment.Status.SPAM)
    assert tasks.notify_moderators.call(comment.pk) == 0
    assert tasks.notify_authors.call(comment.pk) == 0
    assert tasks.notify_moderators.call(10**9) == 0
    assert mailoutbox == []


def test_e_mails_are_plain_text_never_html_escaped(
    client, author, moderator, moderators, mailoutbox, on_commit
):
    # Plain-text e-mails show what was typed: "&lt;" would be noise, and no HTML is sent.
    article = make_article(title="Les <b>éoliennes</b> & « le réseau »", authors=[author])
    on_commit(post_comment, client, article, name="Léa <i>", body='Un <em>avis</em> "franc"')
    on_commit(ApproveComment(Comment.objects.get(), moderator).execute)

    assert {message.subject.split("«")[0] for message in mailoutbox} == {
        "[Newsroom] Un commentaire attend la modération : ",
        "[Newsroom] Nouveau commentaire sur ",
    }
    for message in mailoutbox:
        assert "« Les <b>éoliennes</b> & « le réseau » »" in message.subject
        assert "Léa <i>" in message.body
        assert 'Un <em>avis</em> "franc"' in message.body
        assert "&lt;" not in message.subject + message.body
        assert "&amp;" not in message.subject + message.body
        assert message.content_subtype == "plain" and not getattr(message, "alternatives", ())
