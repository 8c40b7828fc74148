"""Staff sign-in pages under /admin/, beside the admin's own (see newsroom/urls.py)."""

from django.contrib import admin
from django.urls import path

from . import views


def staff_page(view_class):
    """For active staff only (else the sign-in page), never cached, CSRF-protected."""
    return admin.site.admin_view(view_class.as_view())


urlpatterns = [
    # The admin's sign-in page links to the page of this name.
    path(
        "password_reset/", views.PasswordResetView.as_view(), name="admin_password_reset"
    ),
    path(
        "password_reset/done/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("reset/done/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]

# Two-factor sign-in: each page is for signed-in staff (the admin's own check); which of
# them a session that still owes the second step may open, accounts/middleware.py says.
urlpatterns += [
    path("two-factor/", staff_page(views.ManageView), name="two_factor"),
    path("two-factor/verify/", staff_page(views.VerifyView), name="two_factor_verify"),
    path("two-factor/setup/", staff_page(views.SetupView), name="two_factor_setup"),
    path(
        "two-factor/recovery-codes/",
        staff_page(views.NewRecoveryCodesView),
        name="two_factor_recovery_codes",
    ),
    path("two-factor/turn-off/", staff_page(views.TurnOffView), name="two_factor_turn_off"),
]
