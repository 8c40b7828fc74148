"""E-mails about comments, sent by django-tasks once the comment is committed."""

import logging

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from comments import tasks
from comments.actions import ApproveComment, MarkNotSpam
from comments.models import Comment, CommenterKey
from core.models import SiteSettings
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
        assert "Un commentaire attend la modération" in message.subject
        assert "\n" not in message.subject
        assert article.title in message.body
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
        assert mailoutbox == [] and callbacks
        for callback in callbacks:
            callback()
        assert mailoutbox

    def test_a_failing_mail_server_loses_nothing_and_breaks_nothing(
        self, client, article, moderators, settings, mailoutbox, on_commit, caplog
    ):
        settings.EMAIL_BACKEND = "tests.comments.fakes.FailingEmailBackend"
        with caplog.at_level(logging.ERROR):
            response = on_commit(post_comment, client, article, body="Ne pas perdre")
        assert response.status_code == 302
        comment = Comment.objects.get()
        assert comment.body == "Ne pas perdre" and comment.status == Comment.Status.PENDING
        assert "Could not send the e-mail about 1 pending comment" in caplog.text
        # The reader is told as usual.
        assert "Ne pas perdre" in client.get(response["Location"]).content.decode()

    def test_a_queue_that_refuses_the_task_loses_nothing(
        self, client, article, moderators, mailoutbox, on_commit, caplog, monkeypatch
    ):
        class RefusingTask:
            name = "notify_moderators"

            def get_backend(self):
                return tasks.notify_moderators.get_backend()

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
        # At the end of the interval, for every comment that comes in meanwhile.
        wait = (queued.run_after - timezone.now()).total_seconds()
        assert 290 < wait <= 300


