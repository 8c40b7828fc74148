from datetime import MAXYEAR, MINYEAR, date

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView
from django.views.generic.dates import MonthArchiveView, YearArchiveView

from core import identity

from . import sitemaps
from .metadata import PageMetadata
from .models import (
    Article,
    ArticleSlugRedirect,
    PreviewLink,
    Tag,
    WritingMethod,
    fetch_bylines,
    fetch_card_relations,
    public_authors,
)
from .search import clean_query, highlight, is_searchable


class PageMetadataMixin:
    """Gives the template the page's ``metadata`` (see articles/metadata.py)."""

    def get_metadata(self):
        return PageMetadata()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["metadata"] = self.get_metadata()
        return context


class ArticleCardsMixin:
    """Pages of article cards: the authors, tags and renditions of the page's articles
    come from ``fetch_card_relations()``, in three queries compiled once per process."""

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(
            queryset, page_size
        )
        # Fetches the page's articles: the page then lists these very objects.
        fetch_card_relations(page.object_list)
        return paginator, page, object_list, is_paginated


class PublishedArticlesMixin(ArticleCardsMixin, PageMetadataMixin):
    """Lists of what readers may see, with everything a card displays."""

    paginate_by = settings.ARCHIVE_ARTICLES_PER_PAGE
    context_object_name = "articles"

    def get_queryset(self):
        return Article.objects.published().for_cards()


class HomeView(PublishedArticlesMixin, ListView):
    """The front page: a lead article, then the latest ones.

    ``?provenance=human|ai-assisted|ai-generated`` keeps the articles written that way; an
    unknown value is ignored, and the page says so.
    """

    template_name = "articles/home.html"
    paginate_by = settings.ARTICLES_PER_PAGE

    def get_queryset(self):
        articles = super().get_queryset()
        self.provenance = self.request.GET.get("provenance", "")
        method = WritingMethod.from_parameter(self.provenance)
        if method is None:
            return articles
        return articles.written(method)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["provenance_filters"] = provenance_filters(self.provenance)
        context["unknown_provenance"] = bool(
            self.provenance and WritingMethod.from_parameter(self.provenance) is None
        )
        articles = list(context["articles"])
        # Only the first page opens on a lead story; later pages are plain archives.
        if context["page_obj"].number == 1 and articles:
            context["lead_article"], articles = articles[0], articles[1:]
        context["latest_articles"] = articles
        return context


def provenance_filters(current):
    """The home page's choices of provenance, for its filter menu."""
    choices = [("", _("All articles"))] + [
        (method.parameter, method.filter_label) for method in WritingMethod
    ]
    if WritingMethod.from_parameter(current) is None:
        current = ""
    return [
        {
            "label": label,
            "url": f"{reverse('articles:home')}?provenance={value}"
            if value
            else reverse("articles:home"),
            "current": value == current,
        }
        for value, label in choices
    ]


class ArticleDetailView(PageMetadataMixin, DetailView):
    """An article as readers see it; an old slug redirects permanently to the current one."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_object(self, queryset=None):
        # Article.objects.published().for_detail(), by slug, in SQL compiled once.
        try:
            return Article.objects.published_page(self.kwargs["slug"])
        except Article.DoesNotExist:
            raise Http404 from None

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            moved = (
                ArticleSlugRedirect.objects.filter(old_slug=kwargs["slug"])
                .select_related("article")
                .first()
            )
            if moved and moved.article.is_published:
                return redirect(moved.article, permanent=True)
            raise

    def get_metadata(self):
        return PageMetadata.for_article(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        related = list(self.object.related_articles())
        fetch_card_relations([self.object, *related])
        context["related_articles"] = related
        return context


class ArticlePreviewView(ArticleDetailView):
    """Any article, as it will look once published; for staff who may edit it."""

    def get_queryset(self):
        return Article.objects.editable_by(self.request.user).for_detail()

    def get(self, request, *args, **kwargs):
        user = request.user
        if not (user.is_active and user.is_staff and user.has_perm("articles.view_article")):
            raise Http404
        return DetailView.get(self, request, *args, **kwargs)

    def get_object(self, queryset=None):
        return DetailView.get_object(self, queryset)

    def get_metadata(self):
        return PageMetadata.for_article(self.object, preview=True)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = True
        return context


class SharedPreviewView(ArticlePreviewView):
    """An article as it will look, for whoever holds a preview link (no account needed).

    The page is for one reader: never cached, never indexed, and it sends no referrer, so
    the secret address does not leak through the links it shows.
    """

    invalid_template_name = "articles/shared_preview_invalid.html"

    def get(self, request, *args, **kwargs):
        self.link = PreviewLink.objects.from_token(kwargs["token"])
        if self.link is None:
            response = render(request, self.invalid_template_name, status=404)
        else:
            self.link.record_view()
            response = DetailView.get(self, request, *args, **kwargs)
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
        response["Referrer-Policy"] = "no-referrer"
        return response

    def get_object(self, queryset=None):
        return get_object_or_404(Article.objects.for_detail(), pk=self.link.article_id)


class TagArchiveView(PublishedArticlesMixin, ListView):
    """The published articles of one tag, with the tag's description."""

    template_name = "articles/tag_archive.html"

    def get_queryset(self):
        self.tag = get_object_or_404(
            Tag.objects.with_published_articles(), slug=self.kwargs["slug"]
        )
        return super().get_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)

    def get_metadata(self):
        return PageMetadata.for_tag(self.tag)


