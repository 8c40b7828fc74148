"""
Every change of an article or of an image it shows, each one action (``core.actions``).

The admin (forms, bulk actions, history, media library), management commands, the demo
loader and tests all call these, so a rule written here holds on every path.

The publishing policy (``Article.publication_problems()``) holds for live content, not only
at publication: an action that would leave a published or scheduled article breaking it is
refused with the same reasons as a publication, except one legitimate case, new words from
someone other than the reviewer of a reviewed article: the review is withdrawn, and when the
policy needs one the article goes back to review, in the same transaction (see the README).
"""

import copy
import json

from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.actions import Action
from core.names import display_name

from . import notifications
from .models import (
    Article,
    ArticleAuthor,
    ArticleNote,
    Image,
    PreviewLink,
    Source,
    Tag,
    TaggedArticle,
)
from .words import reviewed_words


def locked_row(article):
    """The stored ``edit_version`` and ``status`` of ``article``, its row locked until the
    transaction ends (PostgreSQL; SQLite lets one writer at a time anyway); ``(None, None)``
    when it is not stored. The status goes to ``Article.save()``, which needs not look it up
    again to learn whether the article leaves the site."""
    return (
        Article.objects.select_for_update()
        .filter(pk=article.pk)
        .values_list("edit_version", "status")
        .first()
    ) or (None, None)


class EditConflict(ValidationError):
    """A save based on an older version of the article than the one stored: someone else
    saved it in between, and saving now would silently undo their change."""

    def __init__(self, article, base_version):
        self.article, self.base_version = article, base_version
        super().__init__(
            _(
                "Someone else saved this article after you opened it. Nothing was saved: "
                "compare their changes with yours below, then choose what to keep."
            ),
            code="edit_conflict",
        )


class ArticleAction(Action):
    """A change of one article by ``user``, kept as a revision and in the admin's log."""

    versioned = True
    #: The status the article ends in, for status changes.
    target_status = None

    def __init__(self, article, user):
        super().__init__(user)
        self.article = article

    def check(self):
        if not self.user.has_perm("articles.change_article"):
            raise PermissionDenied(_("You may not change articles."))
        if (
            not self.article._state.adding
            and not Article.objects.editable_by(self.user).filter(pk=self.article.pk).exists()
        ):
            raise PermissionDenied(_("You may only change your own articles."))

    def changed_objects(self):
        return [self.article]

    def message_context(self):
        return {"title": self.article.title}

    def apply(self):
        """Change the article in memory; ``perform()`` saves it."""
        self.article.status = self.target_status

    def perform(self):
        self.apply()
        status_before = None
        if not self.article._state.adding:
            self.article.edit_version, status_before = locked_row(self.article)
        self.article.save(status_before=status_before)
        return self.article


class PublishArticle(ArticleAction):
    """Publish now, or at ``article.published_at`` when that date is in the future; its
    authors are told by e-mail."""

    target_status = Article.Status.PUBLISHED
    label = gettext_lazy("Publish")
    success_message = gettext_lazy("“%(title)s” was published.")
    log_message = "Published."

    def __init__(self, article, user, *, author_ids=None):
        super().__init__(article, user)
        # The authors the article is about to have, when a save changes them too.
        self.author_ids = author_ids

    def check(self):
        super().check()
        if not self.user.has_perm("articles.publish_article"):
            raise PermissionDenied(_("You may not publish articles."))
        problems = self.article.publication_problems(self.author_ids)
        if problems:
            raise ValidationError(problems)

    def apply(self):
        super().apply()
        if self.article.published_at is None:
            self.article.published_at = timezone.now()

    def after_commit(self):
        notifications.article_published(self.article, self.user)


class Unpublishing(ArticleAction):
    """A status change that takes a live article off the site: the editors' decision."""

    def check(self):
        super().check()
        if self.article.status == Article.Status.PUBLISHED and not self.user.has_perm(
            "articles.publish_article"
        ):
            raise PermissionDenied(_("You may not unpublish articles."))


