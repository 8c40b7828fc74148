"""The media library in the admin."""

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, ProtectedError, Q
from django.http import Http404, HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.names import display_name

from ..actions import SaveImage
from ..forms import ImageAdminForm
from ..models import Article, ArticleBodyImage, Image
from .common import HttpsByDefaultMixin, thumbnail


def usage_sentence(image, articles, others=0):
    """« “Photo” is the featured image of “A”, “B” and of 2 other articles. », for refusals.

    ``others`` counts the articles the reader of the sentence may not open: their titles
    are not given.
    """
    if not articles:
        return ngettext(
            "“%(image)s” is the featured image of %(count)d article you cannot open.",
            "“%(image)s” is the featured image of %(count)d articles you cannot open.",
            others,
        ) % {"image": image, "count": others}
    titles = ", ".join(
        gettext("“%(title)s”") % {"title": article.title} for article in articles
    )
    sentence = ngettext(
        "“%(image)s” is the featured image of the article %(titles)s.",
        "“%(image)s” is the featured image of the articles %(titles)s.",
        len(articles),
    ) % {"image": image, "titles": titles}
    if others:
        sentence += " " + ngettext(
            "It is also the featured image of %(count)d other article.",
            "It is also the featured image of %(count)d other articles.",
            others,
        ) % {"count": others}
    return sentence


def body_usage_sentence(image, articles, others=0):
    """« “Photo” is shown in the text of “A” and of 2 other articles. », for refusals."""
    if not articles:
        return ngettext(
            "“%(image)s” is shown in the text of %(count)d article you cannot open.",
            "“%(image)s” is shown in the text of %(count)d articles you cannot open.",
            others,
        ) % {"image": image, "count": others}
    titles = ", ".join(
        gettext("“%(title)s”") % {"title": article.title} for article in articles
    )
    sentence = ngettext(
        "“%(image)s” is shown in the text of the article %(titles)s.",
        "“%(image)s” is shown in the text of the articles %(titles)s.",
        len(articles),
    ) % {"image": image, "titles": titles}
    if others:
        sentence += " " + ngettext(
            "It is also shown in the text of %(count)d other article.",
            "It is also shown in the text of %(count)d other articles.",
            others,
        ) % {"count": others}
    return sentence


def split_by_access(user, articles):
    """``articles`` that ``user`` may open in the admin, and how many others there are.

    Authors must not learn the titles of other authors' drafts through an image they share.
    """
    articles = list(articles)
    if user.has_perm("articles.edit_any_article"):
        return articles, 0
    editable = set(
        Article.objects.editable_by(user)
        .filter(pk__in=[article.pk for article in articles])
        .values_list("pk", flat=True)
    )
    shown = [article for article in articles if article.pk in editable]
    return shown, len(articles) - len(shown)


