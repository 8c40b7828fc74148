"""Tags and the old addresses of articles in the admin."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..models import Article, ArticleSlugRedirect, Tag


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    """Tags, with how many articles use each; editors choose which are the site's sections
    (the main menu) and their order, here or from the list."""

    list_display = ["name", "slug", "article_count", "is_section", "section_position"]
    list_editable = ["is_section", "section_position"]
    list_filter = ["is_section"]
    # The count of articles groups the rows, and a grouped query leaves out the model's
    # order: without this one, the pages of the list could repeat and skip tags.
    ordering = ["name", "pk"]
    actions = ["make_sections", "remove_from_sections"]

    class Media:
        js = ["articles/admin/slug-french.js"]

    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "description", "is_section", "section_position"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .known_to(request.user)
            # Of the articles the user may know of: a count that included another author's
            # drafts would tell that a scoop is being written on the subject.
            .annotate(
                article_count=Count(
                    "tagged_articles",
                    filter=Q(
                        tagged_articles__content_object__in=Article.objects.known_to(
                            request.user
                        )
                    ),
                )
            )
        )

    def view_on_site(self, obj):
        # A tag gets its page with its first published article.
        if Tag.objects.with_published_articles().filter(pk=obj.pk).exists():
            return obj.get_absolute_url()
        return None

    def has_manage_sections_permission(self, request):
        return Tag.may_manage_sections(request.user)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_manage_sections_permission(request):
            readonly += Tag.SECTION_FIELDS
        return readonly

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        if not self.has_manage_sections_permission(request):
            # The list is only for reading the sections, not for choosing them.
            changelist.list_editable = ()
        return changelist

    def save_model(self, request, obj, form, change):
        changed = set(form.changed_data) & set(Tag.SECTION_FIELDS)
        if changed and not self.has_manage_sections_permission(request):
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Show in the main menu"), permissions=["manage_sections"])
    def make_sections(self, request, queryset):
        self._set_sections(request, queryset, is_section=True)

    @admin.action(description=_("Remove from the main menu"), permissions=["manage_sections"])
    def remove_from_sections(self, request, queryset):
        self._set_sections(request, queryset, is_section=False)

    def _set_sections(self, request, queryset, *, is_section):
        tags = list(queryset)
        for tag in tags:
            tag.set_section(request.user, is_section=is_section)
        if is_section:
            message = ngettext(
                "%(count)d tag is now a section of the site.",
                "%(count)d tags are now sections of the site.",
                len(tags),
            )
        else:
            message = ngettext(
                "%(count)d tag is no longer a section of the site.",
                "%(count)d tags are no longer sections of the site.",
                len(tags),
            )
        self.message_user(request, message % {"count": len(tags)}, messages.SUCCESS)

    @admin.display(description=_("articles"), ordering="article_count")
    def article_count(self, obj):
        return obj.article_count


@admin.register(ArticleSlugRedirect)
class ArticleSlugRedirectAdmin(admin.ModelAdmin):
    """Old addresses of published articles; they are recorded when a slug changes."""

    list_display = ["old_slug", "article_link", "created_at"]
    list_select_related = ["article"]
    search_fields = ["old_slug", "article__title", "article__slug"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("article"), ordering="article__title")
    def article_link(self, obj):
        url = reverse("admin:articles_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a> ({})', url, obj.article.title, obj.article.slug)
