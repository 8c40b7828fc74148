"""The pages of staff sign-in that the admin does not provide itself."""

from django.contrib import admin
from django.template.response import TemplateResponse

from .throttling import cool_off_minutes


def locked_out(request, original_response=None, credentials=None):
    """What a client gets instead of the admin once too many sign-ins failed (axes calls it).

    429, the admin's look, the time to wait and the way out: reset the password, which
    lifts the lock, or wait. The page does not say whether the username exists.
    """
    context = {
        **admin.site.each_context(request),
        "title": admin.site.site_title,
        "cool_off_minutes": cool_off_minutes(),
    }
    response = TemplateResponse(request, "accounts/locked_out.html", context, status=429)
    return response.render()
