"""How a comment's pieces are printed: its text as HTML, the addresses of comment pages.

Used by comments/display.py (which prepares each comment of a page in Python) and by the
reader templates (newsroom/jinja2.py).
"""

import re
from urllib.parse import urlencode

from django.utils.html import Urlizer, escape, linebreaks
from django.utils.safestring import mark_safe

LINK_REL = "nofollow ugc noopener"


class CommentUrlizer(Urlizer):
    """Django's urlize, with the rel readers' links need, and no e-mail addresses
    turned into links (nobody's address should be one click away from harvesting)."""

    url_template = '<a href="{href}" rel="' + LINK_REL + '"{attrs}>{url}</a>'

    def is_email_simple(self, value):
        return False


_urlize = CommentUrlizer()

# The words (as the urlizer splits them) that it may turn into a link: with a scheme, www.
# or one of the top-level domains it knows. Other words it only escapes.
_MAYBE_LINK = re.compile(
    r"""[^\s<>"']*(?:https?://|www\.|\.(?:com|edu|gov|int|mil|net|org))[^\s<>"']*""",
    re.IGNORECASE,
)


def _linked(text):
    """What the urlizer makes of ``text``, word by word only where a link may be: the
    text between is escaped in one go, which gives the same HTML many times faster."""
    parts, end = [], 0
    for match in _MAYBE_LINK.finditer(text):
        parts.append(escape(text[end : match.start()]))
        parts.append(_urlize(match.group(), trim_url_limit=60, nofollow=False, autoescape=True))
        end = match.end()
    parts.append(escape(text[end:]))
    return "".join(parts)


def comment_body(text):
    """A comment's plain text as HTML: escaped, bare URLs linked, line breaks kept."""
    linked = _linked(str(text or ""))
    # The urlizer escaped every word it did not turn into a link.
    return mark_safe(linebreaks(linked, autoescape=False))  # noqa: S308  # nosec B308 B703  # escaped


def comments_url_for(request, page=None, reply_to=None, anchor="comments"):
    """The article's address showing comments page ``page`` (and, when replying,
    the form set to answer ``reply_to``), other query parameters kept."""
    return comments_urls_for(request, page, anchor)(reply_to)


def comments_urls_for(request, page=None, anchor="comments"):
    """``comments_url_for(request, page, reply_to=…, anchor=anchor)`` as a function of
    ``reply_to``, the request's other parameters read once: a page of comments asks it for
    each comment's reply link."""
    params = request.GET.copy()
    for name in ("comments", "reply_to"):
        params.pop(name, None)
    if page and int(page) > 1:
        params["comments"] = page
    # Encoded once: ``reply_to`` comes last, as QueryDict.urlencode() would put it.
    query = params.urlencode()
    address = f"{request.path}?{query}" if query else request.path
    before_reply = f"{address}&" if query else f"{address}?"

    def url(reply_to=None):
        if type(reply_to) is int and reply_to > 0:
            # A comment's id: digits, which urlencode() would leave as they are.
            return f"{before_reply}reply_to={reply_to}#{anchor}"
        if reply_to:
            return f"{before_reply}{urlencode({'reply_to': str(reply_to)})}#{anchor}"
        return f"{address}#{anchor}"

    return url
