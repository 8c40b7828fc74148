"""
An article's history in the admin: every saved version (django-reversion), two of them
compared field by field, and one restored under the same rules as any other change.

Restoring (``RestoreRevision``) brings back a version's content (text, image, authors, tags,
sources, provenance) but never its status, dates or review, under the rules of any change;
recovering a deleted article (``RecoverArticle``) brings it back as a draft. Both are actions
of ``articles.actions``, confirmed on a page that shows what they change.
"""

import difflib
import re

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from reversion.admin import VersionAdmin
from reversion.models import Version

from core.actions import Refusal, refusal_messages
from core.admin_actions import ActionAdminMixin
from core.names import display_name

from ..actions import RecoverArticle, RestoreRevision, version_content
from ..models import Article, Image, Tag
from ..words import readable_text

#: The fields compared, in the order of the form.
COMPARED_FIELDS = [
    "title",
    "slug",
    "standfirst",
    "body",
    "status",
    "published_at",
    "authors",
    "featured_image",
    "tags",
    "sources",
    "comments_open",
    "writing_method",
    "ai_system",
    "review_done",
    "reviewed_by",
    "reviewed_at",
]
#: The fields a restore brings back (articles.actions.RESTORED_FIELDS): not the status, the
#: dates and the review, which stay as they are.
RESTORED_COMPARED_FIELDS = [
    name
    for name in COMPARED_FIELDS
    if name not in {"status", "published_at", "review_done", "reviewed_by", "reviewed_at"}
]
#: Text fields shown as a word-by-word difference.
TEXT_FIELDS = {"title", "slug", "standfirst", "body", "ai_system"}

def _marked(tag, text):
    """``text`` in <del> or <ins>, the spaces around it left outside."""
    core = text.strip()
    if not core:
        return format_html("{}", text)
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    return format_html("{}<{}>{}</{}>{}", lead, tag, core, tag, trail)


def word_diff(old, new):
    """``old`` → ``new`` as HTML, removed words in <del> and added ones in <ins>."""
    old_words, new_words = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        removed, added = "".join(old_words[a1:a2]), "".join(new_words[b1:b2])
        if operation == "equal":
            parts.append(format_html("{}", removed))
            continue
        if removed.strip():
            parts.append(_marked("del", removed.rstrip() if added.strip() else removed))
        if added.strip() or operation != "delete":
            parts.append(_marked("ins", added))
    return mark_safe("".join(parts).replace("\n", "<br>"))  # noqa: S308  # nosec B308 B703  # every part is escaped


class VersionSnapshot:
    """What one version says about the article, its authors, tags and sources included."""

    def __init__(self, version):
        self.version = version
        self.fields = version.field_dict
        self.content = version_content(version)

    def value(self, name):
        if name == "sources":
            return self.content["sources"]
        if name == "tags":
            return sorted(tag.pk for tag in self.content["tags"])
        if name == "authors":
            return [author.pk for author in self.content["authors"]]
        if name in {"featured_image", "reviewed_by"}:
            return self.fields.get(f"{name}_id")
        return self.fields.get(name)


class CurrentSnapshot:
    """The article as it is now, read like a version."""

    def __init__(self, article):
        self.article = article

    def value(self, name):
        article = self.article
        if name == "sources":
            return [(source.name, source.url) for source in article.sources.all()]
        if name == "tags":
            return sorted(tag.pk for tag in article.tags.all())
        if name == "authors":
            return [author.pk for author in article.ordered_authors]
        if name in {"featured_image", "reviewed_by"}:
            return getattr(article, f"{name}_id")
        return getattr(article, name)


def _display(name, value):
    """A stored value as an editor reads it."""
    from django.contrib.auth import get_user_model

    if value in (None, "", []):
        return gettext("(empty)")
    field = Article._meta.get_field(name) if name not in {"sources"} else None
    if name == "authors":
        users = get_user_model().objects.in_bulk(value)
        return ", ".join(
            display_name(users[pk]) for pk in value if pk in users
        )
    if name == "reviewed_by":
        user = get_user_model().objects.filter(pk=value).first()
        return display_name(user) if user else f"#{value}"
    if name == "tags":
        return ", ".join(Tag.objects.filter(pk__in=value).values_list("name", flat=True))
    if name == "sources":
        return "; ".join(f"{source} ({url})" if url else source for source, url in value)
    if name == "featured_image":
        image = Image.objects.filter(pk=value).first()
        return str(image) if image else gettext("(deleted image #%(id)s)") % {"id": value}
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, str) and name in {"published_at", "reviewed_at"}:
        value = parse_datetime(value) or value
    if hasattr(value, "tzinfo"):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    return str(value)


def _label(name):
    if name == "sources":
        return gettext("sources")
    return str(Article._meta.get_field(name).verbose_name)


def differences(older, newer, fields=COMPARED_FIELDS):
    """The ``fields`` that differ between two snapshots: (label, old HTML, new HTML, diff HTML)."""
    rows = []
    for name in fields:
        before, after = older.value(name), newer.value(name)
        if before == after:
            continue
        if name in TEXT_FIELDS:
            old_text = readable_text(before) if name == "body" else (before or "")
            new_text = readable_text(after) if name == "body" else (after or "")
            rows.append({"label": _label(name), "diff": word_diff(old_text, new_text)})
        else:
            rows.append(
                {
                    "label": _label(name),
                    "before": _display(name, before),
                    "after": _display(name, after),
                }
            )
    return rows


