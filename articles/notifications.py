"""
Who hears of an article's progress, by e-mail sent off the request path (django-tasks):
the editors when it is submitted for review, its authors when it is published or sent back
to them. The status actions (articles/actions.py) call these once their change is committed,
so the admin form, the bulk actions and code all notify alike; the person who made the
change is never told of it.

Each e-mail is written in its recipient's language when their profile says it, else in the
site's; links lead to the article's form in the admin, on the site's address. A message
that could not be sent is tried again later, alone (``core.mail``).
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from core import identity, mail
from core.names import display_name
from core.tasks import retried

from .models import Article

logger = logging.getLogger(__name__)

#: The permission of those told when an article awaits review.
REVIEWERS_PERMISSION = ("articles", "review_article")


def article_submitted(article, actor):
    _enqueue(tell_reviewers, article, actor)


def article_published(article, actor):
    _enqueue(tell_authors, article, actor, "published")


def article_sent_back(article, actor):
    _enqueue(tell_authors, article, actor, "sent_back")


def _enqueue(task_function, article, actor, *args):
    try:
        task_function.enqueue(article.pk, getattr(actor, "pk", None), *args)
    except Exception:
        # The change is made and committed; the dashboard shows it all the same.
        logger.exception("Could not queue the e-mail about article %s.", article.pk)


def wants_email(users):
    """The active ``users`` with an address who did not turn e-mails off in their profile
    (``accounts.Profile``; someone without one gets them)."""
    return (
        users.filter(is_active=True)
        .exclude(email="")
        .exclude(profile__email_notifications=False)
        .select_related("profile")
    )


def reviewers():
    """The users who may record reviews: editors, and superusers."""
    app_label, codename = REVIEWERS_PERMISSION
    permission = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()
    who_may = Q(is_superuser=True)
    if permission is not None:
        who_may |= Q(groups__permissions=permission) | Q(user_permissions=permission)
    return get_user_model().objects.filter(who_may).distinct()


def language_of(user):
    """The language ``user`` reads e-mails in: their profile's, else the site's."""
    profile = getattr(user, "profile", None)  # None for someone without a profile
    return (profile.language if profile else "") or settings.LANGUAGE_CODE


def change_form_url(article):
    return identity.absolute_url(reverse("admin:articles_article_change", args=[article.pk]))


def _send(kind, article, actor_id, recipients):
    """Queue the ``kind`` e-mail about ``article`` to each of ``recipients``, in their
    language. Returns the number of e-mails queued."""
    recipients = list(wants_email(recipients).exclude(pk=actor_id).order_by("pk"))
    if not recipients:
        return 0
    actor = get_user_model().objects.filter(pk=actor_id).first()
    context = {
        "article": article,
        "actor": display_name(actor) if actor else "",
        "authors": ", ".join(
            display_name(user) for user in article.ordered_authors
        ),
        "url": change_form_url(article),
        "site_name": identity.site_name(),
    }
    messages = []
    for recipient in recipients:
        with translation.override(language_of(recipient)):
            subject = render_to_string(f"articles/email/{kind}_subject.txt", context)
            body = render_to_string(f"articles/email/{kind}_body.txt", context)
        messages.append(EmailMessage(subject=" ".join(subject.split()), body=body,
                                     to=[recipient.email]))
    # One task a message: a retry must not write again to those already written to.
    return mail.send_separately(messages, f"article {article.pk} ({kind})")


@task()
@retried()
def tell_reviewers(article_id, actor_id):
    """Tell the editors an article awaits their review. Returns the number of e-mails queued."""
    article = Article.objects.filter(pk=article_id, status=Article.Status.REVIEW).first()
    if article is None:
        return 0
    return _send("submitted", article, actor_id, reviewers())


@task()
@retried()
def tell_authors(article_id, actor_id, kind):
    """Tell an article's authors it was published (``kind`` "published") or sent back to
    them ("sent_back"), if it still is. Returns the number of e-mails queued."""
    status = {"published": Article.Status.PUBLISHED, "sent_back": Article.Status.DRAFT}[kind]
    article = Article.objects.filter(pk=article_id, status=status).first()
    if article is None:
        return 0
    return _send(kind, article, actor_id, article.authors.all())