class SubmitForReview(Unpublishing):
    """Hand a draft to the editors, who are told by e-mail and see it on their dashboard."""

    target_status = Article.Status.REVIEW
    label = gettext_lazy("Submit for review")
    success_message = gettext_lazy("“%(title)s” was submitted for review.")
    log_message = "Submitted for review."

    def apply(self):
        super().apply()
        self.article.mark_submitted()

    def after_commit(self):
        notifications.article_submitted(self.article, self.user)


class BackToDraft(Unpublishing):
    """Take an article back to draft; a published one leaves the site.

    When someone other than its authors does it to an article in review or published, the
    article is sent back: ``note`` tells its authors why, by e-mail and on their dashboard.
    """

    target_status = Article.Status.DRAFT
    label = gettext_lazy("Back to draft")
    success_message = gettext_lazy("“%(title)s” was taken back to draft.")
    log_message = "Back to draft."

    def __init__(self, article, user, *, note=""):
        super().__init__(article, user)
        self.note = (note or "").strip()
        self.sent_back = False

    def apply(self):
        leaving = self.article.status
        super().apply()
        self.sent_back = (
            leaving in (Article.Status.REVIEW, Article.Status.PUBLISHED)
            and self.user.pk not in self.article.author_ids()
        )
        if self.sent_back:
            self.article.mark_sent_back(self.user, self.note)

    def after_commit(self):
        if self.sent_back:
            notifications.article_sent_back(self.article, self.user)


class RecordReview(ArticleAction):
    """An editor vouches for the article: they read it against its sources, and say so.

    Who and when are kept on the article, shown in the admin and to readers. The publishing
    policy (``ARTICLES_AI_REVIEW_REQUIRED``) wants the reviewer not to be one of the authors;
    ``Article.review_problems()`` checks it again whenever the authors change.
    """

    label = gettext_lazy("Record my review")
    success_message = gettext_lazy("Your review of “%(title)s” was recorded.")
    log_message = "Review recorded."

    def __init__(self, article, user, *, author_ids=None):
        super().__init__(article, user)
        self.author_ids = author_ids

    def check(self):
        super().check()
        if not self.user.has_perm("articles.review_article"):
            raise PermissionDenied(_("You may not record reviews of articles."))
        author_ids = self.author_ids if self.author_ids is not None else self.article.author_ids()
        if settings.ARTICLES_AI_REVIEW_REQUIRED and self.user.pk in author_ids:
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


