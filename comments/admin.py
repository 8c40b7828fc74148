"""
The moderation queue. Every decision goes through ``comments.actions``, which
checks the moderate permission and records who decided and when.
"""

import ipaddress
import json

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, OuterRef
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext, ngettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from articles.admin.common import HttpsByDefaultMixin
from articles.models import Article
from core.actions import refusal_messages
from core.admin_actions import ActionAdminMixin, bulk_action
from core.names import display_name

from .actions import (
    ERASE_MODES,
    MODERATE_PERMISSION,
    OPERATIONS,
    EraseCommenterData,
    resolve_mode,
)
from .models import BlocklistEntry, Comment
from .privacy import export_many
from .spam import signal_label

# Which buttons a comment of each status offers, on its row and on its page.
OPERATIONS_BY_STATUS = {
    Comment.Status.PENDING: ("approve", "spam", "remove"),
    Comment.Status.APPROVED: ("spam", "remove"),
    Comment.Status.SPAM: ("not_spam", "approve", "remove"),
    Comment.Status.REMOVED: ("approve",),
}


class StatusFilter(admin.SimpleListFilter):
    """Opens on the comments awaiting moderation; each status shows its count."""

    title = _("status")
    parameter_name = "status"
    default = Comment.Status.PENDING
    ALL = "all"

    def lookups(self, request, model_admin):
        counts = dict(
            Comment.objects.order_by().values_list("status").annotate(count=Count("pk"))
        )
        choices = [
            (status.value, f"{status.label} ({counts.get(status.value, 0)})")
            for status in Comment.Status
        ]
        return [*choices, (self.ALL, _("All"))]

    def selected(self):
        value = self.value()
        return value if value in {*Comment.Status.values, self.ALL} else self.default

    def queryset(self, request, queryset):
        selected = self.selected()
        return queryset if selected == self.ALL else queryset.filter(status=selected)

    def choices(self, changelist):
        selected = self.selected()
        for value, label in self.lookup_choices:
            yield {
                "selected": selected == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }


def bulk_moderation(operation, description, done):
    """The bulk action that runs ``OPERATIONS[operation]`` on each selected comment."""
    return bulk_action(
        f"{'mark_' if 'spam' in operation else ''}{operation}_selected",
        OPERATIONS[operation],
        description=description,
        permissions=["moderate"],
        done=done,
        refused=_("%(object)s was left as it was: %(reasons)s"),
    )


