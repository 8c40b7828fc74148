"""The pending-comments notice on the admin's index page."""

from django import template
from django.urls import reverse

from comments.models import Comment

register = template.Library()


@register.inclusion_tag("admin/comments/pending_notice.html", takes_context=True)
def pending_comments_notice(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.has_perm("comments.view_comment"):
        return {"count": None}
    return {
        "count": Comment.objects.pending().count(),
        "url": reverse("admin:comments_comment_changelist") + "?status=pending",
        "may_moderate": user.has_perm("comments.moderate_comment"),
    }