class SaveArticle(ArticleAction):
    """Create or change an article: its fields, its authors in order, tags and sources,
    and in the same save the review of its editor and a change of status.

    ``article`` carries the new values of its fields (as a ModelForm leaves them before
    saving). ``authors`` (users, in the byline's order), ``tags`` (names or Tag objects) and
    ``sources`` ((name, url) pairs, in order) replace the current ones; None keeps them. A new
    article written by an author gets them as its author. ``status`` runs the status action
    that leads there; ``record_review`` records the user's review first.

    ``check()`` refuses with a ValidationError whose messages are keyed by the form field
    they concern (``status``, ``record_review``, or ``__all__`` for the publishing policy).
    """

    label = gettext_lazy("Save")
    success_message = gettext_lazy("“%(title)s” was saved.")
    log_message = "Changed."

    def __init__(self, article, user, *, authors=None, tags=None, sources=None, status=None,
                 record_review=False, log_message=None, note="", base_version=None):
        super().__init__(article, user)
        #: The ``edit_version`` the change was made from (a form's), or None from code that
        #: changes the article as it stands.
        self.base_version = base_version
        self.stored = Article.objects.filter(pk=article.pk).first() if article.pk else None
        if authors is None and self.stored is None and user is not None:
            authors = [user]
        self.authors = None if authors is None else list(dict.fromkeys(authors))
        self.tags = None if tags is None else list(tags)
        self.sources = None if sources is None else list(sources)
        stored_status = self.stored.status if self.stored else Article.Status.DRAFT
        self.status = status if status and status != stored_status else None
        self.record_review = record_review
        if self.stored is None:
            self.log_message, self.log_flag = "Added.", ADDITION
        if log_message is not None:
            self.log_message = log_message
        self.review_withdrawn_from = None
        self.back_to_review = False
        #: Why the article is sent back to its authors, when the new status is draft.
        self.note = note
        #: The status action this save applied, whose side effects follow the commit.
        self.status_action = None

    @property
    def author_ids(self):
        if self.authors is not None:
            return {author.pk for author in self.authors}
        return self.stored.author_ids() if self.stored else set()

    def check(self):
        super().check()
        stored = self.stored
        if stored is None and not self.user.has_perm("articles.add_article"):
            raise PermissionDenied(_("You may not write articles."))
        if stored is not None and stored.status == Article.Status.PUBLISHED and not (
            self.user.has_perm("articles.publish_article")
        ):
            raise PermissionDenied(_("Only editors may change a published article."))
        if (
            self.authors is not None
            and not self.user.has_perm("articles.edit_any_article")
            and self.user.pk not in self.author_ids
        ):
            raise PermissionDenied(_("You may only change your own articles."))
        if (
            stored is not None
            and self.base_version is not None
            and stored.edit_version != self.base_version
        ):
            raise EditConflict(stored, self.base_version)
        errors = {}
        # Judged on a copy: a form checks before anything is saved.
        candidate = copy.copy(self.article)
        candidate.status = stored.status if stored else Article.Status.DRAFT
        if self.record_review:
            review = RecordReview(candidate, self.user, author_ids=self.author_ids)
            try:
                review.check()
            except PermissionDenied as refusal:
                errors["record_review"] = [str(refusal)]
            else:
                review.apply()
        elif self._words_changed_under_review():
            candidate.withdraw_review()
        if self.status:
            action = self._status_action(candidate)
            try:
                action.check()
            except PermissionDenied as refusal:
                errors["status"] = [str(refusal) or _("You may not make this change.")]
            except ValidationError as refusal:
                errors["status"] = refusal.messages
        elif candidate.status == Article.Status.PUBLISHED:
            errors.update(self._live_problems(candidate))
        if errors:
            raise ValidationError(errors)

    def _status_action(self, article):
        action_class = ACTIONS_BY_STATUS[self.status]
        if action_class is PublishArticle:
            return PublishArticle(article, self.user, author_ids=self.author_ids)
        if action_class is BackToDraft:
            return BackToDraft(article, self.user, note=self.note)
        return action_class(article, self.user)

    def _words_changed_under_review(self):
        """Whether someone other than the reviewer changed the words of a reviewed article."""
        stored = self.stored
        if stored is None or not stored.review_done or stored.reviewed_by_id == self.user.pk:
            return False
        article = self.article
        return reviewed_words(stored.title, stored.standfirst, stored.body) != reviewed_words(
            article.title, article.standfirst, article.body
        )

    def _live_problems(self, candidate):
        """The policy on an article that stays live: the same reasons as at publication,
        unless the only one is the review that these new words withdrew."""
        problems = candidate.publication_problems(self.author_ids)
        self.back_to_review = False
        if not problems:
            return {}
        if self._words_changed_under_review() and not self.record_review:
            review_problems = candidate.review_problems(self.author_ids)
            if all(problem in review_problems for problem in problems):
                self.back_to_review = True
                return {}
        return {NON_FIELD_ERRORS: problems}

    def perform(self):
        article, stored = self.article, self.stored
        status_before = None
        if stored is not None:
            # Read again under a row lock: of two saves from the same version that passed
            # their checks at the same moment, the second waits here for the first, then
            # sees its version and is refused.
            current, status_before = locked_row(stored)
            if self.base_version is not None and current != self.base_version:
                raise EditConflict(stored, self.base_version)
            article.edit_version = current
        if self.record_review:
            RecordReview(article, self.user).apply()
        elif self._words_changed_under_review():
            self.review_withdrawn_from = stored.reviewed_by
            article.withdraw_review()
            self.notices.append(
                _(
                    "The text changed since %(name)s reviewed it: the review was withdrawn, "
                    "and the article needs a new one."
                )
                % {"name": display_name(stored.reviewed_by)}
            )
        article.status = stored.status if stored else Article.Status.DRAFT
        if self.status:
            self.status_action = self._status_action(article)
            self.status_action.apply()
        elif self.back_to_review:
            self.status_action = SubmitForReview(article, self.user)
            self.status_action.apply()
            self.notices.append(
                _(
                    "The publishing policy needs a new review of this article: it went back "
                    "to review and is no longer on the site."
                )
            )
        article.save(status_before=status_before)
        if self.authors is not None:
            article.set_authors(self.authors)
        if self.tags is not None:
            article.tags.set(self.tags)
        if self.sources is not None:
            set_sources(article, self.sources)
        return article

    def revision_comment(self):
        message = self.log_message
        if isinstance(message, list):
            # The admin's structured change message, as its history shows it.
            message = LogEntry(change_message=json.dumps(message)).get_change_message()
        if self.status:
            message = f"{message} {ACTIONS_BY_STATUS[self.status].log_message}".strip()
        return message

    def after_commit(self):
        if self.status_action is not None:
            self.status_action.after_commit()

    def log(self):
        super().log()
        if self.status:
            # The change of status has its line in the history, as when it is done alone.
            LogEntry.objects.log_actions(
                user_id=self.user.pk,
                queryset=[self.article],
                action_flag=CHANGE,
                change_message=ACTIONS_BY_STATUS[self.status].log_message,
                single_object=True,
            )


