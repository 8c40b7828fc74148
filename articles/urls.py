from django.urls import path, re_path

from . import feeds, views
from .caching import article_page_keys, cacheable_patterns

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("apercu/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    path(
        "apercu/partage/<str:token>/", views.SharedPreviewView.as_view(), name="shared_preview"
    ),
    path("tags/<slug:slug>/", views.TagArchiveView.as_view(), name="tag"),
    path("auteurs/<slug:slug>/", views.AuthorArchiveView.as_view(), name="author"),
    # Search, feeds and date archives: how readers find articles.
    path("search/", views.SearchView.as_view(), name="search"),
    path("feeds/rss/", feeds.LatestArticlesFeed(), name="feed_rss"),
    path("feeds/atom/", feeds.LatestArticlesAtomFeed(), name="feed_atom"),
    path("tags/<slug:slug>/feed/rss/", feeds.TagFeed(), name="tag_feed_rss"),
    path("tags/<slug:slug>/feed/atom/", feeds.TagAtomFeed(), name="tag_feed_atom"),
    path("auteurs/<slug:slug>/feed/rss/", feeds.AuthorFeed(), name="author_feed_rss"),
    path("auteurs/<slug:slug>/feed/atom/", feeds.AuthorAtomFeed(), name="author_feed_atom"),
    re_path(
        r"^(?P<year>[0-9]{4})/$", views.ArticleYearArchiveView.as_view(), name="archive_year"
    ),
    re_path(
        r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$",
        views.ArticleMonthArchiveView.as_view(),
        name="archive_month",
    ),
]

# Every reader page may be kept by the page cache and Varnish, and purged exactly.
urlpatterns = cacheable_patterns(
    urlpatterns, keys_by_name={"detail": article_page_keys}, skip={"preview", "shared_preview"}
)
