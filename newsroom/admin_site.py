"""The admin site: Django's, with a dashboard of what waits for each person on its front page.

Loaded with the app registry (``INSTALLED_APPS`` names ``NewsroomAdminConfig``), so this
module imports no model at its top: the dashboard is built in ``index()``.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.shortcuts import redirect
from django.urls import path


class NewsroomAdminSite(admin.AdminSite):
    """The admin, whose front page shows each person's dashboard (newsroom/dashboard.py)."""

    def index(self, request, extra_context=None):
        from .dashboard import dashboard_for

        extra_context = {**(extra_context or {}), "dashboard": dashboard_for(request.user)}
        return super().index(request, extra_context)

    def autocomplete_view(self, request):
        from .admin_views import StaffNamesAutocompleteJsonView

        return StaffNamesAutocompleteJsonView.as_view(admin_site=self)(request)

    def get_urls(self):
        return [
            path("my-profile/", self.admin_view(self.my_profile), name="my_profile"),
            *super().get_urls(),
        ]

    def my_profile(self, request):
        """The signed-in person's own profile: their author page's address, their e-mails."""
        from accounts.models import Profile

        profile = Profile.objects.for_user(request.user)
        return redirect(f"{self.name}:accounts_profile_change", profile.pk)


class NewsroomAdminConfig(AdminConfig):
    """Django's admin app, serving ``NewsroomAdminSite`` as ``admin.site``."""

    default_site = "newsroom.admin_site.NewsroomAdminSite"