class ArticleHistoryAdmin(ActionAdminMixin, VersionAdmin):
    """The article admin's history, comparison and restore, under the articles' roles."""

    object_history_template = "admin/articles/article/object_history.html"
    history_latest_first = True

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        compare = path(
            "<path:object_id>/history/compare/",
            self.admin_site.admin_view(self.compare_view),
            name="{}_{}_compare".format(*info),
        )
        return [compare, *super().get_urls()]

    # Bulk actions: each article they change gets a revision of its own (articles.actions),
    # rather than one revision for the whole selection that a restore would undo at once.
    def changelist_view(self, request, extra_context=None):
        context = {
            # The "Recover deleted articles" link, for those who may recover.
            "has_change_permission": self.has_change_permission(request)
            and request.user.has_perm("articles.edit_any_article"),
            **(extra_context or {}),
        }
        return admin.ModelAdmin.changelist_view(self, request, context)

    # Restoring and recovering: actions (articles.actions), confirmed on a page that says
    # what will change.

    def revision_view(self, request, object_id, version_id, extra_context=None):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        version = get_object_or_404(
            Version.objects.get_for_object(article).select_related("revision__user"),
            pk=version_id,
        )
        if request.method == "POST":
            return self._run_confirmed(
                request,
                RestoreRevision(article, version, request.user),
                refused=gettext("The version was not restored: %(reasons)s"),
                back=request.path,
            )
        rows = differences(
            CurrentSnapshot(article), VersionSnapshot(version), RESTORED_COMPARED_FIELDS
        )
        return self._confirmation(request, version, rows, article, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        # Deleted articles may be anyone's: their titles are for the editors only.
        if not request.user.has_perm("articles.edit_any_article"):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not request.user.has_perm("articles.edit_any_article"):
            raise PermissionDenied
        version = get_object_or_404(
            Version.objects.get_deleted(self.model).select_related("revision__user"),
            pk=version_id,
        )
        if request.method == "POST":
            return self._run_confirmed(
                request,
                RecoverArticle(version, request.user),
                refused=gettext("The article was not recovered: %(reasons)s"),
                back=self._url("recoverlist"),
            )
        snapshot = VersionSnapshot(version)
        rows = [
            {"label": _label(name), "after": _display(name, snapshot.value(name))}
            for name in RESTORED_COMPARED_FIELDS
            if snapshot.value(name) not in (None, "", [])
        ]
        return self._confirmation(request, version, rows, None, extra_context)

    def _run_confirmed(self, request, action, *, refused, back):
        """Run a confirmed restore or recovery; then the article, or ``back`` with the reasons."""
        try:
            article = action.execute()
        except Refusal as refusal:
            reasons = " ".join(refusal_messages(refusal))
            self.message_user(request, refused % {"reasons": reasons}, messages.ERROR)
            return HttpResponseRedirect(back)
        self.report_action(request, action)
        return HttpResponseRedirect(self._url("change", article.pk))

    def _confirmation(self, request, version, rows, article, extra_context):
        """The page that shows what restoring ``version`` of ``article`` would change, or what
        recovering it (``article`` None) would bring back, with the button that does it."""
        if article is not None:
            title = gettext("Restore a version of “%(title)s”") % {"title": article.title}
            button = RestoreRevision.label
        else:
            title = gettext("Recover “%(title)s”") % {"title": version.object_repr}
            button = RecoverArticle.label
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "object_id": article.pk if article else None,
            "title": title,
            "version": version,
            "rows": rows,
            "button": button,
            "history_url": self._url("history", article.pk) if article else None,
            "recoverlist_url": self._url("recoverlist"),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/articles/article/restore.html", context)

    # Comparing two versions

    def history_view(self, request, object_id, extra_context=None):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404
        versions = self._reversion_order_version_queryset(
            request,
            Version.objects.get_for_object(article).select_related("revision", "revision__user"),
        )
        context = {
            # django-reversion's list, with each version's id for the comparison form.
            "action_list": [
                {
                    "revision": version.revision,
                    "version_id": version.pk,
                    "url": self._revision_url(article, version),
                }
                for version in versions
            ],
            "compare_url": self._url("compare", object_id),
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, context)

    def compare_view(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        versions = Version.objects.get_for_object(article).select_related(
            "revision", "revision__user"
        )
        chosen = [request.GET.get("older", ""), request.GET.get("newer", "")]
        if not all(value.isdigit() for value in chosen):
            raise Http404
        older, newer = (get_object_or_404(versions, pk=int(value)) for value in chosen)
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "object_id": object_id,
            "title": gettext("Compare versions of “%(title)s”") % {"title": article.title},
            "older": older,
            "newer": newer,
            "rows": differences(VersionSnapshot(older), VersionSnapshot(newer)),
            "older_url": self._revision_url(article, older),
            "newer_url": self._revision_url(article, newer),
            "history_url": self._url("history", object_id),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def _url(self, view, *args):
        name = f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_{view}"
        return reverse(name, args=args)

    def _revision_url(self, article, version):
        return self._url("revision", article.pk, version.pk)