def set_sources(article, sources):
    """Make ``sources`` ((name, url) pairs, in order) the article's, reusing its rows."""
    existing = list(article.sources.order_by("order", "pk"))
    for order, (name, url) in enumerate(sources):
        if order < len(existing):
            source = existing[order]
            if (source.name, source.url, source.order) != (name, url or "", order):
                source.name, source.url, source.order = name, url or "", order
                source.save()
        else:
            Source.objects.create(article=article, name=name, url=url or "", order=order)
    for source in existing[len(sources):]:
        source.delete()


def version_content(version):
    """What a version of an article says of its authors (in order), tags and sources."""
    revision_versions = list(version.revision.version_set.all())
    article_id = int(version.object_id)
    types = ContentType.objects.get_for_models(ArticleAuthor, TaggedArticle, Source)

    def dicts(model, key):
        return [
            item.field_dict
            for item in revision_versions
            if item.content_type_id == types[model].pk and item.field_dict[key] == article_id
        ]

    authorships = sorted(dicts(ArticleAuthor, "article_id"), key=lambda d: d["position"])
    if authorships:
        author_ids = [d["author_id"] for d in authorships]
    else:
        # Versions saved before authors had an order name them on the article.
        author_ids = list(version.field_dict.get("authors") or [])
    users = get_user_model().objects.in_bulk(author_ids)
    tag_ids = [d["tag_id"] for d in dicts(TaggedArticle, "content_object_id")]
    return {
        "authors": [users[pk] for pk in author_ids if pk in users],
        "tags": list(Tag.objects.filter(pk__in=tag_ids)),
        "sources": [
            (d["name"], d["url"])
            for d in sorted(dicts(Source, "article_id"), key=lambda d: d["order"])
        ],
    }


#: What a restore brings back: the content. Status, dates and review stay as they are.
RESTORED_FIELDS = (
    "title",
    "slug",
    "standfirst",
    "body",
    "featured_image_id",
    "comments_open",
    "writing_method",
    "ai_system",
)


def _bring_back(article, fields, names):
    notices = []
    for name in names:
        if name not in fields:
            continue
        value = fields[name]
        if name == "featured_image_id" and value and not Image.objects.filter(pk=value).exists():
            notices.append(_("The image of that version was deleted: the article has none now."))
            value = None
        setattr(article, name, value)
    if article.slug and (
        Article.objects.filter(slug=article.slug).exclude(pk=article.pk).exists()
    ):
        article.slug = article.unique_slug_for(article.title)
    return notices


class RestoreRevision(SaveArticle):
    """Bring back the content of an earlier version of the article: text, image, authors,
    tags, sources and provenance. Its status, dates and review stay; the rules of any
    change apply (new words withdraw another editor's review; a live article still obeys
    the publishing policy)."""

    label = gettext_lazy("Restore this version")
    success_message = gettext_lazy("The version of %(date)s of “%(title)s” was restored.")

    def __init__(self, article, version, user):
        self.version = version
        restored = Article.objects.get(pk=article.pk)
        notices = _bring_back(restored, version.field_dict, RESTORED_FIELDS)
        date = formats.date_format(
            timezone.localtime(version.revision.date_created), "DATETIME_FORMAT"
        )
        super().__init__(
            restored,
            user,
            **version_content(version),
            log_message=f"Reverted to the version of {version.revision.date_created:%Y-%m-%d %H:%M}.",  # noqa: E501
        )
        self.date = date
        self.notices.extend(notices)

    def message_context(self):
        return {"title": self.article.title, "date": self.date}


