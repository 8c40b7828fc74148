"""The comments' actions on the shared action layer: the rules hold whoever calls them, and
every committed change says which pages it touched."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError

from comments.actions import ApproveComment, EraseCommenterData, PostComment, RemoveComment
from comments.models import Comment
from core.actions import action_committed
from tests.comments.conftest import logged_in, make_comment

pytestmark = pytest.mark.django_db

TOO_DEEP = (
    "Cette conversation ne peut pas aller plus loin : répondez plutôt à un commentaire "
    "précédent."
)


def thread(article, depth):
    """Approved comments, each replying to the previous one, ``depth`` deep."""
    parent = None
    for _level in range(depth):
        parent = make_comment(article, parent=parent)
    return parent


def reply(article, parent, **fields):
    return PostComment(
        article,
        name="Sacha",
        email="sacha@lecteurs.test",
        body="Une réponse de plus.",
        parent=parent,
        **fields,
    )


def test_a_reply_deeper_than_the_limit_is_refused_by_the_action(article, settings):
    settings.COMMENTS_MAX_DEPTH = 3
    deepest = thread(article, 3)

    with pytest.raises(ValidationError) as refusal:
        reply(article, deepest).execute()

    assert refusal.value.messages == [TOO_DEEP]
    assert Comment.objects.count() == 3


def test_a_reply_within_the_limit_is_taken(article, settings):
    settings.COMMENTS_MAX_DEPTH = 3
    parent = thread(article, 2)

    comment = reply(article, parent).execute()

    assert comment.parent == parent
    assert comment.depth() == 3


def test_a_posted_comment_announces_the_article_page(article, django_capture_on_commit_callbacks):
    received = []

    def listener(sender, action, **kwargs):
        received.append(action.affected_objects())

    action_committed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            comment = reply(article, None).execute()
            assert received == []  # Nothing before the commit.
    finally:
        action_committed.disconnect(listener)

    assert received == [[comment, article]]


def test_moderation_is_logged_once_per_decision(article, moderator):
    comment = make_comment(article, status=Comment.Status.PENDING)

    ApproveComment(comment, moderator).execute()
    RemoveComment(comment, moderator).execute()

    assert list(
        LogEntry.objects.filter(object_id=str(comment.pk)).values_list("change_message", flat=True)
    ) == ["Removed.", "Approved."]


def test_erasing_needs_a_moderator_who_may_delete(article, author, moderator):
    make_comment(article, email="lou@lecteurs.test")

    with pytest.raises(PermissionDenied):
        EraseCommenterData("lou@lecteurs.test", author).execute()
    assert Comment.objects.get().email == "lou@lecteurs.test"

    assert EraseCommenterData("lou@lecteurs.test", moderator).execute() == 1


def test_erasing_from_code_anonymizes_and_logs_nothing(article):
    comment = make_comment(article, email="lou@lecteurs.test", name="Lou")

    count = EraseCommenterData("lou@lecteurs.test").execute()

    comment.refresh_from_db()
    assert count == 1
    assert (comment.name, comment.email, comment.ip_address) == ("Anonyme", "", None)
    assert not LogEntry.objects.exists()


def test_a_bulk_moderation_says_why_a_comment_was_left(article, moderator):
    approved = make_comment(article)
    pending = make_comment(article, status=Comment.Status.PENDING)

    response = logged_in(moderator).post(
        "/admin/comments/comment/?status=all",
        {"action": "mark_not_spam_selected", "_selected_action": [approved.pk, pending.pk]},
        follow=True,
    )

    said = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("n’est pas marqué comme indésirable" in message for message in said)
    approved.refresh_from_db()
    assert approved.status == Comment.Status.APPROVED
