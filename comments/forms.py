"""The reader's comment form: plain fields, a honeypot and a signed timestamp."""

import time
import unicodedata

from django import forms
from django.conf import settings
from django.core import signing
from django.core.validators import MaxLengthValidator, URLValidator
from django.forms.boundfield import BoundField
from django.utils.translation import gettext_lazy as _

from .models import Comment

TIMESTAMP_SALT = "comments.form.timestamp"
# Characters that reorder text: a name could otherwise display as someone else's.
_BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F)}


def clean_text(value, *, keep_newlines=False):
    """``value`` without control characters (nor bidi overrides); tabs become spaces,
    line breaks are normalized to ``\\n`` and kept only when ``keep_newlines``."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    kept = []
    for char in value:
        if char == "\n":
            kept.append("\n" if keep_newlines else " ")
        elif unicodedata.category(char) != "Cc" and char not in _BIDI_CONTROLS:
            kept.append(char)
    return "".join(kept)


def make_timestamp(article, issued_at=None):
    """A signed token saying when the form was shown, and for which article."""
    issued_at = int(time.time() if issued_at is None else issued_at)
    return signing.dumps({"a": article.pk, "t": issued_at}, salt=TIMESTAMP_SALT)


def read_timestamp(token, article):
    """The time the form was shown, or None when ``token`` is not one we signed for
    ``article``."""
    try:
        data = signing.loads(token or "", salt=TIMESTAMP_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("a") != article.pk:
        return None
    issued_at = data.get("t")
    return issued_at if isinstance(issued_at, int) else None


class CleanCharField(forms.CharField):
    """Text without control characters; ``multiline`` keeps line breaks."""

    def __init__(self, *, multiline=False, **kwargs):
        self.multiline = multiline
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = clean_text(value, keep_newlines=self.multiline)
            if not self.multiline:
                value = " ".join(value.split())
        return super().to_python(value)


class WebsiteField(forms.URLField):
    """A web address: http or https only, never javascript: nor data:."""

    default_validators = [URLValidator(schemes=["http", "https"])]


class CommentBoundField(BoundField):
    """Points ``aria-describedby`` at the field's help text and at its errors."""

    @property
    def help_id(self):
        return f"{self.auto_id}_helptext"

    @property
    def error_id(self):
        return f"{self.auto_id}_error"

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        described_by = []
        if self.help_text:
            described_by.append(self.help_id)
        if self.errors:
            described_by.append(self.error_id)
        if described_by:
            attrs["aria-describedby"] = " ".join(described_by)
        else:
            attrs.pop("aria-describedby", None)
        return attrs


class CommentForm(forms.Form):
    bound_field_class = CommentBoundField
    template_name = "comments/form.html"

    name = CleanCharField(
        label=_("Name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("Your e-mail address will not be published."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    website = WebsiteField(
        label=_("Website"),
        required=False,
        max_length=200,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    body = CleanCharField(
        label=_("Comment"),
        multiline=True,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 45}),
    )
    # Hidden from people by the stylesheet; robots fill it in.
    topic = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    parent = forms.CharField(required=False, widget=forms.HiddenInput)
    timestamp = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, article, **kwargs):
        kwargs.setdefault("auto_id", "comment-%s")
        super().__init__(*args, **kwargs)
        self.article = article
        self.issued_at = None
        max_length = settings.COMMENTS_MAX_LENGTH
        body = self.fields["body"]
        body.max_length = max_length
        body.validators = [MaxLengthValidator(max_length)]
        body.widget.attrs["maxlength"] = str(max_length)
        if not self.is_bound:
            self.initial.setdefault("timestamp", make_timestamp(article))

    @property
    def timestamp_token(self):
        """The token to render: the one this form was first shown with, if still
        usable (the time spent fixing errors counts), otherwise a new one."""
        if self.is_bound:
            token = self.data.get("timestamp", "")
            issued_at = read_timestamp(token, self.article)
            if issued_at and time.time() - issued_at < settings.COMMENTS_FORM_MAX_AGE_SECONDS:
                return token
            return make_timestamp(self.article)
        return self.initial["timestamp"]

    @property
    def visible_fields_in_order(self):
        return [self[name] for name in ("name", "email", "website", "body")]

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Write your comment."), code="required")
        return body

    def clean_parent(self):
        """The approved comment of this article being answered, or None."""
        value = (self.cleaned_data.get("parent") or "").strip()
        if not value:
            return None
        if not value.isdigit() or len(value) > 18:
            raise forms.ValidationError(_("The comment you are replying to does not exist."))
        parent = (
            Comment.objects.filter(pk=int(value))
            .only("id", "article_id", "parent_id", "status", "name")
            .first()
        )
        if parent is None or parent.article_id != self.article.pk or not parent.is_approved:
            raise forms.ValidationError(
                _("You can only reply to a published comment of this article.")
            )
        if parent.depth() >= settings.COMMENTS_MAX_DEPTH:
            raise forms.ValidationError(
                _("This conversation cannot go deeper: reply to an earlier comment instead.")
            )
        return parent

    def clean_timestamp(self):
        token = self.cleaned_data.get("timestamp", "")
        self.issued_at = read_timestamp(token, self.article)
        if self.issued_at and (
            time.time() - self.issued_at > settings.COMMENTS_FORM_MAX_AGE_SECONDS
        ):
            raise forms.ValidationError(
                _("This form was open for too long. Check your comment and send it again."),
                code="expired",
            )
        return token

    def clean(self):
        cleaned_data = super().clean()
        # Errors of hidden fields are shown at the top of the form.
        for name in ("parent", "timestamp"):
            if name in self.errors:
                self.add_error(None, self.errors.pop(name).as_data())
        return cleaned_data
