from django.contrib import admin

from .models import ImportedItem


@admin.register(ImportedItem)
class ImportedItemAdmin(admin.ModelAdmin):
    """What the WordPress import brought in, with its notes (read-only: the import writes it)."""

    list_display = ("kind", "wordpress_id", "object_id", "notes", "imported_at")
    list_filter = ("kind", "site")
    search_fields = ("wordpress_id", "notes")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
