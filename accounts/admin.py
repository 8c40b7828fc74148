"""Public profiles in the admin: everyone on the staff edits their own, editors everyone's."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.names import display_name

from .models import Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    """The address of each author page. Profiles come and go with their users."""

    list_display = ["person", "public_slug", "public_slug_chosen"]
    search_fields = ["user__first_name", "user__last_name", "public_slug"]
    fields = ["person", "public_slug", "email_notifications", "language"]
    readonly_fields = ["person"]
    ordering = ["user__last_name", "user__first_name", "public_slug"]
    list_select_related = ["user"]

    @admin.display(description=_("person"), ordering="user__last_name")
    def person(self, profile):
        return display_name(profile.user)

    def _is_own(self, request, profile):
        return profile is not None and profile.user_id == request.user.pk

    def get_queryset(self, request):
        profiles = super().get_queryset(request).select_related("user")
        if request.user.has_perm("accounts.view_profile"):
            return profiles
        return profiles.filter(user=request.user)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        if super().has_view_permission(request, obj):
            return True
        return self.has_module_permission(request) and (obj is None or self._is_own(request, obj))

    def has_change_permission(self, request, obj=None):
        if super().has_change_permission(request, obj):
            return True
        return self.has_module_permission(request) and (obj is None or self._is_own(request, obj))

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self._is_own(request, obj):
            # What the newsroom sends a person is theirs to decide.
            readonly += ["email_notifications", "language"]
        return readonly

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
