"""The comments of an article page, and filters for printing them.

The article page asks for its comments through these tags: the articles app knows
nothing of comments."""

from django import template

from ..display import comment_context
from ..rendering import comment_body, comments_url_for

register = template.Library()

register.filter("comment_body", comment_body, is_safe=True)


@register.simple_tag(takes_context=True)
def comments_url(context, page=None, reply_to=None, anchor="comments"):
    """The article's address showing comments page ``page`` (and, when replying,
    the form set to answer ``reply_to``), other query parameters kept."""
    return comments_url_for(context["request"], page, reply_to, anchor)


@register.simple_tag(takes_context=True)
def article_comments(context, article):
    """The comments of ``article`` the page shows, their count, the form, fetched once:
    ``{% article_comments article as comments %}``, then ``{% comments_section comments %}``.

    A form sent with errors comes back as ``comment_form`` in the page's context.
    """
    return comment_context(context["request"], article, form=context.get("comment_form"))


@register.inclusion_tag("comments/article_comments.html", takes_context=True)
def comments_section(context, comments):
    """The comments section: threads, pages and the form."""
    return {**comments, "request": context["request"]}