@admin.register(Comment)
class CommentAdmin(HttpsByDefaultMixin, ActionAdminMixin, admin.ModelAdmin):
    list_display = [
        "excerpt_column",
        "article_column",
        "name",
        "email",
        "ip_address",
        "signals_column",
        "created_at",
        "status",
    ]
    list_display_links = ["excerpt_column"]
    list_filter = [StatusFilter]
    list_select_related = ["article"]
    list_per_page = 50
    ordering = ["-created_at", "-pk"]
    date_hierarchy = "created_at"
    search_fields = ["name", "email", "body"]
    actions = [
        bulk_moderation(
            "approve",
            _("Approve selected comments"),
            ngettext_lazy(
                "%(count)d comment approved.",
                "%(count)d comments approved.",
                "count",
            ),
        ),
        bulk_moderation(
            "spam",
            _("Mark selected comments as spam"),
            ngettext_lazy(
                "%(count)d comment marked as spam.",
                "%(count)d comments marked as spam.",
                "count",
            ),
        ),
        bulk_moderation(
            "not_spam",
            _("Mark selected comments as not spam"),
            ngettext_lazy(
                "%(count)d comment marked as not spam.",
                "%(count)d comments marked as not spam.",
                "count",
            ),
        ),
        bulk_moderation(
            "remove",
            _("Remove selected comments"),
            ngettext_lazy(
                "%(count)d comment removed.",
                "%(count)d comments removed.",
                "count",
            ),
        ),
        "export_personal_data",
        "erase_personal_data",
    ]
    fieldsets = [
        (
            None,
            {"fields": ["article_link", "parent", "status", "name", "email", "website", "body"]},
        ),
        (_("Moderation"), {"fields": ["signals_column", "moderator", "moderated_at"]}),
        (
            _("Technical data (cleared after the retention period)"),
            {"fields": ["created_at", "ip_address", "user_agent"]},
        ),
    ]
    readonly_fields = [
        "article_link",
        "parent",
        "status",
        "email",
        "signals_column",
        "moderator",
        "moderated_at",
        "created_at",
        "ip_address",
        "user_agent",
    ]

    # Columns ---------------------------------------------------------------

    @admin.display(description=_("moderated by"))
    def moderator(self, obj):
        return display_name(obj.moderated_by) if obj.moderated_by else None

    @admin.display(description=_("comment"))
    def excerpt_column(self, comment):
        return comment.excerpt

    @admin.display(description=_("spam signals"))
    def signals_column(self, comment):
        return ", ".join(str(signal_label(signal)) for signal in comment.spam_signals or []) or "–"

    @admin.display(description=_("article"), ordering="article__title")
    def article_column(self, comment):
        if not comment.article_known:
            return gettext("An unpublished article")
        return comment.article.title

    @admin.display(description=_("article"))
    def article_link(self, comment):
        """The article on the site; its page in the admin while it is not published, for
        whom may open it; for the others, only that it is not published."""
        article = comment.article
        if not comment.article_known:
            return gettext("An unpublished article")
        if article.is_published:
            return format_html('<a href="{}">{}</a>', article.get_absolute_url(), article.title)
        return format_html(
            '<a href="{}">{}</a> ({})',
            reverse("admin:articles_article_change", args=[article.pk]),
            article.title,
            gettext("not published"),
        )

    def get_queryset(self, request):
        # Moderators keep the comments of an article taken off the site, not its title nor
        # its address: whether each comment's article is one its reader may know of.
        return super().get_queryset(request).annotate(
            article_known=Exists(
                Article.objects.known_to(request.user).filter(pk=OuterRef("article_id"))
            )
        )

    def view_on_site(self, comment):
        # Only where readers see it: an approved comment of a published article.
        if comment.is_approved and comment.article.is_published:
            return comment.get_absolute_url()
        return None

    def get_list_display(self, request):
        columns = list(super().get_list_display(request))
        if self.has_moderate_permission(request):
            # Next to the text: read, then decide, without scrolling sideways.
            columns.insert(1, self._row_buttons(request))
        return columns

    def _row_buttons(self, request):
        """A column of buttons that post, with the list's CSRF token, to the
        moderation view of their row (``formaction``: no form nested in the list's form)."""
        back = request.get_full_path()

        @admin.display(description=_("moderate"))
        def buttons(comment):
            return format_html_join(
                " ",
                '<button type="submit" class="button" formaction="{}" formmethod="post" '
                'name="operation" value="{}">{}</button>',
                (
                    (self.moderation_url(comment, back), operation, OPERATIONS[operation].label)
                    for operation in OPERATIONS_BY_STATUS[comment.status][:2]
                ),
            )

        return buttons

    def moderation_url(self, comment, back=None):
        url = reverse("admin:comments_comment_moderate", args=[comment.pk])
        return f"{url}?{urlencode({'next': back})}" if back else url

    # Permissions -------------------------------------------------------------

    def has_add_permission(self, request):
        return False  # Comments come from readers.

    def has_moderate_permission(self, request):
        return request.user.has_perm(MODERATE_PERMISSION)

    def has_erase_permission(self, request):
        return self.has_moderate_permission(request) and self.has_delete_permission(request)

    def get_search_results(self, request, queryset, search_term):
        """Also finds the comments of an IP address; any other term never reaches the
        IP column, where PostgreSQL would reject it."""
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        try:
            address = str(ipaddress.ip_address(search_term.strip()))
        except ValueError:
            return found, may_have_duplicates
        return found | queryset.filter(ip_address=address), may_have_duplicates

    # One comment at a time -----------------------------------------------------

    def get_urls(self):
        return [
            path(
                "<path:object_id>/moderate/",
                self.admin_site.admin_view(self.moderate_view),
                name="comments_comment_moderate",
            ),
            *super().get_urls(),
        ]

    def moderate_view(self, request, object_id):
        """Apply one decision (POST ``operation``) to one comment, then go back."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        comment = self.get_object(request, unquote(object_id))
        if comment is None:
            raise Http404
        operation = request.POST.get("operation", "")
        if operation not in OPERATIONS:
            return HttpResponseBadRequest("Unknown moderation operation.")
        action = OPERATIONS[operation](comment, request.user)
        try:
            action.execute()
        except ValidationError as error:
            self.message_user(request, " ".join(refusal_messages(error)), messages.WARNING)
        else:
            self.report_action(request, action)
        back = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = reverse("admin:comments_comment_changelist")
        return redirect(back)

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None and self.has_moderate_permission(request):
            context["moderation_buttons"] = [
                (operation, OPERATIONS[operation].label)
                for operation in OPERATIONS_BY_STATUS[obj.status]
            ]
            context["moderation_url"] = self.moderation_url(
                obj, reverse("admin:comments_comment_change", args=[obj.pk])
            )
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    # Bulk actions (the moderation ones: bulk_moderation) ----------------------------

    @admin.action(
        description=_("Export the personal data of the selected comments' authors (JSON)"),
        permissions=["moderate"],
    )
    def export_personal_data(self, request, queryset):
        emails = {email for email in queryset.values_list("email", flat=True) if email}
        data = json.dumps(export_many(emails), ensure_ascii=False, indent=2)
        response = HttpResponse(data, content_type="application/json; charset=utf-8")
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        response["Content-Disposition"] = f'attachment; filename="comments-export-{stamp}.json"'
        return response

    @admin.action(
        description=_("Erase the personal data of the selected comments' authors…"),
        permissions=["erase"],
    )
    def erase_personal_data(self, request, queryset):
        """Ask for confirmation first: every comment of these addresses is affected."""
        emails = sorted(
            {email.lower() for email in queryset.values_list("email", flat=True) if email}
        )
        if request.POST.get("confirm") == "yes":
            try:
                mode = resolve_mode(request.POST.get("mode"))
            except ValueError:
                return HttpResponseBadRequest("Unknown erase mode.")
            count = sum(
                EraseCommenterData(email, request.user, mode).execute() for email in emails
            )
            self.message_user(
                request,
                ngettext(
                    "%(count)d comment of %(people)d commenter(s) erased.",
                    "%(count)d comments of %(people)d commenter(s) erased.",
                    count,
                )
                % {"count": count, "people": len(emails)},
                messages.SUCCESS,
            )
            return None
        counts = {
            email: Comment.objects.by_email(email).count() for email in emails
        }
        context = {
            **self.admin_site.each_context(request),
            "title": _("Erase commenters' personal data"),
            "opts": self.model._meta,
            "emails": sorted(counts.items()),
            "selected_ids": queryset.values_list("pk", flat=True),
            "modes": [
                (
                    "anonymize",
                    _(
                        "Anonymize: keep the text; remove the name, e-mail, website, "
                        "IP address and user agent"
                    ),
                ),
                ("delete", _("Delete the comments")),
            ],
            "default_mode": resolve_mode(),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "erase_modes": ERASE_MODES,
        }
        return TemplateResponse(
            request, "admin/comments/comment/erase_personal_data.html", context
        )


@admin.register(BlocklistEntry)
class BlocklistEntryAdmin(admin.ModelAdmin):
    list_display = ["value", "kind", "note", "created_at"]
    list_filter = ["kind"]
    search_fields = ["value", "note"]
    fields = ["kind", "value", "note"]
