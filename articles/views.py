from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, ListView

from comments.display import comment_context

from .models import Article, ArticleSlugRedirect, Tag


class PublishedArticlesMixin:
    """Lists of what readers may see, with everything a card displays."""

    paginate_by = settings.ARCHIVE_ARTICLES_PER_PAGE
    context_object_name = "articles"

    def get_queryset(self):
        return Article.objects.published().for_listing()


class HomeView(PublishedArticlesMixin, ListView):
    """The front page: a lead article, then the latest ones."""

    template_name = "articles/home.html"
    paginate_by = settings.ARTICLES_PER_PAGE

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        articles = list(context["articles"])
        # Only the first page opens on a lead story; later pages are plain archives.
        if context["page_obj"].number == 1 and articles:
            context["lead_article"], articles = articles[0], articles[1:]
        context["latest_articles"] = articles
        return context


class ArticleDetailView(DetailView):
    """An article as readers see it; an old slug redirects permanently to the current one."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"
    # A comment form sent with errors, shown again by the comments app.
    comment_form = None

    def get_queryset(self):
        return (
            Article.objects.published()
            .select_related("featured_image")
            .prefetch_related("authors", "tags", "sources")
            .with_comment_count()
        )

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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["related_articles"] = self.object.related_articles()
        context.update(comment_context(self.request, self.object, form=self.comment_form))
        return context


class ArticlePreviewView(ArticleDetailView):
    """Any article, as it will look once published; for staff who may edit it."""

    def get_queryset(self):
        return (
            Article.objects.editable_by(self.request.user)
            .select_related("featured_image")
            .prefetch_related("authors", "tags", "sources")
            .with_comment_count()
        )

    def get(self, request, *args, **kwargs):
        user = request.user
        if not (user.is_active and user.is_staff and user.has_perm("articles.view_article")):
            raise Http404
        return DetailView.get(self, request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = True
        return context


class TagArchiveView(PublishedArticlesMixin, ListView):
    """The published articles of one tag, with the tag's description."""

    template_name = "articles/tag_archive.html"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class AuthorArchiveView(PublishedArticlesMixin, ListView):
    """The published articles of one author."""

    template_name = "articles/author_archive.html"

    def get_queryset(self):
        self.author = get_object_or_404(
            get_user_model(), username=self.kwargs["username"], is_active=True
        )
        return super().get_queryset().filter(authors=self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)
