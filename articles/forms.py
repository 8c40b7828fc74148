"""Admin forms: the article form runs status changes through articles.actions."""

import copy

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms.models import construct_instance
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField
from taggit.utils import parse_tags

from core.validators import validate_image_file

from .actions import EditConflict, SaveArticle, SaveImage
from .models import Article, Image
from .sanitizer import sanitize_html
from .widgets import TagSuggestWidget


class CommaSeparatedTagField(TagField):
    """Tags separated by commas only, so « Intelligence artificielle » alone stays one tag.

    taggit splits on spaces when the value has no comma, which the help text
    ("Separate tags with commas") does not let anyone expect.
    """

    def clean(self, value):
        value = forms.CharField.clean(self, value)
        if "," not in value and '"' not in value:
            return [value.strip()] if value.strip() else []
        try:
            return parse_tags(value)
        except ValueError:
            raise ValidationError(_("Please provide a comma-separated list of tags.")) from None


class WebImageField(forms.ImageField):
    """An image upload checked for size and pixel count before Pillow decodes anything."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        validate_image_file(upload)
        return super().to_python(data)


class OrderedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice whose value keeps the order in which the choices were submitted."""

    def clean(self, value):
        chosen = super().clean(value)
        if not chosen:
            return []
        key = self.to_field_name or "pk"
        by_key = {str(getattr(obj, key)): obj for obj in chosen}
        return list(dict.fromkeys(by_key[str(v)] for v in value if str(v) in by_key))

    def has_changed(self, initial, data):
        # The same people in another order is a change.
        initial_keys = [str(getattr(value, "pk", value)) for value in (initial or [])]
        return initial_keys != [str(value) for value in (data or [])]


def body_editor_config(config):
    """The article editor's configuration, with what its own blocks need to know: where the
    media library is, and their labels in the editor's language."""
    config = copy.deepcopy(config)
    extensions = config["extensions"]
    extensions["BodyFigure"] = {
        "chooserUrl": reverse("admin:articles_image_changelist"),
        "thumbnailUrl": reverse("admin:articles_image_thumbnail", args=["__fk__"]),
        "labels": {
            "button": gettext("Insert a picture from the media library"),
            "dialogTitle": gettext("Picture from the media library"),
            "image": gettext("Image number in the media library"),
            "choose": gettext("Choose or upload…"),
            "caption": gettext("Caption"),
            "captionHelp": gettext("Leave empty to show the image's own caption."),
            "decorativeField": gettext(
                "Decorative picture: readers of screen readers are not told of it "
                "(no alternative text)"
            ),
            "insert": gettext("Insert"),
            "update": gettext("Update"),
            "picture": gettext("Picture"),
            "decorative": gettext("decorative"),
        },
    }
    extensions["Embed"] = {
        "mastodonHosts": list(settings.EMBED_MASTODON_HOSTS),
        "labels": {
            "button": gettext("Embed a video or a post"),
            "dialogTitle": gettext("Embed a video or a post"),
            "address": gettext("Address"),
            "addressHelp": gettext(
                "A YouTube or Vimeo video, a post on X, Mastodon or Bluesky. Readers load "
                "nothing from that site until they ask for it."
            ),
            "insert": gettext("Insert"),
            "embed": gettext("Embed"),
        },
    }
    return rich_text_editor_config(config)


def rich_text_editor_config(config):
    """Any rich-text editor's configuration (articles, flat pages), with the labels of the
    site's own blocks in the editor's language."""
    config = copy.deepcopy(config)
    if "PullQuote" in config["extensions"]:
        config["extensions"]["PullQuote"] = {"labels": {"button": gettext("Pull quote")}}
    return config


