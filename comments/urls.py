from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("<int:article_id>/", views.post_comment, name="post"),
    path("<int:article_id>/jeton/", views.form_token, name="token"),
    path("confirmer/<str:token>/", views.confirm_address, name="confirm"),
]
