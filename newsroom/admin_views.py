"""Admin views the project answers itself, in place of Django's."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import redirect

from core.names import display_name


def view_on_site(request, content_type_id, object_id):
    """The admin's "View on site" link (``admin:view_on_site``): to the object's public page.

    Django's own view (``django.contrib.contenttypes.views.shortcut``) redirects any member of
    staff to any object's address, so that a moderator or an author learns where a draft or
    an embargoed article will be published. Here the object is looked up through its admin,
    as its change page would: whoever may not view it there, or an object with no public
    page yet (``ModelAdmin.view_on_site``), gets a 404.
    """
    try:
        content_type = ContentType.objects.get_for_id(int(content_type_id))
    except (ValueError, ContentType.DoesNotExist):
        raise Http404 from None
    model_admin = admin.site._registry.get(content_type.model_class())
    if model_admin is None:
        raise Http404
    obj = model_admin.get_object(request, unquote(object_id))
    if obj is None or not model_admin.has_view_or_change_permission(request, obj):
        raise Http404
    url = public_url(model_admin, obj)
    if not url:
        raise Http404
    return redirect(url)


def public_url(model_admin, obj):
    """The address the admin links to as "View on site", or None."""
    if callable(model_admin.view_on_site):
        return model_admin.view_on_site(obj)
    if model_admin.view_on_site and hasattr(obj, "get_absolute_url"):
        return obj.get_absolute_url()
    return None


class StaffNamesAutocompleteJsonView(AutocompleteJsonView):
    """Django's autocomplete answers, naming staff (the authors' field) as the rest of the
    admin does rather than by ``User.__str__``, the username."""

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if isinstance(obj, get_user_model()):
            result["text"] = display_name(obj)
        return result
