"""
Commenters' personal data: export and erasure by e-mail address, and the
clean-up of IP addresses and user agents kept past their retention period.

The management commands and the admin actions both call these functions.
"""

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Comment, CommenterKey

ERASE_MODES = ("anonymize", "delete")


def export_comments(email):
    """Every comment of ``email``, with everything stored about it, as JSON-ready data."""
    comments = (
        Comment.objects.by_email(email)
        .select_related("article")
        .order_by("created_at", "pk")
    )
    keys = CommenterKey.objects.for_email(email).order_by("created_at", "pk")
    return {
        "email": email,
        "exported_at": timezone.now().isoformat(),
        # Browsers holding a key to this address (the secrets themselves are not kept).
        "commenter_keys": [
            {
                "origin": key.origin,
                "created_at": key.created_at.isoformat(),
                "address_confirmed_at": key.verified_at.isoformat() if key.verified_at else None,
            }
            for key in keys
        ],
        "comments": [
            {
                "id": comment.pk,
                "article": comment.article.title,
                "article_url": comment.article.get_absolute_url(),
                "in_reply_to": comment.parent_id,
                "name": comment.name,
                "email": comment.email,
                "website": comment.website,
                "comment": comment.body,
                "status": comment.status,
                "created_at": comment.created_at.isoformat(),
                "ip_address": comment.ip_address,
                "user_agent": comment.user_agent,
                "moderated_at": comment.moderated_at.isoformat() if comment.moderated_at else None,
            }
            for comment in comments
        ],
    }


def export_many(emails):
    return {"exports": [export_comments(email) for email in sorted(set(emails))]}


def resolve_mode(mode=None):
    mode = mode or settings.COMMENTS_ERASE_MODE
    if mode not in ERASE_MODES:
        raise ValueError(f"Unknown erase mode {mode!r}: use one of {', '.join(ERASE_MODES)}.")
    return mode


@transaction.atomic
def erase_comments(email, mode=None):
    """Erase every comment of ``email``; returns how many comments were touched.

    ``anonymize`` (the default of COMMENTS_ERASE_MODE) keeps the text, under the name
    "Anonymous", without e-mail, website, IP address nor user agent; ``delete``
    removes the comments, and replies to them stay, detached from them. In both modes the
    address's commenter keys are deleted: no browser proves it any more, and no
    confirmation link sent to it works.
    """
    mode = resolve_mode(mode)
    email = (email or "").strip()
    if not email:
        return 0
    CommenterKey.objects.for_email(email).delete()
    comments = Comment.objects.by_email(email)
    ids = list(comments.values_list("pk", flat=True))
    if not ids:
        return 0
    if mode == "delete":
        comments.delete()
    else:
        comments.update(
            name=_("Anonymous"), email="", website="", ip_address=None, user_agent=""
        )
    # The admin's history names objects by their str(), which holds no personal
    # data; change messages never do either. Delete it for deleted comments anyway.
    if mode == "delete":
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Comment),
            object_id__in=[str(pk) for pk in ids],
        ).delete()
    return len(ids)


def purge_ip_data(days=None):
    """Clear the IP address and user agent of comments older than ``days``
    (COMMENTS_IP_RETENTION_DAYS by default); returns how many comments changed."""
    return Comment.objects.with_old_ip_data(days).update(ip_address=None, user_agent="")
