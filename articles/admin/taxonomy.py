"""Tags and the old addresses of articles in the admin."""

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..models import ArticleSlugRedirect, Tag


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    """Tags, with how many articles use each."""

    list_display = ["name", "slug", "article_count"]

    class Media:
        js = ["articles/admin/slug-french.js"]

    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "description"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("tagged_articles"))

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