class AuthorArchiveView(PublishedArticlesMixin, ListView):
    """The published articles of one author."""

    template_name = "articles/author_archive.html"

    def get_queryset(self):
        self.author = get_object_or_404(public_authors(), profile__public_slug=self.kwargs["slug"])
        return super().get_queryset().filter(authors=self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)

    def get_metadata(self):
        return PageMetadata.for_author(self.author)


class ArticleDateArchiveMixin(ArticleCardsMixin, PageMetadataMixin):
    """What the year and month archives share: published articles by publication date.

    A period without articles answers 404, so that crawlers do not index empty pages.
    """

    model = Article
    date_field = "published_at"
    allow_empty = False
    allow_future = False
    context_object_name = "articles"

    def get_queryset(self):
        return Article.objects.published().for_cards()

    def get_paginate_by(self, queryset):
        return settings.ARCHIVE_ARTICLES_PER_PAGE

    def get_year(self):
        # The bounds of year 1 (and those after 9999) fall outside what a date can hold once
        # moved to UTC, where the database compares them: no article is from those years.
        year = super().get_year()
        if not MINYEAR < int(year) < MAXYEAR:
            raise Http404(_("No articles are published in that year."))
        return year


class ArticleYearArchiveView(ArticleDateArchiveMixin, YearArchiveView):
    """The articles of a year, most recent first, with links to its months."""

    make_object_list = True
    ordering = ["-published_at", "-pk"]

    def get_metadata(self):
        year = self.get_year()
        return PageMetadata(
            title=_("Articles of %(year)s") % {"year": year},
            description=_("The articles published in %(year)s.") % {"year": year},
        )


class ArticleMonthArchiveView(ArticleDateArchiveMixin, MonthArchiveView):
    """The articles of a month, most recent first."""

    month_format = "%m"
    ordering = ["-published_at", "-pk"]

    def get_metadata(self):
        # The URL only lets digits through, and an impossible month was a 404 already.
        month = date(int(self.get_year()), int(self.get_month()), 1)
        month = date_format(month, "YEAR_MONTH_FORMAT")
        return PageMetadata(
            title=_("Articles of %(month)s") % {"month": month},
            description=_("The articles published in %(month)s.") % {"month": month},
        )


class SearchView(PageMetadataMixin, ListView):
    """Full-text search of the published articles, optionally within one tag.

    Any query gets a page: an empty one or one without words shows the form again, a long
    one is cut (see articles/search.py); a page number out of range shows the last page.
    """

    template_name = "articles/search.html"
    context_object_name = "articles"

    def get_paginate_by(self, queryset):
        return settings.SEARCH_RESULTS_PER_PAGE

    def get_queryset(self):
        self.query = clean_query(self.request.GET.get("q", ""))
        slug = self.request.GET.get("tag", "")[:100]
        tags = Tag.objects.with_published_articles()
        self.tag = tags.filter(slug=slug).first() if slug else None
        articles = Article.objects.published()
        if self.tag is not None:
            articles = articles.filter(tags=self.tag)
        return articles.search(self.query).for_search_results()

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        fetch_bylines(page.object_list)
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        # Snippets for the shown page only: highlighting whole bodies is costly.
        page.object_list = highlight(page.object_list, self.query)
        context.update(
            articles=page.object_list,
            query=self.query,
            searched=is_searchable(self.query),
            tag=self.tag,
        )
        return context

    def get_metadata(self):
        if self.query:
            title = _("Search results for “%(query)s”") % {"query": self.query}
        else:
            title = _("Search")
        # Result pages are endless variations of the articles: keep them out of indexes.
        return PageMetadata(title=title, noindex=True)


def robots_txt(request):
    """Crawlers' rules: not the admin, search results or previews; where the sitemaps are."""
    disallowed = [reverse("admin:index")]
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            disallowed.append(reverse("articles:search"))
            # Every preview address starts like this one.
            disallowed.append(reverse("articles:preview", args=[0]).removesuffix("0/"))
    sitemap_urls = [
        identity.absolute_url(reverse("sitemap")),
        identity.absolute_url(reverse("news_sitemap")),
    ]
    return render(
        request,
        "robots.txt",
        {"disallowed": disallowed, "sitemaps": sitemap_urls},
        content_type="text/plain; charset=utf-8",
    )


def news_sitemap(request):
    """The Google News sitemap: articles of the last 48 hours, with their title and date."""
    response = sitemap_views.sitemap(
        request,
        sitemaps={"news": sitemaps.NewsSitemap},
        template_name="sitemaps/news_sitemap.xml",
    )
    response.context_data.update(
        publication_name=identity.site_name(),
        publication_language=settings.LANGUAGE_CODE,
    )
    return response