class RecoverArticle(SaveArticle):
    """Bring a deleted article back from its last version, as a draft, with its authors,
    tags and sources. Editors only: a deleted article may be anyone's."""

    label = gettext_lazy("Recover")
    success_message = gettext_lazy("“%(title)s” was recovered as a draft.")

    def __init__(self, version, user):
        self.version = version
        fields = version.field_dict
        article = Article(pk=int(version.object_id), status=Article.Status.DRAFT)
        notices = _bring_back(
            article,
            fields,
            (*RESTORED_FIELDS, "published_at", "review_done", "reviewed_by_id", "reviewed_at"),
        )
        super().__init__(
            article, user, **version_content(version), log_message="Recovered as a draft."
        )
        self.notices.extend(notices)

    def check(self):
        if not self.user.has_perm("articles.edit_any_article"):
            raise PermissionDenied(_("Only editors may recover deleted articles."))
        if self.stored is not None:
            raise ValidationError(_("This article was not deleted."))
        super().check()


class NoteAction(Action):
    """A note on an article, by someone who may open the article in the admin.

    The article's history lists the notes (its admin log too); readers never see them, so
    no page changes and no cache forgets anything.
    """

    def __init__(self, article, user):
        super().__init__(user)
        self.article = article

    def check(self):
        if self.user is None or not (
            self.user.has_perm("articles.view_article")
            and Article.objects.editable_by(self.user).filter(pk=self.article.pk).exists()
        ):
            raise PermissionDenied(_("You may not leave notes on this article."))

    def changed_objects(self):
        return [self.article]

    def affected_objects(self):
        return []

    def message_context(self):
        return {"title": self.article.title}


class AddNote(NoteAction):
    """Leave a note on ``article``, about the passage ``anchor`` if given."""

    label = gettext_lazy("Add the note")
    success_message = gettext_lazy("Your note on “%(title)s” was added.")
    log_message = "Note added."

    def __init__(self, article, user, *, text, anchor=""):
        super().__init__(article, user)
        self.note = ArticleNote(
            article=article, author=user, text=(text or "").strip(), anchor=(anchor or "").strip()
        )

    def check(self):
        super().check()
        try:
            self.note.full_clean(exclude=["article", "author"])
        except ValidationError as error:
            raise ValidationError(error.messages) from None

    def perform(self):
        self.note.save()
        return self.note


class ResolveNote(NoteAction):
    """Mark ``note`` as dealt with, keeping who did and when."""

    label = gettext_lazy("Resolve")
    success_message = gettext_lazy("The note on “%(title)s” was marked as resolved.")
    log_message = "Note resolved."

    def __init__(self, note, user):
        super().__init__(note.article, user)
        self.note = note

    def check(self):
        super().check()
        if self.note.resolved:
            raise ValidationError(_("This note is already resolved."))

    def perform(self):
        self.note.resolved = True
        self.note.resolved_by = self.user
        self.note.resolved_at = timezone.now()
        self.note.save(update_fields=["resolved", "resolved_by", "resolved_at"])
        return self.note


def _titles(articles):
    return ", ".join(_("“%(title)s”") % {"title": article.title} for article in articles)


