"""The site's pages (flat pages) in the admin, written with the articles' editor."""

import copy

from django.contrib import admin
from django.contrib.flatpages.admin import FlatPageAdmin as DjangoFlatPageAdmin
from django.contrib.flatpages.forms import FlatpageForm
from django.contrib.flatpages.models import FlatPage
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget

from articles.forms import rich_text_editor_config
from articles.models import RICH_TEXT_CONFIG
from articles.sanitizer import sanitize_html

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        widget = self.fields["content"].widget
        widget.config = rich_text_editor_config(widget.config)

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
