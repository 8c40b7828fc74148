"""Root URLs: the admin, then the reader site in French (no prefix) and English (/en/)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("", include("articles.urls")),
    path("commentaires/", include("comments.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += [
        path(
            f"{settings.MEDIA_URL.strip('/')}/<path:path>",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

handler404 = "newsroom.views.page_not_found"
handler500 = "newsroom.views.server_error"
