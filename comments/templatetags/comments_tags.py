"""The comments of an article page, for the reader templates (newsroom/jinja2.py).

The article page asks for its comments through these functions: the articles app knows
nothing of comments."""

from ..display import comment_context
from ..rendering import comments_url_for


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
