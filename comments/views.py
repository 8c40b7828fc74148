from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from articles.models import Article
from articles.views import ArticleDetailView
from core.clients import client_ip
from core.db import use_primary
from core.ratelimit import hit_in_turn
from core.statements import CompiledQuery

from . import ratelimit
from .actions import CommentsClosed, FormAlreadySent, PostComment
from .commenters import give_key, key_from_confirmation, key_from_request
from .display import PAGE_PARAMETER, page_of, remember_own_comment
from .forms import CommentForm, make_timestamp, parse_id
from .models import Comment, CommenterKey, UsedFormToken, comments_are_open
from .utils import comes_from_this_site, user_agent

MAX_DATABASE_ID = 2**63 - 1
#: What the comment views read of the article: neither its text nor its search text, long
#: columns that PostgreSQL would have to fetch and send for every post.
ARTICLE_FIELDS = ("id", "title", "slug", "status", "published_at", "comments_open")


#: Compiled once per process (core/statements.py): every post and form token asks for it.
PUBLISHED_ARTICLE = CompiledQuery(
    Article,
    lambda pk: Article.objects.published().only(*ARTICLE_FIELDS).filter(pk=pk),
    pk=int,
)


def published_article(article_id):
    """The published article ``article_id`` (what the comment views need of it), or 404."""
    if article_id > MAX_DATABASE_ID:
        raise Http404
    found = PUBLISHED_ARTICLE(pk=article_id)
    if not found:
        raise Http404
    return found[0]


def render_article(request, article, form):
    """The article page again, with the form as it was sent and its errors."""
    # The page is answered as to a GET: the form was POSTed to this app's view.
    view = ArticleDetailView(extra_context={"comment_form": form})
    view.setup(request, slug=article.slug)
    return view.get(request, slug=article.slug)


def closed(request, article):
    return render(request, "comments/closed.html", {"article": article}, status=403)


def from_another_site(request, article):
    return render(request, "comments/other_site.html", {"article": article}, status=403)


def already_sent(request, article, form, refusal):
    """A form sent a second time (``refusal``: FormAlreadySent). Its own writer clicking
    twice is sent to the comment the first click posted; anyone else gets the form back,
    with a new token, to send again."""
    data = form.cleaned_data
    first = (
        Comment.objects.filter(
            pk__in=UsedFormToken.objects.filter(pk=form.token.nonce).values("comment_id"),
            body=data["body"],
        )
        .by_email(data["email"])
        .first()
    )
    if first is not None:
        messages.info(request, _("Your comment was already received."))
        response = redirect_to_comment(article, first)
        remember_own_comment(request, response, first)
        return response
    form.add_error(None, refusal)
    return render_article(request, article, form)


def redirect_to_comment(article, comment):
    page = page_of(comment)
    query = f"?{PAGE_PARAMETER}={page}" if page > 1 else ""
    return redirect(f"{article.get_absolute_url()}{query}#comment-{comment.pk}")


def too_many_requests(request, article):
    response = render(
        request,
        "comments/429.html",
        {
            "article": article,
            "comment_text": request.POST.get("body", "")[: settings.COMMENTS_MAX_LENGTH],
            "retry_minutes": max(1, settings.COMMENTS_RATE_LIMIT_WINDOW_SECONDS // 60),
        },
        status=429,
    )
    response["Retry-After"] = str(settings.COMMENTS_RATE_LIMIT_WINDOW_SECONDS)
    return response


# The article page carries no CSRF cookie, so that shared caches may keep it; posts from
# other sites are refused by their origin instead, and each form's signed token posts once.
@csrf_exempt
@require_POST
def post_comment(request, article_id):
    """Take a comment from the form under an article, then go back to the article.

    Invalid forms come back with their errors (200), and so does a form sent a second time;
    posts from another site's page and closed articles answer 403, too many posts 429.
    Whatever the spam defenses decide, the commenter is told the comment awaits moderation
    and sees it, marked as such, on the article.
    """
    article = published_article(article_id)
    if not comes_from_this_site(request):
        return from_another_site(request, article)
    if not comments_are_open(article):
        return closed(request, article)

    ip = client_ip(request)
    form = CommentForm(request.POST, article=article)
    is_valid = form.is_valid()
    # Every post counts against its address; a valid one against its e-mail address too,
    # unless its address is already over the limit. One round trip to the cache for both.
    if not hit_in_turn(
        (ratelimit.ip_limit(), ip),
        *([(ratelimit.email_limit(), form.cleaned_data["email"].lower())] if is_valid else []),
    ):
        return too_many_requests(request, article)
    if not is_valid:
        return render_article(request, article, form)
    # The browser's proof of the address, or a new key (stored with the comment) that will
    # become one once a moderator approves a comment sent with it.
    email = form.cleaned_data["email"]
    commenter_key, new_secret = key_from_request(request), None
    if commenter_key is None or not commenter_key.vouches_for(email):
        commenter_key, new_secret = CommenterKey.new(email)

    try:
        comment = PostComment.from_form(
            form,
            ip=ip,
            user_agent=user_agent(request),
            referrer=request.META.get("HTTP_REFERER", "")[:500],
            commenter_key=commenter_key,
        ).execute()
    except CommentsClosed:
        return closed(request, article)
    except FormAlreadySent as refusal:
        return already_sent(request, article, form, refusal)
    except ValidationError as error:
        form.add_error(None, error)
        return render_article(request, article, form)

    if comment.is_approved:
        messages.success(request, _("Thank you! Your comment is published."))
    else:
        messages.success(
            request,
            _(
                "Thank you! Your comment awaits moderation: "
                "it will appear once a moderator approves it."
            ),
        )
    if form.cleaned_data.get("confirm_address") and comment.status != Comment.Status.SPAM:
        messages.info(
            request,
            _(
                "An e-mail with a link to confirm your address is on its way, unless one "
                "was sent to you a short while ago: open its link in this browser."
            ),
        )
    response = redirect_to_comment(article, comment)
    remember_own_comment(request, response, comment)
    if new_secret is not None:
        give_key(response, commenter_key, new_secret)
    return response


@never_cache
@require_GET
def form_token(request, article_id):
    """A new form token for a reader who starts writing (static/comments/form.js): the
    page's own token may be shared by every reader of a cached copy. Never cached, and
    sets no cookie."""
    article = published_article(article_id)
    if not comments_are_open(article):
        return JsonResponse({"error": "closed"}, status=403)
    parent_id = parse_id(request.GET.get("parent"))
    return JsonResponse({"token": make_timestamp(article, parent=parent_id)})


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
# The key was written a moment before the e-mail left: a lagging replica may not have it yet.
@use_primary
def confirm_address(request, token):
    """The link e-mailed to a commenter: a button (a link alone could be followed by a mail
    scanner) that confirms the address and gives this browser the key proving it."""
    key, secret = key_from_confirmation(token)
    if key is None:
        return render(request, "comments/confirm_invalid.html", status=400)
    if request.method == "POST":
        if not comes_from_this_site(request):
            return render(request, "comments/confirm_invalid.html", status=403)
        key.confirm()
        response = render(request, "comments/confirmed.html", {"email": key.email})
        give_key(response, key, secret)
        return response
    return render(request, "comments/confirm.html", {"email": key.email})
