"""The comments of an article page, for the reader templates (newsroom/jinja2.py).

The article page asks for its comments through these functions: the articles app knows
nothing of comments."""

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import translation
from markupsafe import Markup

from ..display import comment_context
from ..rendering import comments_url_for

FORM_FIELDS_TEMPLATE = "comments/form_fields.html"
#: The form's fields that comments/form_fields.html does not print.
HIDDEN_FIELDS = frozenset({"parent", "timestamp"})
#: The fields of a blank comment form as HTML, by template and language
#: (``comment_form_fields``).
_blank_form_fields = {}


def comments_url(context, page=None, reply_to=None, anchor="comments"):
    """The article's address showing comments page ``page`` (and, when replying,
    the form set to answer ``reply_to``), other query parameters kept."""
    return comments_url_for(context["request"], page, reply_to, anchor)


def article_comments(context, article):
    """The comments of ``article`` the page shows, their count, the form, fetched once:
    ``{% set comments = article_comments(article) %}``, then
    ``{{ comments_section(comments) }}``.

    A form sent with errors comes back as ``comment_form`` in the page's context.
    """
    return comment_context(context["request"], article, form=context.get("comment_form"))


def comments_section(context, comments):
    """The comments section: threads, pages and the form."""
    return {**comments, "request": context["request"]}


def comment_form_fields(context, form):
    """The fields of the comment form ``form`` (comments/form_fields.html).

    A blank form's fields print the same HTML for every reader of a language (labels, help
    texts, inputs without values): it is rendered once per process and language rather
    than for every article page (some 0.15 ms of a cold page's CPU time, more than its ten
    comments). A form sent back with its errors, or given values, is rendered each time.
    """
    template = context.environment.get_template(FORM_FIELDS_TEMPLATE)
    if form.is_bound or form.initial.keys() - HIDDEN_FIELDS:
        return Markup(template.render(form=form))  # noqa: S704  # nosec B704  # autoescaped
    # The template object changes when its file does (the environment's auto_reload).
    key = (template, translation.get_language())
    fields = _blank_form_fields.get(key)
    if fields is None:
        fields = _blank_form_fields[key] = Markup(template.render(form=form))  # noqa: S704  # nosec B704  # autoescaped
    return fields


@receiver(setting_changed)
def forget_blank_form_fields(**kwargs):
    # A setting may change what they print (COMMENTS_MAX_LENGTH, the translations).
    _blank_form_fields.clear()
