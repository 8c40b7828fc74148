"""The reader's comment form: plain fields, a honeypot and a signed, single-use token."""

import secrets
import time
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime

from django import forms
from django.conf import settings
from django.core import signing
from django.core.validators import MaxLengthValidator, URLValidator
from django.forms.boundfield import BoundField
from django.forms.renderers import Jinja2 as Jinja2Renderer
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from markupsafe import escape

from .models import FORM_TOKEN_NONCE_LENGTH, Comment, UsedFormToken

TIMESTAMP_SALT = "comments.form.token"
MAX_ID_DIGITS = 18
# Characters that reorder text: a name could otherwise display as someone else's.
_BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F)}


def parse_id(value):
    """The database id written in ``value``, or None."""
    value = (value or "").strip() if isinstance(value, str) else value
    if isinstance(value, int):
        return value
    if value and value.isascii() and value.isdigit() and len(value) <= MAX_ID_DIGITS:
        return int(value)
    return None


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


@dataclass(frozen=True)
class FormToken:
    """What the form's signed token says: which article (and comment replied to) the form
    was shown for, when, and the one-time number that a post uses up."""

    article_id: int
    parent_id: int | None
    issued_at: int
    nonce: str

    @property
    def age(self):
        return time.time() - self.issued_at

    def is_expired(self):
        return self.age > settings.COMMENTS_FORM_MAX_AGE_SECONDS

    @property
    def expires_at(self):
        return datetime.fromtimestamp(
            self.issued_at + settings.COMMENTS_FORM_MAX_AGE_SECONDS, tz=UTC
        )


def make_timestamp(article, issued_at=None, *, parent=None):
    """A signed token saying for which article (and reply) the form was shown, and when;
    each one carries a new one-time number."""
    issued_at = int(time.time() if issued_at is None else issued_at)
    parent_id = getattr(parent, "pk", parent)
    return signing.dumps(
        {"a": article.pk, "p": parent_id, "t": issued_at, "n": secrets.token_urlsafe(16)},
        salt=TIMESTAMP_SALT,
    )


def read_timestamp(token, article):
    """The FormToken in ``token``, or None when it is not one we signed for ``article``."""
    try:
        data = signing.loads(token or "", salt=TIMESTAMP_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("a") != article.pk:
        return None
    issued_at, parent_id, nonce = data.get("t"), data.get("p"), data.get("n")
    if not isinstance(issued_at, int) or not isinstance(nonce, str) or not nonce:
        return None
    if parent_id is not None and not isinstance(parent_id, int):
        return None
    return FormToken(article.pk, parent_id, issued_at, nonce[:FORM_TOKEN_NONCE_LENGTH])


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
    """A field of the comment form as its template prints it: the ids its help text and
    errors carry, which Django's ``aria-describedby`` points at (``{auto_id}_helptext``,
    ``{auto_id}_error``)."""

    def __init__(self, form, field, name):
        super().__init__(form, field, name)
        # Translated once: the page prints a label up to twice and a help text up to
        # three times (Django's aria-describedby asks whether there is one), each time
        # through the lazy string's translation lookup otherwise.
        self.label = str(self.label)
        self.help_text = str(self.help_text)

    @cached_property
    def auto_id(self):
        # Made of the form's auto_id and the field's name, which do not change: the page
        # asks for it four times for each field (its label, help, errors and input).
        return super().auto_id

    @property
    def help_id(self):
        return f"{self.auto_id}_helptext"

    @property
    def error_id(self):
        return f"{self.auto_id}_error"


def _attributes(attrs):
    """What django/forms/widgets/attrs.html prints."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class WidgetRenderer(Jinja2Renderer):
    """Django's Jinja2 widget templates, those of the comment form's inputs written in
    Python: the same HTML (escaped by MarkupSafe, as those templates escape), without
    looking up, filling and running two templates (one includes the attributes') for each
    field of every article page."""

    INPUT_TEMPLATES = frozenset(
        f"django/forms/widgets/{name}.html"
        for name in ("input", "text", "email", "url", "checkbox", "hidden")
    )
    TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if widget is None:
            return super().render(template_name, context, request)
        if template_name in self.INPUT_TEMPLATES:
            value = widget["value"]
            value = "" if value is None else f' value="{escape(value)}"'
            return (
                f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"'
                f"{value}{_attributes(widget['attrs'])}>"
            )
        if template_name == self.TEXTAREA_TEMPLATE:
            value = widget["value"]
            return (
                f'<textarea name="{escape(widget["name"])}"{_attributes(widget["attrs"])}>\n'
                f"{escape(value) if value else ''}</textarea>"
            )
        return super().render(template_name, context, request)


class CommentForm(forms.Form):
    bound_field_class = CommentBoundField
    template_name = "comments/form.html"
    # Its widgets are printed in a Jinja2 page (jinja2/comments/form.html): Django's Jinja2
    # widget templates' HTML, for a fraction of the cost of Django's templates.
    default_renderer = WidgetRenderer()

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
    confirm_address = forms.BooleanField(
        label=_("E-mail me a link to confirm my address"),
        required=False,
        help_text=_(
            "Once a moderator has approved one of your comments, your next comments from a "
            "browser where you confirmed your address are published without waiting."
        ),
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
        #: The FormToken the form was sent with, when it is one of ours.
        self.token = None
        max_length = settings.COMMENTS_MAX_LENGTH
        body = self.fields["body"]
        body.max_length = max_length
        body.validators = [MaxLengthValidator(max_length)]
        body.widget.attrs["maxlength"] = str(max_length)
        if not self.is_bound:
            self.initial.setdefault(
                "timestamp", make_timestamp(article, parent=self.initial.get("parent"))
            )

    @property
    def issued_at(self):
        return self.token.issued_at if self.token else None

    @property
    def timestamp_token(self):
        """The token to render: the one this form was sent with when it can still be used
        (the time spent fixing errors counts), otherwise a new one."""
        if not self.is_bound:
            return self.initial["timestamp"]
        token = self.data.get("timestamp", "")
        parent_id = parse_id(self.data.get("parent"))
        read = read_timestamp(token, self.article)
        if (
            read is not None
            and read.parent_id == parent_id
            and not read.is_expired()
            and not UsedFormToken.objects.is_used(read)
        ):
            return token
        return make_timestamp(self.article, parent=parent_id)

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
        if parse_id(value) is None:
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
        read = read_timestamp(token, self.article)
        if read is not None and "parent" in self.cleaned_data:
            parent = self.cleaned_data["parent"]
            if read.parent_id != (parent.pk if parent else None):
                # Shown for another conversation: not the form this page gave.
                read = None
        if read is not None and read.is_expired():
            raise forms.ValidationError(
                _("This form was open for too long. Check your comment and send it again."),
                code="expired",
            )
        self.token = read
        return token

    def clean(self):
        cleaned_data = super().clean()
        # Errors of hidden fields are shown at the top of the form.
        for name in ("parent", "timestamp"):
            if name in self.errors:
                self.add_error(None, self.errors.pop(name).as_data())
        return cleaned_data
