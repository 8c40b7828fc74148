"""Staff sign-in pages under /admin/, beside the admin's own (see newsroom/urls.py)."""

from django.urls import path

from . import views

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
