"""The comments of an article page, and filters for printing them.

The article page asks for its comments through these tags: the articles app knows
nothing of comments."""

from django import template
from django.utils.html import Urlizer, linebreaks
from django.utils.safestring import mark_safe

from ..display import comment_context

register = template.Library()

LINK_REL = "nofollow ugc noopener"


class CommentUrlizer(Urlizer):
    """Django's urlize, with the rel readers' links need, and no e-mail addresses
    turned into links (nobody's address should be one click away from harvesting)."""

    url_template = '<a href="{href}" rel="' + LINK_REL + '"{attrs}>{url}</a>'

    def is_email_simple(self, value):
        return False


_urlize = CommentUrlizer()


@register.filter(is_safe=True)
def comment_body(text):
    """A comment's plain text as HTML: escaped, bare URLs linked, line breaks kept."""
    linked = _urlize(str(text or ""), trim_url_limit=60, nofollow=False, autoescape=True)
    # The urlizer escaped every word it did not turn into a link.
    return mark_safe(linebreaks(linked, autoescape=False))  # noqa: S308


@register.simple_tag(takes_context=True)
def comments_url(context, page=None, reply_to=None, anchor="comments"):
    """The article's address showing comments page ``page`` (and, when replying,
    the form set to answer ``reply_to``), other query parameters kept."""
    request = context["request"]
    params = request.GET.copy()
    for name in ("comments", "reply_to"):
        params.pop(name, None)
    if page and int(page) > 1:
        params["comments"] = page
    if reply_to:
        params["reply_to"] = reply_to
    query = params.urlencode()
    return f"{request.path}{'?' + query if query else ''}#{anchor}"


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
