"""The site settings in the admin: one row, edited in place."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sites.admin import SiteAdmin as SiteAdminBase
from django.contrib.sites.models import Site
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from .models import SiteSettings
from .widgets import CheckedAutocompleteAdminMixin


@admin.register(SiteSettings)
class SiteSettingsAdmin(CheckedAutocompleteAdminMixin, admin.ModelAdmin):
    """One set of settings: the list goes straight to it, nothing to add or delete."""

    fieldsets = [
        (None, {"fields": ["site_name", "base_url", "tagline"]}),
        (
            _("AI-writing disclosure and editorial responsibility"),
            {
                "fields": [
                    "disclosure_text",
                    "disclosure_page",
                    "disclosure_link_text",
                    "editorial_responsibility",
                    "editorial_responsibility_kind",
                ]
            },
        ),
        (_("Comments"), {"fields": ["comment_policy_page"]}),
        (_("Images"), {"fields": ["default_social_image", "publisher_logo"]}),
    ]
    autocomplete_fields = ["default_social_image"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    radio_fields = {"editorial_responsibility_kind": admin.HORIZONTAL}

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        site_settings = SiteSettings.current()
        if self.has_view_or_change_permission(request, site_settings):
            return HttpResponseRedirect(
                reverse("admin:core_sitesettings_change", args=[site_settings.pk])
            )
        return super().changelist_view(request, extra_context)


class SiteAdmin(SiteAdminBase):
    """Django's sites, except that the site this installation serves cannot be deleted: every
    absolute address, e-mail link and redirect depends on it."""

    def has_delete_permission(self, request, obj=None):
        if obj is None or obj.pk == settings.SITE_ID:
            return False
        return super().has_delete_permission(request, obj)


admin.site.unregister(Site)
admin.site.register(Site, SiteAdmin)


# django-tasks-db's read-only admin of the task queue (superusers, or whoever is given
# django_tasks_database.view_dbtaskresult), with how often each task was tried and, for one
# waiting to be tried again, when: a task that gave up stays there, Failed, with its
# traceback on its page.
admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(DBTaskResultAdmin):
    """The task queue, read only: what ran, what waits for another try, what gave up."""

    list_display = (
        "id",
        "task_name",
        "status",
        "attempts",
        "enqueued_at",
        "started_at",
        "finished_at",
        "display_run_after",
    )
    search_fields = ["task_path"]

    @admin.display(description=_("attempts"))
    def attempts(self, obj):
        return len(obj.worker_ids) if isinstance(obj.worker_ids, list) else 0
