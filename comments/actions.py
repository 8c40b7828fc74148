"""
Every change of a comment, each one action (``core.actions``): a reader's post, a
moderator's decision, the erasure of a commenter's data.

The comment view, the admin's buttons and bulk actions, commands and tests all call these, so
a rule written here holds on every path. Side effects (e-mails, reports to Akismet) are
queued in ``after_commit()``, once the change is stored.
"""

import logging

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.actions import Action

from .models import (
    USER_AGENT_MAX_LENGTH,
    Comment,
    CommenterKey,
    UsedFormToken,
    comments_are_open,
    store_posted_comment,
)
from .spam import Submission, spam_signals

logger = logging.getLogger(__name__)

MODERATE_PERMISSION = "comments.moderate_comment"
ERASE_MODES = ("anonymize", "delete")


class CommentsClosed(PermissionDenied):
    """The article does not take comments (any more)."""


class FormAlreadySent(ValidationError):
    """The form's single-use token already posted a comment: nothing was stored."""

    def __init__(self):
        super().__init__(
            _(
                "This form was already used to send a comment. "
                "Check your comment and send it again."
            ),
            code="already_sent",
        )


def enqueue(task, *args):
    """Queue ``task``; a queue that cannot take it is logged: the change is already stored."""
    try:
        task.enqueue(*args)
    except Exception:
        logger.exception("Could not queue %s%r.", task.name, args)


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


class CommentAction(Action):
    """A change of one comment; the article's page shows it."""

    def __init__(self, comment, user):
        super().__init__(user)
        self.comment = comment

    def changed_objects(self):
        return [self.comment]

    def affected_objects(self):
        return [self.comment, self.comment.article]

    def message_context(self):
        return {"comment": self.comment}


class PostComment(CommentAction):
    """A reader's comment: through the spam defenses, stored, then announced.

    Its status is spam when a defense fired (with the signals, for the moderators),
    approved when COMMENTS_AUTO_APPROVE_KNOWN is on and ``commenter_key`` (the CommenterKey
    the commenter's browser holds, or None) makes them a trusted commenter, pending
    otherwise. A key not stored yet (``CommenterKey.new``) is stored with the comment. With
    ``confirm_address``, a comment that is not spam sends its commenter a link to confirm
    the address. Readers have no account: ``user`` is None.

    ``form_token``, the FormToken of the form it came from, is recorded as used in the
    same transaction as the comment: a form posts once (``FormAlreadySent`` otherwise), and
    a refused post leaves its token usable. One transaction, one commit, for the whole post.
    """

    label = gettext_lazy("Post the comment")

    def __init__(self, article, *, name, email, body, website="", parent=None, ip=None,
                 user_agent="", referrer="", honeypot="", issued_at=None,
                 commenter_key=None, confirm_address=False, form_token=None):
        super().__init__(None, None)
        self.article = article
        self.commenter_key = (
            commenter_key if commenter_key is not None and commenter_key.vouches_for(email)
            else None
        )
        self.confirm_address = confirm_address
        self.form_token = form_token
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
        self.signals = None

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
            form_token=form.token,
        )

    def check(self):
        if not comments_are_open(self.article):
            raise CommentsClosed(_("Comments are closed on this article."))
        parent = self.submission.parent
        if parent is None:
            return
        if parent.article_id != self.article.pk or not parent.is_approved:
            raise ValidationError(_("You can only reply to a published comment of this article."))
        if parent.depth() >= settings.COMMENTS_MAX_DEPTH:
            raise ValidationError(
                _("This conversation cannot go deeper: reply to an earlier comment instead.")
            )

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
        self.check()
        # Akismet may take a second to answer: no transaction is open meanwhile.
        self.signals = spam_signals(self.submission)
        try:
            return super().execute()
        except IntegrityError:
            # The transaction is undone; a second post of the form is the usual cause.
            if self.form_token is not None and UsedFormToken.objects.is_used(self.form_token):
                raise FormAlreadySent() from None
            raise

    def perform(self):
        submission = self.submission
        status = self.decide_status(self.signals)
        comment = Comment(
            article=self.article,
            parent=submission.parent,
            name=submission.name,
            email=submission.email,
            website=submission.website,
            body=submission.body,
            status=status,
            ip_address=submission.ip,
            user_agent=submission.user_agent[:USER_AGENT_MAX_LENGTH],
            spam_signals=self.signals,
        )
        self.comment = store_posted_comment(
            comment, commenter_key=self.commenter_key, form_token=self.form_token
        )
        return self.comment

    def after_commit(self):
        from . import tasks

        status = self.comment.status
        if self.confirm_address and status != Comment.Status.SPAM:
            enqueue(tasks.send_address_confirmation, self.comment.pk)
        if status == Comment.Status.PENDING and settings.COMMENTS_NOTIFY_MODERATORS:
            tasks.schedule_moderator_digest()
        elif status == Comment.Status.APPROVED and settings.COMMENTS_NOTIFY_AUTHORS:
            enqueue(tasks.notify_authors, self.comment.pk)


