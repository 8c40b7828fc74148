"""The article admin tells each person who else has the same article open (articles/presence.py)."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_POST

from .. import presence


class PresenceAdminMixin:
    """Adds ``<article>/presence/``, which the open change form calls to stay present and to
    learn who else is there, and gives the change form ``present_editors``."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = path(
            "<path:object_id>/presence/",
            self.admin_site.admin_view(require_POST(self.presence_view)),
            name="{}_{}_presence".format(*info),
        )
        return [view, *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        context = getattr(response, "context_data", None)
        if isinstance(response, TemplateResponse) and context and context.get("original"):
            article = context["original"]
            presence.arrive(article.pk, request.user)
            context["present_editors"] = [
                person["name"] for person in presence.others(article.pk, request.user)
            ]
        return response

    def presence_view(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        if request.POST.get("leave"):
            presence.leave(article.pk, request.user)
            response = HttpResponse(status=204)
        else:
            presence.arrive(article.pk, request.user)
            response = JsonResponse(
                {"others": [person["name"] for person in presence.others(article.pk, request.user)]}
            )
        add_never_cache_headers(response)
        return response
