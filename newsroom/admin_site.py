"""The admin site: Django's, with a dashboard of what waits for each person on its front page.

Loaded with the app registry (``INSTALLED_APPS`` names ``NewsroomAdminConfig``), so this
module imports no model at its top: the dashboard is built in ``index()``.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class NewsroomAdminSite(admin.AdminSite):
    """The admin, whose front page shows each person's dashboard (newsroom/dashboard.py)."""

    def index(self, request, extra_context=None):
        from .dashboard import dashboard_for

        extra_context = {**(extra_context or {}), "dashboard": dashboard_for(request.user)}
        return super().index(request, extra_context)


class NewsroomAdminConfig(AdminConfig):
    """Django's admin app, serving ``NewsroomAdminSite`` as ``admin.site``."""

    default_site = "newsroom.admin_site.NewsroomAdminSite"