class SaveImage(Action):
    """Upload an image to the media library, or change its file, credit, licence, alt text.

    The live articles that show it keep obeying the publishing policy: clearing the alt text
    or the credit they need is refused, naming them.
    """

    label = gettext_lazy("Save")
    success_message = gettext_lazy("The image “%(image)s” was saved.")
    log_message = "Changed."

    def __init__(self, image, user, *, log_message=None):
        super().__init__(user)
        self.image = image
        self.adding = image.pk is None
        if self.adding:
            self.log_message, self.log_flag = "Added.", ADDITION
        if log_message is not None:
            self.log_message = log_message

    def check(self):
        permission = "articles.add_image" if self.adding else "articles.change_image"
        if not self.user.has_perm(permission):
            raise PermissionDenied(_("You may not change the media library."))
        if self.adding:
            return
        problems = self.image.publication_problems()
        featuring = [
            article
            for article in self.live_articles()
            if article.featured_image_id == self.image.pk
        ]
        if problems and featuring:
            raise ValidationError(
                ngettext(
                    "%(problems)s It is the featured image of the live article %(titles)s, "
                    "which would no longer obey the publishing policy.",
                    "%(problems)s It is the featured image of the live articles %(titles)s, "
                    "which would no longer obey the publishing policy.",
                    len(featuring),
                )
                % {"problems": " ".join(problems), "titles": _titles(featuring)}
            )
        # In a text, a picture marked decorative there may lack alternative text.
        body_problems, showing = [], []
        for article in self.live_articles().filter(body_image_links__image=self.image):
            found = article.body_image_problems(replacing=self.image)
            if found:
                showing.append(article)
                body_problems.extend(p for p in found if p not in body_problems)
        if showing:
            raise ValidationError(
                ngettext(
                    "%(problems)s It is shown in the text of the live article %(titles)s, "
                    "which would no longer obey the publishing policy.",
                    "%(problems)s It is shown in the text of the live articles %(titles)s, "
                    "which would no longer obey the publishing policy.",
                    len(showing),
                )
                % {"problems": " ".join(body_problems), "titles": _titles(showing)}
            )

    def live_articles(self):
        """The published and scheduled articles that show this image, as their featured
        image or in their text."""
        if self.image.pk is None:
            return Article.objects.none()
        return (
            Article.objects.filter(
                Q(featured_image=self.image) | Q(body_image_links__image=self.image),
                status=Article.Status.PUBLISHED,
            )
            .distinct()
            .order_by("title")
        )

    def perform(self):
        if self.adding and self.image.uploaded_by_id is None:
            self.image.uploaded_by = self.user
        self.image.save()
        self.notices.extend(getattr(self.image, "processing_notes", ()))
        return self.image

    def changed_objects(self):
        return [self.image]

    def affected_objects(self):
        return [self.image, *self.live_articles()]

    def message_context(self):
        return {"image": self.image}


class SharePreview(ArticleAction):
    """Make a secret link showing the article, as it stands, to someone without an account.

    Whoever may change the article may share it; the link reads whatever the article holds
    when it is opened, until it expires or is revoked.
    """

    versioned = False
    label = gettext_lazy("Share a preview")
    success_message = gettext_lazy(
        "A preview link to “%(title)s” was made; it works until %(expires)s."
    )
    log_message = "Shared a preview link."

    def __init__(self, article, user, *, lifetime=PreviewLink.Lifetime.WEEK, label=""):
        super().__init__(article, user)
        self.lifetime = lifetime
        self.label = label.strip()
        self.link = None

    def check(self):
        super().check()
        if self.article.pk is None:
            raise ValidationError(_("Save the article before sharing it."))
        if self.lifetime not in PreviewLink.Lifetime.values:
            raise ValidationError(_("Choose how long the link works."))

    def perform(self):
        self.link = PreviewLink.objects.create(
            article=self.article,
            label=self.label,
            created_by=self.user,
            expires_at=PreviewLink.expiry_for(self.lifetime),
        )
        return self.link

    def affected_objects(self):
        # No page that readers or caches see changes.
        return []

    def message_context(self):
        expires = timezone.localtime(self.link.expires_at) if self.link else None
        return {
            "title": self.article.title,
            "expires": formats.date_format(expires, "DATETIME_FORMAT") if expires else "",
        }


class RevokePreviewLink(ArticleAction):
    """Close a preview link at once: its address answers that it no longer works."""

    versioned = False
    label = gettext_lazy("Revoke")
    success_message = gettext_lazy("The preview link to “%(title)s” no longer works.")
    log_message = "Revoked a preview link."

    def __init__(self, link, user):
        super().__init__(link.article, user)
        self.link = link

    def check(self):
        super().check()
        if self.link.revoked_at is not None:
            raise ValidationError(_("This link was already revoked."))

    def perform(self):
        self.link.revoked_at = timezone.now()
        self.link.revoked_by = self.user
        self.link.save(update_fields=["revoked_at", "revoked_by"])
        return self.link

    def affected_objects(self):
        return []
