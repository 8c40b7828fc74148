"""Staff accounts in the admin: public profiles (everyone on the staff edits their own,
editors everyone's), and two-factor sign-in, which a superuser resets for a lost phone.

django-otp's own admin pages (devices with their secrets and QR codes, raw filters) are
not used: a staff member manages their own devices on the "Two-factor sign-in" page, and a
superuser resets another's from the users' list.
"""

from axes import admin as axes_admin
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.admin_actions import ActionAdminMixin
from core.names import display_name

from .actions import ResetTwoFactor
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


for device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(device_model):
        admin.site.unregister(device_model)

User = get_user_model()


class StaffUserAdmin(ActionAdminMixin, UserAdmin):
    """Django's user admin, telling who uses two-factor sign-in and resetting it."""

    list_display = (*UserAdmin.list_display, "uses_two_factor")
    actions = ["reset_two_factor"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                has_authenticator=Exists(
                    TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
                )
            )
        )

    @admin.display(description=_("two-factor sign-in"), boolean=True)
    def uses_two_factor(self, obj):
        return obj.has_authenticator

    def has_reset_two_factor_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    @admin.action(
        description=_("Reset two-factor sign-in (a lost phone)"),
        permissions=["reset_two_factor"],
    )
    def reset_two_factor(self, request, queryset):
        self.run_on_each(
            request,
            queryset,
            lambda staff_member: ResetTwoFactor(request.user, staff_member),
            done=lambda count: RESET_DONE % {"count": count},
            refused=lambda obj, reasons: RESET_REFUSED % {"object": obj, "reasons": reasons},
        )


RESET_DONE = ngettext_lazy(
    "Two-factor sign-in reset for %(count)d account: it sets up a new authenticator at its "
    "next sign-in if it must use one.",
    "Two-factor sign-in reset for %(count)d accounts: each sets up a new authenticator at its "
    "next sign-in if it must use one.",
    "count",
)
RESET_REFUSED = _("“%(object)s” was left as it was: %(reasons)s")

if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)


class AccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
    """django-axes' failed sign-ins, the latest first: its model has no order, and a list
    without one may show a row on two pages and skip another."""

    ordering = ["-attempt_time", "-pk"]


if admin.site.is_registered(AccessAttempt):
    admin.site.unregister(AccessAttempt)
    admin.site.register(AccessAttempt, AccessAttemptAdmin)