class ImageUsageFilter(admin.SimpleListFilter):
    title = _("use")
    parameter_name = "used"

    def lookups(self, request, model_admin):
        return [("yes", _("Used in an article")), ("no", _("Not used"))]

    def queryset(self, request, queryset):
        used = Q(featured_in__isnull=False) | Q(body_usages__isnull=False)
        if self.value() == "yes":
            return queryset.filter(used).distinct()
        if self.value() == "no":
            return queryset.filter(featured_in__isnull=True, body_usages__isnull=True)
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
            {"fields": ["usage_list", "dimensions", "rendition_list", "uploader",
                        "uploaded_at"]},
        ),
    ]
    readonly_fields = [
        "preview",
        "usage_list",
        "dimensions",
        "rendition_list",
        "uploader",
        "uploaded_at",
    ]
    list_select_related = ["uploaded_by"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("renditions")
            .annotate(
                usage_count=Count("featured_in", distinct=True)
                + Count("body_usages", distinct=True)
            )
            # Meta.ordering is dropped from grouped queries; paginating needs a stable order.
            .order_by("-uploaded_at", "-pk")
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.current_user = request.user
        return form

    def save_model(self, request, obj, form, change):
        message = self.construct_change_message(request, form, None, not change)
        action = SaveImage(obj, request.user, log_message=message)
        action.execute()
        for notice in action.notices:
            self.message_user(request, notice, messages.WARNING)

    # The action writes the admin's log entries: the admin does not add its own.

    def log_addition(self, request, obj, message):
        return None

    def log_change(self, request, obj, message):
        return None

    def get_object(self, request, object_id, from_field=None):
        image = super().get_object(request, object_id, from_field)
        if image is not None:
            # Read by usage_list(), which Django calls with the image alone.
            image.admin_viewer = request.user
        return image

    # The editor's preview of a picture in a text (static/articles/admin/body-editor.js).

    def get_urls(self):
        return [
            path(
                "<path:object_id>/thumbnail/",
                self.admin_site.admin_view(self.thumbnail_view),
                name="articles_image_thumbnail",
            ),
            *super().get_urls(),
        ]

    def thumbnail_view(self, request, object_id):
        """A redirect to the image's thumbnail, for whoever may see the media library."""
        image = self.get_object(request, unquote(object_id))
        if image is None or not self.has_view_or_change_permission(request, image):
            raise Http404
        shown = image.thumbnail()
        return HttpResponseRedirect(shown.url if shown else image.file.url)

    # Deleting: never an image that articles show.

    def delete_view(self, request, object_id, extra_context=None):
        image = self.get_object(request, unquote(object_id))
        if image is not None and not self.has_delete_permission(request, image):
            # Before saying anything about the image, such as where it is used.
            raise PermissionDenied
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

    # Django's own description, formatted by the admin with the model's name.
    @admin.action(permissions=["delete"], description=_("Delete selected %(verbose_name_plural)s"))
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
        used = (
            used.filter(Q(featured_in__isnull=False) | Q(body_usages__isnull=False))
            .distinct()
            .prefetch_related(
                Prefetch("featured_in", queryset=Article.objects.order_by("title")),
                Prefetch(
                    "body_usages",
                    queryset=ArticleBodyImage.objects.select_related("article").order_by(
                        "article__title"
                    ),
                ),
            )
        )
        refused = False
        for image in used:
            refused = True
            articles = list(image.featured_in.all())
            if articles:
                shown, others = split_by_access(request.user, articles)
                self.message_user(
                    request,
                    gettext(
                        "%(usage)s It cannot be deleted: choose another image for %(them)s first."
                    )
                    % {
                        "usage": usage_sentence(image, shown, others),
                        "them": ngettext("this article", "these articles", len(articles)),
                    },
                    messages.ERROR,
                )
            in_texts = [link.article for link in image.body_usages.all()]
            if in_texts:
                shown, others = split_by_access(request.user, in_texts)
                self.message_user(
                    request,
                    gettext(
                        "%(usage)s It cannot be deleted: take it out of %(them)s first."
                    )
                    % {
                        "usage": body_usage_sentence(image, shown, others),
                        "them": ngettext("this text", "these texts", len(in_texts)),
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
        social = gettext("social card")
        return format_html_join(
            ", ",
            '<a href="{}">{} {} × {}</a> ({})',
            (
                (
                    r.url,
                    f"{r.get_format_display()} {social}" if r.spec == "social"
                    else r.get_format_display(),
                    r.width,
                    r.height,
                    filesizeformat(r.file_size),
                )
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
            '<a href="{}?image={}">{}</a>',
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
        viewer = getattr(obj, "admin_viewer", None)
        if viewer is None:
            shown, others = [], len(articles)
        else:
            shown, others = split_by_access(viewer, articles)
        hidden = (
            format_html(
                "<li>{}</li>",
                ngettext(
                    "%(count)d other article", "%(count)d other articles", others
                ) % {"count": others},
            )
            if others else ""
        )
        return format_html(
            "<ul class=\"newsroom-usage\">{}{}</ul>",
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
                    for article in shown
                ),
            ),
            hidden,
        )

    @admin.display(description=_("uploaded by"))
    def uploader(self, obj):
        # Named as on the site: a username is for signing in, not for every writer to read.
        return display_name(obj.uploaded_by) if obj.uploaded_by else None

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


