"""
Operations on comments, each one object: ``check()`` then ``execute()``.

The comment view, the admin's buttons and bulk actions, commands and tests all
call these, so a rule added to ``check()`` holds on every path. Side effects
(e-mails, reports to Akismet) are queued once the transaction has committed.
"""

import logging

from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import USER_AGENT_MAX_LENGTH, Comment, comments_are_open
from .spam import Submission, spam_signals

logger = logging.getLogger(__name__)

MODERATE_PERMISSION = "comments.moderate_comment"


class CommentsClosed(PermissionDenied):
    """The article does not take comments (any more)."""


def enqueue_on_commit(task, *args):
    """Queue ``task`` once the current transaction commits. A queue that cannot
    take it is logged: the comment is already safely stored."""

    def enqueue():
        try:
            task.enqueue(*args)
        except Exception:
            logger.exception("Could not queue %s%r.", task.name, args)

    transaction.on_commit(enqueue)


def is_trusted_commenter(name, email, commenter_key):
    """Whether a comment may skip moderation: ``commenter_key``, the proof its browser
    carried (see commenters.py), is bound to ``email`` and proves it (confirmed by the
    e-mailed link, or shown by a comment sent with it that a moderator approved), and this
    name and address already have an approved comment. A name and an address alone, which
    anyone can type, prove nothing."""
    return (
        commenter_key is not None
        and commenter_key.vouches_for(email)
        and commenter_key.proves_address()
        and Comment.objects.approved().by_email(email).filter(name=name).exists()
    )


class PostComment:
    """A reader's comment: through the spam defenses, stored, then announced.

    Its status is spam when a defense fired (with the signals, for the moderators),
    approved when COMMENTS_AUTO_APPROVE_KNOWN is on and ``commenter_key`` (the CommenterKey
    the commenter's browser holds, or None) makes them a trusted commenter, pending
    otherwise. With ``confirm_address``, a comment that is not spam sends its commenter a
    link to confirm the address.
    """

    def __init__(self, article, *, name, email, body, website="", parent=None, ip=None,
                 user_agent="", referrer="", honeypot="", issued_at=None,
                 commenter_key=None, confirm_address=False):
        self.article = article
        self.commenter_key = (
            commenter_key if commenter_key is not None and commenter_key.vouches_for(email)
            else None
        )
        self.confirm_address = confirm_address
        self.submission = Submission(
            article=article,
            name=name,
            email=email,
            body=body,
            website=website,
            parent=parent,
            ip=ip,
            user_agent=user_agent,
            referrer=referrer,
            honeypot=honeypot,
            issued_at=issued_at,
        )

    @classmethod
    def from_form(cls, form, *, ip=None, user_agent="", referrer="", commenter_key=None):
        data = form.cleaned_data
        return cls(
            form.article,
            name=data["name"],
            email=data["email"],
            body=data["body"],
            website=data.get("website", ""),
            parent=data.get("parent"),
            ip=ip,
            user_agent=user_agent,
            referrer=referrer,
            honeypot=data.get("topic", ""),
            issued_at=form.issued_at,
            commenter_key=commenter_key,
            confirm_address=data.get("confirm_address", False),
        )

    def check(self):
        if not comments_are_open(self.article):
            raise CommentsClosed(_("Comments are closed on this article."))
        parent = self.submission.parent
        if parent is not None and (
            parent.article_id != self.article.pk or not parent.is_approved
        ):
            raise ValidationError(_("You can only reply to a published comment of this article."))

    def decide_status(self, signals):
        if signals:
            return Comment.Status.SPAM
        submission = self.submission
        if (
            settings.COMMENTS_AUTO_APPROVE_KNOWN
            and not submission.akismet_unavailable
            and is_trusted_commenter(submission.name, submission.email, self.commenter_key)
        ):
            return Comment.Status.APPROVED
        return Comment.Status.PENDING

    def execute(self):
        from . import tasks

        self.check()
        submission = self.submission
        # Akismet may take a second to answer: no transaction is open meanwhile.
        signals = spam_signals(submission)
        status = self.decide_status(signals)
        with transaction.atomic():
            comment = Comment.objects.create(
                article=self.article,
                parent=submission.parent,
                name=submission.name,
                email=submission.email,
                website=submission.website,
                body=submission.body,
                status=status,
                ip_address=submission.ip,
                user_agent=submission.user_agent[:USER_AGENT_MAX_LENGTH],
                spam_signals=signals,
                commenter_key=self.commenter_key,
            )
            if self.confirm_address and status != Comment.Status.SPAM:
                enqueue_on_commit(tasks.send_address_confirmation, comment.pk)
            if status == Comment.Status.PENDING and settings.COMMENTS_NOTIFY_MODERATORS:
                enqueue_on_commit(tasks.notify_moderators, comment.pk)
            elif status == Comment.Status.APPROVED and settings.COMMENTS_NOTIFY_AUTHORS:
                enqueue_on_commit(tasks.notify_authors, comment.pk)
        return comment