class ArticleAdminForm(forms.ModelForm):
    """The article form. Saving it is the ``SaveArticle`` action, which ``clean()`` checks
    so that a refusal shows on the form, under the field it concerns.

    ``current_user`` is set by the admin on the form class it builds per request.
    """

    current_user = None

    record_review = forms.BooleanField(
        label=_("I have reviewed this article"),
        required=False,
        help_text=_(
            "Check it once you have read the article against its sources. Your name and the "
            "date are recorded; readers see who reviewed an article written with AI."
        ),
    )

    send_back_note = forms.CharField(
        label=_("Note to the authors"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "When you send an article in review back to draft: why, and what to change. "
            "Its authors see it on their dashboard and receive it by e-mail."
        ),
    )
    #: The article's ``edit_version`` when the form was opened (see articles/conflicts.py).
    base_version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "standfirst",
            "body",
            "status",
            "published_at",
            "authors",
            "featured_image",
            "tags",
            "comments_open",
            "writing_method",
            "ai_system",
        ]
        field_classes = {"tags": CommaSeparatedTagField}
        widgets = {"tags": TagSuggestWidget}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        #: Someone else's save since this form was opened, when there was one.
        self.conflict = None
        #: The version the save is based on, once checked; the sources of the stored
        #: article are kept when a conflict's resolution chose theirs.
        self.effective_base_version = None
        self.keep_stored_sources = False
        if self.instance.pk:
            self.fields["base_version"].initial = self.instance.edit_version
        user = self.current_user
        if user is None or not user.has_perm("articles.review_article"):
            self.fields.pop("record_review", None)
        if user is None or not user.has_perm("articles.edit_any_article"):
            self.fields.pop("send_back_note", None)
        if "tags" in self.fields:
            self.fields["tags"].widget.user = user
        if "body" in self.fields:
            # The prose editor's form field would keep the HTML as posted
            # until the model cleans it; cleaned_data must be safe too.
            self.fields["body"].sanitize = sanitize_html
            widget = self.fields["body"].widget
            widget.config = body_editor_config(widget.config)
        status = self.fields.get("status")
        if status and user and not user.has_perm("articles.publish_article"):
            # Only the offer shrinks: a posted "published" still reaches the action,
            # which refuses it with its own reason.
            offered = {Article.Status.DRAFT, Article.Status.REVIEW, self.instance.status}
            status.widget.choices = [
                (value, label) for value, label in status.choices if value in offered
            ]

    def save_action(self, article, user, *, sources=None, log_message=None, keep_status=False):
        """The action that saves what this form says about ``article`` (but its status,
        with ``keep_status``)."""
        data = self.cleaned_data
        if self.keep_stored_sources:
            sources = None
        return SaveArticle(
            article,
            user,
            authors=data["authors"] if "authors" in self.fields else None,
            tags=data["tags"] if "tags" in self.fields else None,
            sources=sources,
            status=None if keep_status else data.get("status"),
            record_review=bool(data.get("record_review")),
            log_message=log_message,
            note=data.get("send_back_note", ""),
            base_version=self.effective_base_version,
        )

    def _check_base_version(self, cleaned_data):
        """Refuse a save based on an older version than the stored one, unless it comes back
        from that very conflict with a choice for every field (articles/conflicts.py)."""
        from .conflicts import EditConflictResolution

        base = cleaned_data.get("base_version")
        stored = self.instance
        if stored.pk is None or base is None or base == stored.edit_version:
            self.effective_base_version = base if stored.pk else None
            return True
        resolution = EditConflictResolution(self, stored, base)
        if resolution.answered():
            resolution.apply(cleaned_data)
            self.effective_base_version = stored.edit_version
            return True
        self.conflict = resolution
        self.add_error(None, EditConflict(stored, base))
        if resolution.missing and self.data.get("conflict_seen") == str(stored.edit_version):
            self.add_error(
                None,
                _("Choose which version to keep for: %(fields)s.")
                % {"fields": ", ".join(str(label) for label in resolution.missing)},
            )
        return False

    def clean(self):
        cleaned_data = super().clean()
        if self.current_user is None:
            raise ValidationError(_("Only a signed-in user may change articles."))
        if self.errors or not self._check_base_version(cleaned_data):
            return cleaned_data
        # The action judges the article as it would be saved, without touching
        # the instance the admin saves afterwards.
        candidate = construct_instance(
            self, copy.copy(self.instance), self._meta.fields, self._meta.exclude
        )
        try:
            self.save_action(candidate, self.current_user).check()
        except PermissionDenied as refusal:
            self.add_error(None, str(refusal) or _("You may not make this change."))
        except ValidationError as refusal:
            by_field = (
                refusal.message_dict if hasattr(refusal, "error_dict") else {None: refusal.messages}
            )
            for field, errors in by_field.items():
                self.add_error(field if field in self.fields else None, errors)
        return cleaned_data


def https_by_default(db_field, **kwargs):
    """Form fields where an address typed without a scheme is read as https://."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class ImageAdminForm(forms.ModelForm):
    """The media library form, refusing broken, huge or non-web images with a clear reason.

    Saving it is the ``SaveImage`` action, which ``clean()`` checks: a credit or an alt text
    that live articles need cannot be cleared. ``current_user`` is set by the admin.
    """

    current_user = None

    class Meta:
        model = Image
        fields = [
            "file",
            "alt_text",
            "caption",
            "credit",
            "credit_source",
            "source_url",
            "licence_name",
            "licence_url",
            "digital_source_type",
            "focal_point_x",
            "focal_point_y",
        ]
        field_classes = {"file": WebImageField}
        formfield_callback = https_by_default
        # The plain fallback of the click on the preview (articles/admin/focal-point.js).
        widgets = {
            "focal_point_x": forms.NumberInput(
                attrs={"step": "0.001", "min": "0", "max": "1", "data-focal-point": "x"}
            ),
            "focal_point_y": forms.NumberInput(
                attrs={"step": "0.001", "min": "0", "max": "1", "data-focal-point": "y"}
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "digital_source_type" in self.fields:
            # A form posted without it (a script, an old page) keeps the model's default.
            self.fields["digital_source_type"].required = False
        stored = self.instance
        if stored.pk and stored.file and stored.width and stored.height:
            # Validation assigns the stored file again, and Django then reopens
            # it to measure it: slow on a remote storage, a crash if the file
            # went missing. Its size is already known.
            stored.file._dimensions_cache = (stored.width, stored.height)

    def clean(self):
        cleaned_data = super().clean()
        if self.current_user is None or self.errors or self.instance.pk is None:
            return cleaned_data
        candidate = construct_instance(
            self, copy.copy(self.instance), self._meta.fields, self._meta.exclude
        )
        try:
            SaveImage(candidate, self.current_user).check()
        except PermissionDenied as refusal:
            self.add_error(None, str(refusal))
        except ValidationError as refusal:
            self.add_error(None, refusal.messages)
        return cleaned_data

    def clean_digital_source_type(self):
        return (
            self.cleaned_data.get("digital_source_type")
            or self.instance.digital_source_type
            or Image._meta.get_field("digital_source_type").default
        )
