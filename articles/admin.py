"""The editors' and authors' admin: articles, the media library, tags and old addresses.

Roles are enforced here through querysets and permissions, not by hiding
buttons: an author's queryset holds only their own articles, and every status
change goes through ``articles.actions``.
"""

import copy

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count, Prefetch, ProtectedError, Q
from django.http import Http404, HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import format_lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag as TaggitTag

from .actions import BackToDraft, PublishArticle
from .forms import ArticleAdminForm, ImageAdminForm
from .models import Article, ArticleSlugRedirect, Image, Source, Tag

admin.site.site_header = _("Newsroom")
admin.site.site_title = _("Newsroom")

# The project's own Tag replaces taggit's; two "Tags" pages would confuse editors.
if admin.site.is_registered(TaggitTag):
    admin.site.unregister(TaggitTag)

THUMBNAIL_WIDTH = 80


def thumbnail(image, width=THUMBNAIL_WIDTH):
    """A small <img> of ``image`` for admin lists, or None (shown as the empty value).

    The smallest rendition when it is built (prefetch ``renditions``), else the original.
    """
    if image is None or not image.file:
        return None
    small = image.thumbnail()
    return format_html(
        '<img src="{}" alt="{}" width="{}" loading="lazy" class="newsroom-thumbnail">',
        small.url if small else image.file.url,
        image.alt_text,
        width,
    )


def usage_sentence(image, articles):
    """« “Photo” is the featured image of “A”, “B”. », for refusals."""
    titles = ", ".join(f"“{article.title}”" for article in articles)
    return ngettext(
        "“%(image)s” is the featured image of the article %(titles)s.",
        "“%(image)s” is the featured image of the articles %(titles)s.",
        len(articles),
    ) % {"image": image, "titles": titles}


def _edits_any(request):
    return request.user.has_perm("articles.edit_any_article")


def _publishes(request):
    return request.user.has_perm("articles.publish_article")


def _refusal_reasons(refusal):
    if isinstance(refusal, ValidationError):
        return " ".join(refusal.messages)
    return str(refusal) or gettext("Permission denied.")


