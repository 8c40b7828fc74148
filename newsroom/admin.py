"""The site settings and the site's pages (flat pages) in the admin."""

import copy

from django.contrib import admin
from django.contrib.flatpages.admin import FlatPageAdmin as DjangoFlatPageAdmin
from django.contrib.flatpages.forms import FlatpageForm
from django.contrib.flatpages.models import FlatPage
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget

from articles.models import RICH_TEXT_CONFIG
from articles.sanitizer import sanitize_html

from .models import SiteSettings
from .validators import validate_site_path


class RichTextFlatpageForm(FlatpageForm):
    """A page written with the articles' editor, its HTML cleaned by the one sanitizer."""

    content = ProseEditorFormField(
        label=_("content"),
        required=False,
        config=copy.deepcopy(RICH_TEXT_CONFIG),
        sanitize=sanitize_html,
        widget=AdminProseEditorWidget,
    )

    def clean_url(self):
        url = super().clean_url()
        validate_site_path(url)
        return url


if admin.site.is_registered(FlatPage):
    admin.site.unregister(FlatPage)


@admin.register(FlatPage)
class FlatPageAdmin(DjangoFlatPageAdmin):
    """The site's pages (about, legal notice, AI disclosure…), edited like articles."""

    form = RichTextFlatpageForm
    list_display = ("title", "url", "page_link")

    @admin.display(description=_("link"))
    def page_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.url, gettext("View on site"))


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    """One set of settings: the list goes straight to it, nothing to add or delete."""

    fieldsets = [
        (None, {"fields": ["site_name", "tagline"]}),
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
    radio_fields = {"editorial_responsibility_kind": admin.HORIZONTAL}

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        site_settings = SiteSettings.current()
        if self.has_view_or_change_permission(request, site_settings):
            return HttpResponseRedirect(
                reverse("admin:newsroom_sitesettings_change", args=[site_settings.pk])
            )
        return super().changelist_view(request, extra_context)