class ModerationAction:
    """A moderator's decision on one comment, recorded with who took it and when."""

    target_status = None
    log_message = ""

    def __init__(self, comment, user):
        self.comment = comment
        self.user = user

    def check(self):
        if not (self.user and self.user.is_active and self.user.has_perm(MODERATE_PERMISSION)):
            raise PermissionDenied(_("You may not moderate comments."))

    def new_status(self):
        return self.target_status

    @transaction.atomic
    def execute(self):
        self.check()
        comment = self.comment
        previous = comment.status
        comment.status = self.new_status()
        comment.moderated_by = self.user
        comment.moderated_at = timezone.now()
        comment.save(update_fields=["status", "moderated_by", "moderated_at"])
        LogEntry.objects.log_actions(
            user_id=self.user.pk,
            queryset=[comment],
            action_flag=CHANGE,
            change_message=self.log_message,
            single_object=True,
        )
        self.after(previous)
        return comment

    def after(self, previous):
        """Queue what follows the decision, once it is committed."""

    @property
    def akismet_said_spam(self):
        return bool({"akismet", "akismet_discard"} & set(self.comment.spam_signals or []))


class ApproveComment(ModerationAction):
    """Show the comment on the article; its authors may be told."""

    target_status = Comment.Status.APPROVED
    log_message = "Approved."

    def after(self, previous):
        from . import tasks

        if previous != Comment.Status.APPROVED and settings.COMMENTS_NOTIFY_AUTHORS:
            enqueue_on_commit(tasks.notify_authors, self.comment.pk)
        if previous == Comment.Status.SPAM and self.akismet_said_spam:
            enqueue_on_commit(tasks.report_to_akismet, self.comment.pk, "ham")


class MarkSpam(ModerationAction):
    """Hide the comment as spam; Akismet learns about spam it missed."""

    target_status = Comment.Status.SPAM
    log_message = "Marked as spam."

    def after(self, previous):
        from . import tasks

        if not self.akismet_said_spam:
            enqueue_on_commit(tasks.report_to_akismet, self.comment.pk, "spam")


class MarkNotSpam(ModerationAction):
    """Rescue a false positive: back to pending, or approved at once when its browser made
    it a trusted commenter's and COMMENTS_AUTO_APPROVE_KNOWN is on. Akismet learns of its
    error."""

    log_message = "Marked as not spam."

    def check(self):
        super().check()
        if self.comment.status != Comment.Status.SPAM:
            raise ValidationError(_("This comment is not marked as spam."))

    def new_status(self):
        comment = self.comment
        if settings.COMMENTS_AUTO_APPROVE_KNOWN and is_trusted_commenter(
            comment.name, comment.email, comment.commenter_key
        ):
            return Comment.Status.APPROVED
        return Comment.Status.PENDING

    def after(self, previous):
        from . import tasks

        if self.akismet_said_spam:
            enqueue_on_commit(tasks.report_to_akismet, self.comment.pk, "ham")
        if self.comment.status == Comment.Status.APPROVED and settings.COMMENTS_NOTIFY_AUTHORS:
            enqueue_on_commit(tasks.notify_authors, self.comment.pk)


class RemoveComment(ModerationAction):
    """Take the comment off the site, keeping it for the record."""

    target_status = Comment.Status.REMOVED
    log_message = "Removed."


OPERATIONS = {
    "approve": ApproveComment,
    "spam": MarkSpam,
    "not_spam": MarkNotSpam,
    "remove": RemoveComment,
}


def moderate(comments, user, operation):
    """Apply ``operation`` (a key of OPERATIONS) to each comment; returns how many
    changed and how many were left as they were (not applicable to them)."""
    action_class = OPERATIONS[operation]
    done = skipped = 0
    for comment in comments:
        try:
            action_class(comment, user).execute()
        except ValidationError:
            skipped += 1
        else:
            done += 1
    return done, skipped