class HttpsByDefaultMixin:
    """An address typed without a scheme ("example.org") is read as https://."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class SourceInline(HttpsByDefaultMixin, admin.TabularInline):
    """The article's sources, printed under it in this order."""

    model = Source
    fields = ["name", "url", "order"]
    extra = 1
    # The admin's URL widget repeats the current address above the field,
    # which a table row has no room for.
    formfield_overrides = {
        models.URLField: {"widget": forms.URLInput(attrs={"class": "vURLField"})}
    }


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    """Articles: editors see and publish all of them, authors write their own."""

    form = ArticleAdminForm
    list_display = [
        "title",
        "status_label",
        "published_at",
        "author_names",
        "tag_names",
        "featured_thumbnail",
        "links",
    ]
    list_filter = [
        "status",
        ("tags", admin.RelatedOnlyFieldListFilter),
        ("authors", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["featured_image"]
    search_fields = ["title", "standfirst", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["authors", "featured_image"]
    inlines = [SourceInline]
    actions = ["publish_selected", "back_to_draft_selected"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "body"]}),
        (
            _("Publication"),
            {
                "fields": [
                    "status",
                    "published_at",
                    "authors",
                    "featured_image",
                    "tags",
                    "comments_open",
                ]
            },
        ),
    ]

    class Media:
        css = {"all": ["articles/admin/admin.css"]}
        js = ["articles/admin/slug-french.js"]

    # Querysets and permissions

    def get_queryset(self, request):
        authors = get_user_model().objects.order_by("last_name", "username")
        queryset = super().get_queryset(request).prefetch_related(
            Prefetch("authors", queryset=authors), "tags", "featured_image__renditions"
        )
        return queryset.editable_by(request.user)

    def get_object(self, request, object_id, from_field=None):
        article = super().get_object(request, object_id, from_field)
        if article is None and not _edits_any(request) and self.has_view_permission(request):
            # Another author's article: do not even say whether it exists.
            # (Users without any article permission get the admin's 403.)
            raise Http404
        return article

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        # What readers see (or will see at its date) is the editors' to change.
        return obj is None or _publishes(request) or obj.status != Article.Status.PUBLISHED

    def has_publish_permission(self, request):
        return _publishes(request)

    # The form

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.current_user = request.user
        return form

    def get_fieldsets(self, request, obj=None):
        fieldsets = copy.deepcopy(super().get_fieldsets(request, obj))
        if not _edits_any(request):
            for _name, options in fieldsets:
                options["fields"] = [
                    "byline" if field == "authors" else field for field in options["fields"]
                ]
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not _edits_any(request):
            readonly.append("byline")
        if not _publishes(request):
            # The publication date is the editors' decision, like publishing.
            readonly.append("published_at")
        return readonly

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if _edits_any(request):
            initial.setdefault("authors", [request.user.pk])
        return initial

    def save_model(self, request, obj, form, change):
        if form.status_action is not None:
            # The action sets the new status in save_related, once the authors
            # and tags it checks are saved.
            obj.status = form.stored_status
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        if not change and not _edits_any(request):
            article.authors.add(request.user)
        if form.status_action is None:
            return
        try:
            form.status_action(article, request.user).execute()
        except (PermissionDenied, ValidationError) as refusal:
            # clean() ran the same check; this is only reached if something
            # changed in between. The article's content is saved, not its status.
            self.message_user(
                request,
                gettext("The article was saved but its status did not change: %(reasons)s")
                % {"reasons": _refusal_reasons(refusal)},
                messages.ERROR,
            )

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_published else None

    # Columns

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, obj):
        if obj.is_scheduled:
            return gettext("Scheduled")
        return obj.get_status_display()

    @admin.display(description=_("authors"))
    def author_names(self, obj):
        return ", ".join(user.get_full_name() or user.get_username() for user in obj.authors.all())

    @admin.display(description=_("authors"))
    def byline(self, obj):
        if obj is None or obj.pk is None:
            return gettext("You (added automatically)")
        return self.author_names(obj)

    @admin.display(description=_("tags"))
    def tag_names(self, obj):
        return ", ".join(sorted(tag.name for tag in obj.tags.all()))

    @admin.display(description=_("image"))
    def featured_thumbnail(self, obj):
        return thumbnail(obj.featured_image)

    @admin.display(description=_("links"))
    def links(self, obj):
        links = [(obj.get_preview_url(), gettext("Preview"))]
        if obj.is_published:
            links.append((obj.get_absolute_url(), gettext("View on site")))
        return format_html_join(" · ", '<a href="{}">{}</a>', links)

    # Bulk actions: each article goes through its action, one by one.

    @admin.action(description=_("Publish selected articles"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        done, refusals = self._apply_each(request, queryset, PublishArticle)
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(count)d article was published.", "%(count)d articles were published.", done
                )
                % {"count": done},
                messages.SUCCESS,
            )
        for article, reasons in refusals:
            self.message_user(
                request,
                gettext("“%(title)s” was not published: %(reasons)s")
                % {"title": article.title, "reasons": reasons},
                messages.ERROR,
            )

    @admin.action(description=_("Take selected articles back to draft"), permissions=["change"])
    def back_to_draft_selected(self, request, queryset):
        done, refusals = self._apply_each(request, queryset, BackToDraft)
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(count)d article was taken back to draft.",
                    "%(count)d articles were taken back to draft.",
                    done,
                )
                % {"count": done},
                messages.SUCCESS,
            )
        for article, reasons in refusals:
            self.message_user(
                request,
                gettext("“%(title)s” was not taken back to draft: %(reasons)s")
                % {"title": article.title, "reasons": reasons},
                messages.ERROR,
            )

    def _apply_each(self, request, queryset, action_class):
        """Run ``action_class`` on each article; return the count done and the refusals."""
        done, refusals = 0, []
        for article in queryset:
            if article.status == action_class.target_status:
                continue
            try:
                action_class(article, request.user).execute()
            except (PermissionDenied, ValidationError) as refusal:
                refusals.append((article, _refusal_reasons(refusal)))
            else:
                done += 1
        return done, refusals


