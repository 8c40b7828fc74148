"""The article admin's "Share a preview" page: make, list and revoke preview links."""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import identity
from core.actions import Refusal, refusal_messages

from ..actions import RevokePreviewLink, SharePreview
from ..models import PreviewLink


class SharePreviewForm(forms.Form):
    label = forms.CharField(
        label=_("Shared with"),
        max_length=200,
        required=False,
        help_text=PreviewLink._meta.get_field("label").help_text,
    )
    lifetime = forms.TypedChoiceField(
        label=_("Works for"),
        choices=PreviewLink.Lifetime.choices,
        coerce=int,
        initial=PreviewLink.Lifetime.WEEK,
    )


class PreviewSharingAdminMixin:
    """Adds ``<article>/share/`` to the article admin, for whoever may change the article."""

    share_template = "admin/articles/article/share.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        share = path(
            "<path:object_id>/share/",
            self.admin_site.admin_view(self.share_view),
            name="{}_{}_share".format(*info),
        )
        return [share, *super().get_urls()]

    def share_view(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        form = SharePreviewForm(request.POST if "share" in request.POST else None)
        if request.method == "POST":
            if "revoke" in request.POST:
                return self._revoke(request, article, request.POST["revoke"])
            if form.is_valid():
                action = SharePreview(
                    article,
                    request.user,
                    lifetime=form.cleaned_data["lifetime"],
                    label=form.cleaned_data["label"],
                )
                if self._run(request, action):
                    return HttpResponseRedirect(request.path)
        links = [
            {"link": link, "url": identity.absolute_url(link.get_absolute_url(), request)}
            for link in article.preview_links.select_related("created_by", "revoked_by")
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "object_id": article.pk,
            "title": gettext("Share a preview of “%(title)s”") % {"title": article.title},
            "form": form,
            "links": links,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.share_template, context)

    def _revoke(self, request, article, link_id):
        link = (
            article.preview_links.filter(pk=link_id).first()
            if str(link_id).isdigit()
            else None
        )
        if link is None:
            self.message_user(request, gettext("This link does not exist."), messages.ERROR)
        else:
            self._run(request, RevokePreviewLink(link, request.user))
        return HttpResponseRedirect(request.path)

    def _run(self, request, action):
        try:
            action.execute()
        except Refusal as refusal:
            self.message_user(request, " ".join(refusal_messages(refusal)), messages.ERROR)
            return False
        self.report_action(request, action)
        return True

    def share_url(self, article):
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_share",
            args=[article.pk],
            current_app=self.admin_site.name,
        )
