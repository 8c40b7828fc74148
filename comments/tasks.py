"""
Work done off the request path, through django-tasks: e-mails about comments
and reports to Akismet.

A failing mail server or Akismet never reaches the reader: the comment is stored
before anything is queued. A failure is logged with its traceback, and raised
again so the task backend records the task as failed and tries it again later
(``core.tasks.retried``): each task is safe to run again.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from core import identity, mail
from core.tasks import retried

from .models import Comment, CommenterKey

logger = logging.getLogger(__name__)


def moderator_emails():
    """Addresses of the active users who may moderate, plus COMMENTS_MODERATION_EMAILS."""
    permission = Permission.objects.filter(
        content_type__app_label="comments", codename="moderate_comment"
    ).first()
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    who_may = Q(is_superuser=True)
    if permission is not None:
        who_may |= Q(groups__permissions=permission) | Q(user_permissions=permission)
    emails = set(users.filter(who_may).values_list("email", flat=True))
    emails.update(settings.COMMENTS_MODERATION_EMAILS)
    return sorted(emails)


def _render(subject_template, body_template, context):
    """The subject and body of a message, in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(subject_template, context).split())
        body = render_to_string(body_template, context)
    return subject, body


def _send_separately(subject_template, body_template, context, recipients, what):
    """Queue the message to each of ``recipients``, one task each: a retry must not write
    again to those already written to (``core.mail``). Returns the number queued."""
    if not recipients:
        return 0
    subject, body = _render(subject_template, body_template, context)
    messages = [
        EmailMessage(subject=subject, body=body, to=[recipient]) for recipient in recipients
    ]
    return mail.send_separately(messages, what)


def _comment(comment_id):
    return Comment.objects.select_related("article").filter(pk=comment_id).first()


#: Set in the cache while a digest is queued for the end of the current interval.
DIGEST_SCHEDULED_KEY = "comments:moderator-digest-scheduled"
#: Comments a digest lists one by one; the queue's link gives the others.
DIGEST_MAX_LISTED = 50


def schedule_moderator_digest():
    """See that the moderators hear of a new pending comment: the first one of an interval
    (COMMENTS_NOTIFY_INTERVAL seconds) queues the digest for the end of it, the others find
    it queued. Call it once the comment is committed.

    With an interval of 0, or a task backend that cannot defer (the immediate one of
    development), the digest goes at once. With a cache per process (no REDIS_URL), each
    process may queue its own digest: a comment is still told of once.
    """
    interval = max(0, settings.COMMENTS_NOTIFY_INTERVAL)
    try:
        if interval and notify_moderators.get_backend().supports_defer:
            if not cache.add(DIGEST_SCHEDULED_KEY, True, timeout=interval):
                return
            run_after = timezone.now() + timedelta(seconds=interval)
            notify_moderators.using(run_after=run_after).enqueue()
        else:
            notify_moderators.enqueue()
    except Exception:
        # The next pending comment tries again, and its digest will list this one.
        cache.delete(DIGEST_SCHEDULED_KEY)
        logger.exception("Could not queue the moderators' digest.")


@task()
@retried()
def notify_moderators(comment_id=None):
    """Tell the moderators, in one e-mail, of the pending comments no digest listed yet:
    how many, and a link to each. Returns the number of e-mails queued.

    ``comment_id`` is ignored: tasks queued before digests existed named one comment.
    """
    with transaction.atomic():
        # Two digests running at once (one per process) share the comments, never both
        # announcing one.
        told = list(
            Comment.objects.pending()
            .filter(moderators_notified=False)
            .select_for_update(skip_locked=True)
            .order_by("created_at", "pk")
            .values_list("pk", flat=True)
        )
        Comment.objects.filter(pk__in=told).update(moderators_notified=True)
    if not told:
        return 0
    comments = list(
        Comment.objects.filter(pk__in=told[:DIGEST_MAX_LISTED])
        .select_related("article")
        .order_by("created_at", "pk")
    )
    context = {
        "count": len(told),
        "comments": [
            (
                comment,
                identity.absolute_url(
                    reverse("admin:comments_comment_change", args=[comment.pk])
                ),
            )
            for comment in comments
        ],
        "unlisted": len(told) - len(comments),
        "queue_url": identity.absolute_url(
            reverse("admin:comments_comment_changelist") + "?status=pending"
        ),
        "site_name": identity.site_name(),
    }
    try:
        return _send_separately(
            "comments/email/moderators_subject.txt",
            "comments/email/moderators_body.txt",
            context,
            moderator_emails(),
            f"{len(told)} pending comment(s)",
        )
    except Exception:
        # Not queued after all: the next digest lists them again.
        Comment.objects.filter(pk__in=told).update(moderators_notified=False)
        raise


@task()
@retried()
def notify_authors(comment_id):
    """Tell the article's authors a comment was published under it."""
    comment = _comment(comment_id)
    if comment is None or comment.status != Comment.Status.APPROVED:
        return 0
    article = comment.article
    recipients = sorted(
        set(
            article.authors.filter(is_active=True)
            .exclude(email="")
            .exclude(email__iexact=comment.email or "-")
            .values_list("email", flat=True)
        )
    )
    context = {
        "comment": comment,
        "article": article,
        "comment_url": identity.absolute_url(comment.get_absolute_url()),
        "site_name": identity.site_name(),
    }
    return _send_separately(
        "comments/email/authors_subject.txt",
        "comments/email/authors_body.txt",
        context,
        recipients,
        f"approved comment {comment_id}",
    )


@task()
@retried()
def send_address_confirmation(comment_id):
    """E-mail a commenter the link that confirms their address in the browser opening it.

    At most one message per address every COMMENTS_CONFIRMATION_INTERVAL_SECONDS, so that
    the form cannot be used to flood someone's mailbox. The link's key is made here: its
    secret is written only in the message.
    """
    from .commenters import confirmation_token

    comment = _comment(comment_id)
    if comment is None or not comment.email or comment.status not in (
        Comment.Status.PENDING, Comment.Status.APPROVED
    ):
        return 0
    since = timezone.now() - timedelta(seconds=settings.COMMENTS_CONFIRMATION_INTERVAL_SECONDS)
    recent = CommenterKey.objects.for_email(comment.email).filter(
        origin=CommenterKey.Origin.EMAIL, created_at__gte=since
    )
    if recent.exists():
        return 0
    key, secret = CommenterKey.issue(comment.email, origin=CommenterKey.Origin.EMAIL)
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("comments:confirm", args=[confirmation_token(key, secret)])
    context = {
        "comment": comment,
        "article": comment.article,
        "confirm_url": identity.absolute_url(path),
        "link_days": settings.COMMENTS_CONFIRMATION_LINK_DAYS,
        "site_name": identity.site_name(),
    }
    # Sent from here, one message: the link's secret is never kept in the task queue.
    subject, body = _render(
        "comments/email/confirm_subject.txt", "comments/email/confirm_body.txt", context
    )
    try:
        return EmailMessage(subject=subject, body=body, to=[comment.email]).send()
    except Exception:
        logger.exception("Could not send the e-mail about the address of comment %s.", comment_id)
        # Never sent: the key must not count as the recent message that holds back the
        # next try.
        key.delete()
        raise


@task()
@retried()
def report_to_akismet(comment_id, verdict):
    """Report a moderator's "spam" or "ham" verdict to Akismet."""
    from .spam import report_to_akismet as report

    comment = _comment(comment_id)
    if comment is None:
        return False
    try:
        return report(comment, verdict)
    except Exception:
        logger.exception("Could not report comment %s to Akismet as %s.", comment_id, verdict)
        raise
