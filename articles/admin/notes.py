"""Editor notes on an article's form: a thread beside the article, added and resolved by
small forms of their own, so that a note never saves (nor loses) the article's edits.

Without JavaScript, a note's form posts to its view, which comes back to the article's form;
with it (articles/admin/notes.js), the thread is sent and refreshed in place, and what was
typed in the article stays as it is.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.actions import Refusal, refusal_messages

from ..actions import AddNote, ResolveNote
from ..models import ArticleNote


class NoteForm(forms.Form):
    """A new note: its text, and the passage it is about."""

    text = forms.CharField(
        label=_("Note"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    anchor = forms.CharField(
        label=_("About the passage (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Paste the words of the article the note is about."),
    )


class ArticleNotesAdminMixin:
    """The article admin's notes: shown on its form, added and resolved by their views."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/notes/add/",
                self.admin_site.admin_view(self.add_note_view),
                name="{}_{}_add_note".format(*info),
            ),
            path(
                "<path:object_id>/notes/<int:note_id>/resolve/",
                self.admin_site.admin_view(self.resolve_note_view),
                name="{}_{}_resolve_note".format(*info),
            ),
            *super().get_urls(),
        ]

    def notes_context(self, request, article):
        """What the form's notes panel shows: the thread, and the form of a new note."""
        if article is None or article.pk is None:
            return {}
        notes = list(
            ArticleNote.objects.visible_to(request.user)
            .filter(article=article)
            .select_related("author", "resolved_by")
        )
        return {
            "article_notes": notes,
            "open_notes": sum(not note.resolved for note in notes),
            "note_form": NoteForm(auto_id="id_note_%s"),
            "add_note_url": reverse(
                f"{self.admin_site.name}:articles_article_add_note", args=[article.pk]
            ),
        }

    def render_change_form(self, request, context, add=False, change=False, form_url="",
                           obj=None):
        context.update(self.notes_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def history_view(self, request, object_id, extra_context=None):
        article = self.get_object(request, unquote(object_id))
        events = []
        if article is not None:
            for note in (
                ArticleNote.objects.visible_to(request.user)
                .filter(article=article)
                .select_related("author", "resolved_by")
            ):
                events.append((note.created_at, note.author, gettext("Note added"), note))
                if note.resolved:
                    events.append(
                        (note.resolved_at, note.resolved_by, gettext("Note resolved"), note)
                    )
        events.sort(key=lambda event: event[0], reverse=True)
        extra_context = {"note_events": events, **(extra_context or {})}
        return super().history_view(request, object_id, extra_context)

    def _article_for_notes(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def _back(self, article):
        url = reverse(f"{self.admin_site.name}:articles_article_change", args=[article.pk])
        return HttpResponseRedirect(f"{url}#notes")

    def add_note_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_for_notes(request, object_id)
        form = NoteForm(request.POST)
        if not form.is_valid():
            reasons = " ".join(
                str(error) for errors in form.errors.values() for error in errors
            )
            self.message_user(
                request,
                gettext("The note was not added: %(reasons)s") % {"reasons": reasons},
                messages.ERROR,
            )
            return self._back(article)
        action = AddNote(article, request.user, **form.cleaned_data)
        self._run_note_action(request, action, gettext("The note was not added: %(reasons)s"))
        return self._back(article)

    def resolve_note_view(self, request, object_id, note_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_for_notes(request, object_id)
        note = get_object_or_404(ArticleNote.objects.filter(article=article), pk=note_id)
        action = ResolveNote(note, request.user)
        self._run_note_action(request, action, gettext("The note was not resolved: %(reasons)s"))
        return self._back(article)

    def _run_note_action(self, request, action, refused):
        try:
            action.execute()
        except Refusal as refusal:
            reasons = " ".join(refusal_messages(refusal))
            self.message_user(request, refused % {"reasons": reasons}, messages.ERROR)
        else:
            self.message_user(request, action.get_success_message(), messages.SUCCESS)