class ImageUsageFilter(admin.SimpleListFilter):
    title = _("use")
    parameter_name = "used"

    def lookups(self, request, model_admin):
        return [("yes", _("Featured in an article")), ("no", _("Not used"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(featured_in__isnull=False).distinct()
        if self.value() == "no":
            return queryset.filter(featured_in__isnull=True)
        return queryset


class ImageCreditFilter(admin.SimpleListFilter):
    """Images that could not be published for lack of a credit."""

    title = _("credit")
    parameter_name = "credited"

    def lookups(self, request, model_admin):
        return [("yes", _("Credited")), ("no", _("No credit"))]

    def queryset(self, request, queryset):
        missing = Q(credit="") & Q(credit_source="")
        if self.value() == "yes":
            return queryset.exclude(missing)
        if self.value() == "no":
            return queryset.filter(missing)
        return queryset


@admin.register(Image)
class ImageAdmin(HttpsByDefaultMixin, admin.ModelAdmin):
    """The media library; every upload is checked and cleaned before it is stored.

    An image in use cannot be deleted: both the delete page and the bulk action refuse
    with the articles that show it.
    """

    form = ImageAdminForm

    class Media:
        css = {"all": ["articles/admin/admin.css"]}
        js = ["articles/admin/focal-point.js"]

    list_display = [
        "list_thumbnail",
        "alt_text",
        "credit_line_display",
        "source_link",
        "usage_link",
        "uploaded_at",
    ]
    list_display_links = ["list_thumbnail", "alt_text"]
    list_filter = [ImageCreditFilter, "credit_source", ImageUsageFilter, "digital_source_type"]
    search_fields = ["caption", "alt_text", "credit", "credit_source"]
    date_hierarchy = "uploaded_at"
    actions = ["delete_selected"]
    fieldsets = [
        (None, {"fields": ["file", "preview", "focal_point_x", "focal_point_y", "alt_text",
                           "caption"]}),
        (
            _("Credit and licence"),
            {
                "fields": [
                    "credit",
                    "credit_source",
                    "source_url",
                    "licence_name",
                    "licence_url",
                    "digital_source_type",
                ]
            },
        ),
        (
            _("About the file"),
            {"fields": ["usage_list", "dimensions", "rendition_list", "uploaded_by",
                        "uploaded_at"]},
        ),
    ]
    readonly_fields = [
        "preview",
        "usage_list",
        "dimensions",
        "rendition_list",
        "uploaded_by",
        "uploaded_at",
    ]
    list_select_related = ["uploaded_by"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("renditions")
            .annotate(usage_count=Count("featured_in", distinct=True))
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
        for note in getattr(obj, "processing_notes", ()):
            self.message_user(request, note, messages.WARNING)

    # Deleting: never an image that articles show.

    def delete_view(self, request, object_id, extra_context=None):
        image = self.get_object(request, unquote(object_id))
        if image is not None and self._refuse_deletion(request, [image]):
            return HttpResponseRedirect(
                reverse("admin:articles_image_change", args=[image.pk])
            )
        try:
            return super().delete_view(request, object_id, extra_context)
        except ProtectedError:
            # Chosen as a featured image between the confirmation page and the deletion.
            self._refuse_deletion(request, [image])
            return HttpResponseRedirect(request.path)

    @admin.action(
        permissions=["delete"],
        description=format_lazy(_("Delete selected {}"), Image._meta.verbose_name_plural),
    )
    def delete_selected(self, request, queryset):
        """Django's bulk deletion, refused (with the reasons) when an image is in use."""
        if self._refuse_deletion(request, queryset):
            return None
        try:
            return django_delete_selected(self, request, queryset)
        except ProtectedError:
            self._refuse_deletion(request, queryset)
            return None

    def _refuse_deletion(self, request, images):
        """Tell which of ``images`` are in use, and where; return whether any is."""
        used = Image.objects.filter(pk__in=[image.pk for image in images])
        used = used.filter(featured_in__isnull=False).distinct().prefetch_related(
            Prefetch("featured_in", queryset=Article.objects.order_by("title"))
        )
        refused = False
        for image in used:
            refused = True
            self.message_user(
                request,
                gettext("%(usage)s It cannot be deleted: choose another image for %(them)s first.")
                % {
                    "usage": usage_sentence(image, list(image.featured_in.all())),
                    "them": ngettext(
                        "this article", "these articles", len(image.featured_in.all())
                    ),
                },
                messages.ERROR,
            )
        return refused

    # Columns and read-only fields

    @admin.display(description=_("image"))
    def list_thumbnail(self, obj):
        return thumbnail(obj)

    @admin.display(description=_("preview"))
    def preview(self, obj):
        """The picture, on which a click sets the focal point (articles/admin/focal-point.js)."""
        if not obj.pk or not obj.file:
            return None
        shown = obj.rendition("w800", "webp") or obj.thumbnail()
        return format_html(
            '<div class="focal-point-picker" data-focal-point-picker hidden>'
            '<img src="{}" alt="{}" width="{}" height="{}" class="focal-point-picker__image">'
            '<span class="focal-point-picker__marker"></span></div>'
            '<p class="help" data-focal-point-help hidden>{}</p>'
            '<noscript><img src="{}" alt="{}" width="320" class="newsroom-thumbnail"></noscript>',
            shown.url if shown else obj.file.url,
            obj.alt_text,
            shown.width if shown else obj.width,
            shown.height if shown else obj.height,
            gettext(
                "Click the picture on what must stay visible when it is cropped (the "
                "focal point). Empty both numbers below to use the centre."
            ),
            shown.url if shown else obj.file.url,
            obj.alt_text,
        )

    @admin.display(description=_("dimensions"))
    def dimensions(self, obj):
        if not obj.pk:
            return None
        return gettext("%(width)s × %(height)s pixels") % {"width": obj.width, "height": obj.height}

    @admin.display(description=_("renditions"))
    def rendition_list(self, obj):
        if not obj.pk:
            return None
        renditions = obj.rendition_list()
        if not renditions:
            return gettext(
                "Being made: the site shows the original until the renditions are ready."
            )
        return format_html_join(
            ", ",
            '<a href="{}">{} {} × {}</a> ({})',
            (
                (r.url, r.get_format_display(), r.width, r.height, filesizeformat(r.file_size))
                for r in renditions
            ),
        )

    @admin.display(description=_("used in"), ordering="usage_count")
    def usage_link(self, obj):
        count = obj.usage_count
        if not count:
            return gettext("Not used")
        url = reverse("admin:articles_article_changelist")
        return format_html(
            '<a href="{}?featured_image__id__exact={}">{}</a>',
            url,
            obj.pk,
            ngettext("%(count)d article", "%(count)d articles", count) % {"count": count},
        )

    @admin.display(description=_("used in"))
    def usage_list(self, obj):
        if not obj.pk:
            return None
        articles = list(obj.usage())
        if not articles:
            return gettext("No article uses this image: it may be deleted.")
        return format_html(
            "<ul class=\"newsroom-usage\">{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a> ({})</li>',
                (
                    (
                        reverse("admin:articles_article_change", args=[article.pk]),
                        article.title,
                        gettext("scheduled") if article.is_scheduled
                        else article.get_status_display().lower(),
                    )
                    for article in articles
                ),
            ),
        )

    @admin.display(description=_("credit line"), ordering="credit")
    def credit_line_display(self, obj):
        return obj.credit_line()

    @admin.display(description=_("source"), ordering="credit_source")
    def source_link(self, obj):
        if obj.source_url:
            return format_html(
                '<a href="{}" rel="noopener noreferrer">{}</a>',
                obj.source_url,
                obj.credit_source or obj.source_url,
            )
        return obj.credit_source or None


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    """Tags, with how many articles use each."""

    list_display = ["name", "slug", "article_count"]

    class Media:
        js = ["articles/admin/slug-french.js"]

    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "description"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("tagged_articles"))

    @admin.display(description=_("articles"), ordering="article_count")
    def article_count(self, obj):
        return obj.article_count


@admin.register(ArticleSlugRedirect)
class ArticleSlugRedirectAdmin(admin.ModelAdmin):
    """Old addresses of published articles; they are recorded when a slug changes."""

    list_display = ["old_slug", "article_link", "created_at"]
    list_select_related = ["article"]
    search_fields = ["old_slug", "article__title", "article__slug"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("article"), ordering="article__title")
    def article_link(self, obj):
        url = reverse("admin:articles_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a> ({})', url, obj.article.title, obj.article.slug)