class TestModeratorDigest:
    """One e-mail per interval (COMMENTS_NOTIFY_INTERVAL) tells of every new comment."""

    @pytest.fixture
    def deferred_tasks(self, settings):
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    @staticmethod
    def post_several(article, count, on_commit, first=0):
        for number in range(first, first + count):
            response = on_commit(
                post_comment, Client(REMOTE_ADDR=f"203.0.113.{number}"), article,
                name=f"Lecteur {number}", email=f"lecteur{number}@lecteurs.test",
                body=f"Remarque numéro {number} sur le béton.",
            )
            assert response.status_code == 302

    @pytest.fixture
    def run_queued(self, run_due_tasks):
        """Run the queued tasks as the worker would, once their time has come."""
        from django_tasks import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        def run():
            DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(
                run_after=timezone.now()
            )
            run_due_tasks()

        return run

    def test_comments_of_one_interval_make_one_email_listing_them_all(
        self, article, moderators, mailoutbox, on_commit, deferred_tasks, run_queued
    ):
        from django_tasks_db.models import DBTaskResult

        self.post_several(article, 7, on_commit)

        assert DBTaskResult.objects.count() == 1
        assert mailoutbox == []
        run_queued()
        assert len(mailoutbox) == len(moderators)
        assert recipients(mailoutbox) == moderators
        message = mailoutbox[0]
        assert "7 commentaires" in message.subject and "\n" not in message.subject
        assert "7 nouveaux commentaires" in message.body
        for comment in Comment.objects.all():
            assert f"/admin/comments/comment/{comment.pk}/change/" in message.body
            assert comment.name in message.body
        assert "Remarque numéro 6 sur le béton." in message.body
        assert "/admin/comments/comment/?status=pending" in message.body

    def test_the_next_interval_tells_only_of_the_new_comments(
        self, article, moderators, mailoutbox, on_commit, deferred_tasks, run_queued
    ):
        self.post_several(article, 3, on_commit)
        run_queued()
        mailoutbox.clear()
        cache.delete(tasks.DIGEST_SCHEDULED_KEY)  # the interval is over

        self.post_several(article, 2, on_commit, first=3)
        run_queued()

        assert len(mailoutbox) == len(moderators)
        body = mailoutbox[0].body
        assert "2 nouveaux commentaires" in body
        assert "Lecteur 3" in body and "Lecteur 4" in body and "Lecteur 0" not in body

    def test_a_digest_that_could_not_be_queued_is_sent_by_the_next_one(
        self, article, moderators, mailoutbox, on_commit, deferred_tasks, run_queued,
        monkeypatch, caplog,
    ):
        from core import mail

        class RefusingTask:
            def enqueue(self, *args):
                raise RuntimeError("The task queue is down.")

        self.post_several(article, 2, on_commit)
        with monkeypatch.context() as patched:
            patched.setattr(mail, "send_email", RefusingTask())
            with caplog.at_level(logging.ERROR):
                run_queued()
        assert mailoutbox == []
        cache.delete(tasks.DIGEST_SCHEDULED_KEY)

        self.post_several(article, 1, on_commit, first=2)
        run_queued()

        assert "3 nouveaux commentaires" in mailoutbox[0].body

    def test_a_digest_the_mail_server_broke_off_goes_once_to_each_moderator(
        self, article, moderators, mailoutbox, on_commit, deferred_tasks, run_queued,
        mail_server_hanging_up, caplog,
    ):
        self.post_several(article, 2, on_commit)
        mail_server_hanging_up("editeur@magazine.test")
        with caplog.at_level(logging.ERROR):
            run_queued()
        assert "Could not send the e-mail about 2 pending comment(s)" in caplog.text
        assert recipients(mailoutbox) == moderators - {"editeur@magazine.test"}

        run_queued()  # once the failed message's time has come again

        assert sorted(address for message in mailoutbox for address in message.to) == sorted(
            moderators
        )
        assert all("2 nouveaux commentaires" in message.body for message in mailoutbox)

    def test_comments_handled_before_the_digest_are_left_out(
        self, article, moderators, moderator, mailoutbox, on_commit, deferred_tasks, run_queued
    ):
        self.post_several(article, 2, on_commit)
        on_commit(ApproveComment(Comment.objects.get(name="Lecteur 0"), moderator).execute)
        mailoutbox.clear()

        run_queued()

        body = mailoutbox[0].body
        assert "Lecteur 1" in body and "Lecteur 0" not in body
        assert "Un nouveau commentaire attend" in body

    def test_an_interval_of_zero_tells_at_once(
        self, article, moderators, settings, mailoutbox, on_commit, deferred_tasks
    ):
        from django_tasks_db.models import DBTaskResult

        settings.COMMENTS_NOTIFY_INTERVAL = 0
        self.post_several(article, 2, on_commit)

        assert DBTaskResult.objects.count() == 2
        assert all(queued.task.run_after is None for queued in DBTaskResult.objects.all())


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
        "[Newsroom] Un commentaire attend la modération",
        "[Newsroom] Nouveau commentaire sur ",
    }
    for message in mailoutbox:
        # The moderators' digest names the article in its list, the authors' e-mail in its
        # subject.
        assert "« Les <b>éoliennes</b> & « le réseau » »" in message.subject + message.body
        assert "Léa <i>" in message.body
        assert 'Un <em>avis</em> "franc"' in message.body
        assert "&lt;" not in message.subject + message.body
        assert "&amp;" not in message.subject + message.body
        assert message.content_subtype == "plain" and not getattr(message, "alternatives", ())


def test_the_address_confirmation_subject_is_plain_text(client, article, mailoutbox, on_commit):
    SiteSettings.objects.update_or_create(pk=1, defaults={"site_name": "Sciences & <Vie>"})
    SiteSettings.forget()
    on_commit(post_comment, client, article, confirm_address="on")

    (message,) = [m for m in mailoutbox if m.to == ["dominique@lecteurs.test"]]
    assert message.subject.startswith("[Sciences & <Vie>] ")


def test_a_confirmation_link_that_could_not_be_sent_goes_when_tried_again(
    article, settings, mailoutbox
):
    """The task is retried after a failure (core/tasks.py): the key made for the unsent
    message must not count as the recent message that holds back the next one."""
    comment = make_comment(article, status=Comment.Status.PENDING, email="lou@lecteurs.test")
    settings.EMAIL_BACKEND = "tests.comments.fakes.FailingEmailBackend"
    with pytest.raises(OSError):
        tasks.send_address_confirmation.call(comment.pk)
    assert not CommenterKey.objects.for_email("lou@lecteurs.test").exists()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert tasks.send_address_confirmation.call(comment.pk) == 1
    assert [message.to for message in mailoutbox] == [["lou@lecteurs.test"]]
