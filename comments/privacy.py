"""
Commenters' personal data: export by e-mail address, and the clean-up of IP addresses and
user agents kept past their retention period. Erasing is an action,
``comments.actions.EraseCommenterData``.

The management commands and the admin actions both call these.
"""

from django.utils import timezone

from .models import Comment, CommenterKey


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


def purge_ip_data(days=None):
    """Clear the IP address and user agent of comments older than ``days``
    (COMMENTS_IP_RETENTION_DAYS by default); returns how many comments changed."""
    return Comment.objects.with_old_ip_data(days).update(ip_address=None, user_agent="")
