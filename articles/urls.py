from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("apercu/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    path("tags/<slug:slug>/", views.TagArchiveView.as_view(), name="tag"),
    path("auteurs/<str:username>/", views.AuthorArchiveView.as_view(), name="author"),
]
