"""
State changes of an article, each one operation.

The admin form, the admin's bulk actions, management commands and tests all
call these, so a rule added to ``check()`` holds on every path.
"""

import reversion
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Article


class ArticleAction:
    """Check that ``user`` may apply this change to ``article``, then apply it."""

    target_status = None
    log_message = ""

    def __init__(self, article, user):
        self.article = article
        self.user = user

    def check(self):
        if not self.user.has_perm("articles.change_article"):
            raise PermissionDenied(_("You may not change articles."))
        if (
            self.article.pk
            and not Article.objects.editable_by(self.user).filter(pk=self.article.pk).exists()
        ):
            raise PermissionDenied(_("You may only change your own articles."))

    def apply(self):
        self.article.status = self.target_status

    @transaction.atomic
    def execute(self):
        self.check()
        # A revision of its own, with who and why; inside an admin save, part of that one.
        with reversion.create_revision():
            reversion.set_user(self.user)
            if not reversion.get_comment():
                reversion.set_comment(self.log_message)
            self.apply()
            self.article.save()
        self.log()
        return self.article

    def log(self):
        LogEntry.objects.log_actions(
            user_id=self.user.pk,
            queryset=[self.article],
            action_flag=CHANGE,
            change_message=self.log_message,
            single_object=True,
        )


class PublishArticle(ArticleAction):
    """Publish now, or at ``article.published_at`` when that date is in the future."""

    target_status = Article.Status.PUBLISHED
    log_message = "Published."

    def check(self):
        super().check()
        if not self.user.has_perm("articles.publish_article"):
            raise PermissionDenied(_("You may not publish articles."))
        problems = self.article.publication_problems()
        if problems:
            raise ValidationError(problems)

    def apply(self):
        super().apply()
        if self.article.published_at is None:
            self.article.published_at = timezone.now()


class SubmitForReview(ArticleAction):
    """Hand a draft to the editors."""

    target_status = Article.Status.REVIEW
    log_message = "Submitted for review."

    def check(self):
        super().check()
        if self.article.status == Article.Status.PUBLISHED and not self.user.has_perm(
            "articles.publish_article"
        ):
            raise PermissionDenied(_("You may not unpublish articles."))


class BackToDraft(ArticleAction):
    """Take an article back to draft; a published one leaves the site."""

    target_status = Article.Status.DRAFT
    log_message = "Back to draft."

    def check(self):
        super().check()
        if self.article.status == Article.Status.PUBLISHED and not self.user.has_perm(
            "articles.publish_article"
        ):
            raise PermissionDenied(_("You may not unpublish articles."))


class RecordReview(ArticleAction):
    """An editor vouches for the article: they read it against its sources, and say so.

    Who and when are kept on the article, shown in the admin and to readers. The publishing
    policy (``ARTICLES_AI_REVIEW_REQUIRED``) wants the reviewer not to be one of the authors;
    ``Article.review_problems()`` checks it again at publication, as authors may change.
    """

    log_message = "Review recorded."

    def check(self):
        super().check()
        if not self.user.has_perm("articles.review_article"):
            raise PermissionDenied(_("You may not record reviews of articles."))
        if settings.ARTICLES_AI_REVIEW_REQUIRED and self.user.pk in self.article.author_ids():
            raise PermissionDenied(
                _("You are one of the article's authors: another editor must review it.")
            )

    def apply(self):
        self.article.review_done = True
        self.article.reviewed_by = self.user
        self.article.reviewed_at = timezone.now()


ACTIONS_BY_STATUS = {
    Article.Status.PUBLISHED: PublishArticle,
    Article.Status.REVIEW: SubmitForReview,
    Article.Status.DRAFT: BackToDraft,
}


def change_status(article, user, status):
    """Run the action that takes ``article`` to ``status``."""
    return ACTIONS_BY_STATUS[status](article, user).execute()
