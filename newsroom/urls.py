"""Root URLs: the admin, then the reader site in French (no prefix) and English (/en/)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from articles import sitemaps
from articles import views as articles_views
from articles.caching import cacheable_patterns
from core import health

from . import admin_views, views

urlpatterns = [
    # Before the admin's own pattern of the same address (see newsroom/admin_views.py).
    path(
        "admin/r/<path:content_type_id>/<path:object_id>/",
        admin.site.admin_view(admin_views.view_on_site),
    ),
    # Password reset and two-factor sign-in, before the admin's catch-all patterns.
    path("admin/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # Browsers ask for it whatever the page says; answer without touching the database.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("img/favicon.ico"))),
    # For crawlers, in the site's default language.
    path("robots.txt", articles_views.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": sitemaps.SECTIONS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemaps.SECTIONS},
        name="sitemap_section",
    ),
    path("news-sitemap.xml", articles_views.news_sitemap, name="news_sitemap"),
]

# The crawlers' files list the articles: kept like the other lists (articles/caching.py).
urlpatterns = cacheable_patterns(urlpatterns, keys_by_name={}, skip={None})

# For load balancers (core/health.py): never cached, by this site or any cache in front.
urlpatterns += [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
]

urlpatterns += i18n_patterns(
    path("", include("articles.urls")),
    path("commentaires/", include("comments.urls")),
    prefix_default_language=False,
)

# Files on this machine, in development; a bucket serves its own.
if settings.DEBUG and settings.MEDIA_STORAGE == "local":
    urlpatterns += [
        path(
            f"{settings.MEDIA_URL.strip('/')}/<path:path>",
            views.serve_media,
        )
    ]

handler400 = "newsroom.views.bad_request"
handler403 = "newsroom.views.permission_denied"
handler404 = "newsroom.views.page_not_found"
handler500 = "newsroom.views.server_error"