class ModerationAction(CommentAction):
    """A moderator's decision on one comment, recorded with who took it and when."""

    target_status = None

    def __init__(self, comment, user):
        super().__init__(comment, user)
        self.previous = comment.status

    def check(self):
        if not (self.user and self.user.is_active and self.user.has_perm(MODERATE_PERMISSION)):
            raise PermissionDenied(_("You may not moderate comments."))

    def new_status(self):
        return self.target_status

    def perform(self):
        comment = self.comment
        self.previous = comment.status
        comment.status = self.new_status()
        comment.moderated_by = self.user
        comment.moderated_at = timezone.now()
        comment.save(update_fields=["status", "moderated_by", "moderated_at"])
        return comment

    @property
    def akismet_said_spam(self):
        return bool({"akismet", "akismet_discard"} & set(self.comment.spam_signals or []))


class ApproveComment(ModerationAction):
    """Show the comment on the article; its authors may be told."""

    label = gettext_lazy("Approve")
    success_message = gettext_lazy("%(comment)s approved: it is on the site.")
    target_status = Comment.Status.APPROVED
    log_message = "Approved."

    def after_commit(self):
        from . import tasks

        if self.previous != Comment.Status.APPROVED and settings.COMMENTS_NOTIFY_AUTHORS:
            enqueue(tasks.notify_authors, self.comment.pk)
        if self.previous == Comment.Status.SPAM and self.akismet_said_spam:
            enqueue(tasks.report_to_akismet, self.comment.pk, "ham")


class MarkSpam(ModerationAction):
    """Hide the comment as spam; Akismet learns about spam it missed."""

    label = gettext_lazy("Spam")
    success_message = gettext_lazy("%(comment)s marked as spam.")
    target_status = Comment.Status.SPAM
    log_message = "Marked as spam."

    def after_commit(self):
        from . import tasks

        if not self.akismet_said_spam:
            enqueue(tasks.report_to_akismet, self.comment.pk, "spam")


class MarkNotSpam(ModerationAction):
    """Rescue a false positive: back to pending, or approved at once when its browser made
    it a trusted commenter's and COMMENTS_AUTO_APPROVE_KNOWN is on. Akismet learns of its
    error."""

    label = gettext_lazy("Not spam")
    success_message = gettext_lazy("%(comment)s marked as not spam.")
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

    def after_commit(self):
        from . import tasks

        if self.akismet_said_spam:
            enqueue(tasks.report_to_akismet, self.comment.pk, "ham")
        if self.comment.status == Comment.Status.APPROVED and settings.COMMENTS_NOTIFY_AUTHORS:
            enqueue(tasks.notify_authors, self.comment.pk)


class RemoveComment(ModerationAction):
    """Take the comment off the site, keeping it for the record."""

    label = gettext_lazy("Remove")
    success_message = gettext_lazy("%(comment)s removed from the site.")
    target_status = Comment.Status.REMOVED
    log_message = "Removed."


OPERATIONS = {
    "approve": ApproveComment,
    "spam": MarkSpam,
    "not_spam": MarkNotSpam,
    "remove": RemoveComment,
}


def resolve_mode(mode=None):
    mode = mode or settings.COMMENTS_ERASE_MODE
    if mode not in ERASE_MODES:
        raise ValueError(f"Unknown erase mode {mode!r}: use one of {', '.join(ERASE_MODES)}.")
    return mode


class EraseCommenterData(Action):
    """Erase every comment of an e-mail address; ``execute()`` returns how many it touched.

    ``anonymize`` (the default of COMMENTS_ERASE_MODE) keeps the text, under the name
    "Anonymous", without e-mail, website, IP address nor user agent; ``delete`` removes the
    comments, and replies to them stay, detached from them. In both modes the address's
    commenter keys are deleted: no browser proves it any more, and no confirmation link sent
    to it works. ``user`` is the moderator who asks, or None for the operator at the command
    line.
    """

    label = gettext_lazy("Erase the commenter's data")

    def __init__(self, email, user=None, mode=None):
        super().__init__(user)
        self.email = (email or "").strip()
        self.mode = resolve_mode(mode)
        self.comments = []

    def check(self):
        user = self.user
        if user is not None and not (
            user.has_perm(MODERATE_PERMISSION) and user.has_perm("comments.delete_comment")
        ):
            raise PermissionDenied(_("You may not erase commenters' data."))

    def perform(self):
        if not self.email:
            return 0
        CommenterKey.objects.for_email(self.email).delete()
        comments = Comment.objects.by_email(self.email)
        self.comments = list(comments.select_related("article"))
        if not self.comments:
            return 0
        if self.mode == "delete":
            comments.delete()
            # The admin's history names objects by their str(), which holds no personal
            # data; change messages never do either. Delete it for deleted comments anyway.
            LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(Comment),
                object_id__in=[str(comment.pk) for comment in self.comments],
            ).delete()
        else:
            comments.update(
                name=_("Anonymous"), email="", website="", ip_address=None, user_agent=""
            )
        return len(self.comments)

    def log(self):
        """No log entry: it would keep a trace of the person whose data is erased."""

    def affected_objects(self):
        return list({comment.article_id: comment.article for comment in self.comments}.values())
