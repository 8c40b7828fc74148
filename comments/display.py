"""
The comments section of an article page: threads built in Python from one
query, so the page costs the same number of queries whatever the number of
comments and replies.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.paginator import Paginator
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from core.dates import format_date
from core.models import SiteSettings

from .forms import CommentForm, parse_id
from .models import APPROVED_ROOTS_BEFORE, Comment, comments_are_open
from .rendering import comment_body, comments_urls_for

OWN_COMMENTS_SALT = "comments.own"
OWN_COMMENTS_MAX = 50
PAGE_PARAMETER = "comments"


@dataclass
class CommentNode:
    """A comment in its thread, with what its template prints computed in Python once
    (``present()``): a template would look each piece up again for every comment."""

    comment: Comment
    depth: int = 1
    children: list = field(default_factory=list)
    can_reply: bool = False
    body_html: str = ""
    created_iso: str = ""
    created_label: str = ""
    reply_url: str = ""
    reply_to: str = ""

    def present(self, reply_url, datetime_format, zone=None, reply_to=None):
        """Fill in the printed pieces of this comment and its replies; ``reply_url(pk)``
        is the address of the form set to answer comment ``pk``, ``datetime_format`` the
        language's DATETIME_FORMAT, ``zone`` the current time zone and ``reply_to`` the
        translation of the reply link's "to %(name)s" (``reply_to_text()``): each looked
        up once for a page of comments."""
        zone = timezone.get_current_timezone() if zone is None else zone
        reply_to = reply_to_text() if reply_to is None else reply_to
        created = timezone.localtime(self.comment.created_at, zone)
        stored = self.comment.body_html
        # Stored by Comment.save() as comment_body() made it: escaped already.
        self.body_html = mark_safe(stored) if stored else comment_body(self.comment.body)  # noqa: S308  # nosec B308 B703
        self.created_iso = created.isoformat(timespec="seconds")
        self.created_label = format_date(created, datetime_format)
        if self.can_reply:
            self.reply_url = reply_url(self.comment.pk)
            # As a template's {% trans name=… %} block prints it: the translation is HTML,
            # the name is escaped.
            self.reply_to = SafeString(reply_to % {"name": escape(self.comment.name)})  # nosec B703  # escaped
        else:
            self.reply_url = self.reply_to = ""
        for child in self.children:
            child.present(reply_url, datetime_format, zone, reply_to)


def reply_to_text():
    """What follows "Reply" for screen readers, in the current language: the comment's
    author is put in for ``%(name)s``."""
    return gettext("to %(name)s")


def own_comment_ids(request):
    """Ids of the comments this browser posted, from its signed cookie
    (``COMMENTS_OWN_COOKIE_NAME``): none when it has no cookie, or a forged or expired one.

    A cookie, not the session: a post then writes no session row (a commit and four queries
    less per post), and the cookie, one of ``PAGE_CACHE_BYPASS_COOKIES``, still keeps this
    reader's pages out of shared caches.
    """
    value = request.COOKIES.get(settings.COMMENTS_OWN_COOKIE_NAME)
    if not value:
        return []
    try:
        ids = signing.loads(value, salt=OWN_COMMENTS_SALT, max_age=settings.SESSION_COOKIE_AGE)
    except signing.BadSignature:
        return []
    if not isinstance(ids, list):
        return []
    return [pk for pk in ids if type(pk) is int]


def remember_own_comment(request, response, comment):
    """Add ``comment`` to the comments this browser sees as its own (pending ones included),
    in the cookie set on ``response``: the last OWN_COMMENTS_MAX, for as long as a session
    would last, HttpOnly, SameSite=Lax, Secure like the session's."""
    ids = [pk for pk in own_comment_ids(request) if pk != comment.pk]
    response.set_cookie(
        settings.COMMENTS_OWN_COOKIE_NAME,
        signing.dumps([*ids, comment.pk][-OWN_COMMENTS_MAX:], salt=OWN_COMMENTS_SALT),
        max_age=settings.SESSION_COOKIE_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def build_threads(comments, max_depth=None):
    """Top-level nodes, each with its replies, all oldest first.

    A reply whose parent is not shown (removed since) is shown at the top level.
    """
    max_depth = settings.COMMENTS_MAX_DEPTH if max_depth is None else max_depth
    nodes = {comment.pk: CommentNode(comment) for comment in comments}
    roots = []
    for comment in comments:
        node = nodes[comment.pk]
        parent = nodes.get(comment.parent_id)
        if parent is not None:
            parent.children.append(node)
        else:
            roots.append(node)

    def set_depth(node, depth):
        node.depth = depth
        node.can_reply = node.comment.is_approved and depth < max_depth
        for child in node.children:
            set_depth(child, depth + 1)

    for root in roots:
        set_depth(root, 1)
    return roots, nodes


def comment_context(request, article, form=None):
    """Everything the article page needs to show its comments and the form."""
    is_open = comments_are_open(article)
    comments = Comment.objects.shown_on(article, own_comment_ids(request))
    roots, nodes = build_threads(comments)
    paginator = Paginator(roots, max(1, settings.COMMENTS_PER_PAGE))
    page_number = request.GET.get(PAGE_PARAMETER)
    if page_number == "last":
        page_number = paginator.num_pages
    page = paginator.get_page(page_number)
    reply_url = comments_urls_for(request, page.number, anchor="comment-form")
    datetime_format = formats.get_format("DATETIME_FORMAT")
    zone = timezone.get_current_timezone()
    reply_to = reply_to_text()
    for node in page.object_list:
        node.present(reply_url, datetime_format, zone, reply_to)

    if form is not None and form.is_bound:
        replying_to = nodes.get(parse_id(form.data.get("parent")))
    else:
        replying_to = nodes.get(parse_id(request.GET.get("reply_to")))
    if replying_to is not None and not replying_to.can_reply:
        replying_to = None

    if form is None and is_open:
        initial = {"parent": replying_to.comment.pk} if replying_to else {}
        form = CommentForm(article=article, initial=initial)
    return {
        "article": article,
        # Counted from what is shown: no query more, and the reader's own waiting
        # comments are not counted.
        "comment_count": sum(comment.is_approved for comment in comments),
        "comments_open": is_open,
        "comment_form": form if is_open else None,
        "comment_page": page,
        "comment_page_parameter": PAGE_PARAMETER,
        "replying_to": replying_to.comment if replying_to else None,
        # The page chosen in the site settings, else COMMENTS_PRIVACY_URL.
        "comments_privacy_url": SiteSettings.current().comment_policy_url,
        "comments_akismet": bool(settings.AKISMET_API_KEY),
    }


def page_of(comment):
    """The comments page on which ``comment``'s thread appears."""
    ancestors = comment.ancestor_ids()
    thread_id = ancestors[-1] if ancestors else comment.pk
    found = APPROVED_ROOTS_BEFORE(pk=thread_id)
    before = found[0].approved_roots_before if found else 0
    return before // max(1, settings.COMMENTS_PER_PAGE) + 1
