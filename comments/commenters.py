"""
Trusted commenters: how a browser proves that its commenter owns an e-mail address.

A browser that posts a comment receives a signed cookie holding a CommenterKey: a secret
tied to the address it used. The key proves the address once a moderator approved a comment
the browser sent with it, or once the commenter followed the confirmation link e-mailed to
the address, in that browser. Auto-approval (``comments.actions.is_trusted_commenter``) asks
for such a proof; the same name and address typed in another browser prove nothing.

The cookie is sent only with requests to the comment addresses (its path), never with
reader pages, which stay free of cookies for shared caches.
"""

from functools import cache

from django.conf import settings
from django.core import signing
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation

from .models import CommenterKey

COOKIE_SALT = "comments.commenter-key"
LINK_SALT = "comments.confirm-address"
DAY = 24 * 3600


def cookie_places():
    """The (name, path) of the commenter cookie under each language's comment addresses
    (``/commentaires/``, ``/en/commentaires/``): one cookie each, so that a browser proves
    its address in both languages. Worked out once for what they depend on: every post
    reads and sets them."""
    return _cookie_places(
        tuple(code for code, _name in settings.LANGUAGES),
        settings.COMMENTS_KEY_COOKIE_NAME,
        get_script_prefix(),
        get_urlconf(),
    )


@cache
def _cookie_places(language_codes, cookie_name, _script_prefix, _urlconf):
    places = []
    for code in language_codes:
        with translation.override(code):
            path = reverse("comments:post", args=[0]).removesuffix("0/")
        places.append((f"{cookie_name}_{code}", path))
    return tuple(places)


def _signed(key, secret, salt):
    return signing.dumps({"k": key.pk, "s": secret}, salt=salt)


def _unsigned(value, salt, max_age):
    """The key and secret signed in ``value``, or (None, None)."""
    try:
        data = signing.loads(value or "", salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None, None
    if not isinstance(data, dict):
        return None, None
    key = CommenterKey.find(data.get("k"), data.get("s"))
    return (key, data["s"]) if key is not None else (None, None)


def key_from_request(request):
    """The CommenterKey the browser's cookie holds, or None (none, forged, revoked)."""
    for name, _path in cookie_places():
        key, _secret = _unsigned(
            request.COOKIES.get(name), COOKIE_SALT, settings.COMMENTS_KEY_COOKIE_DAYS * DAY
        )
        if key is not None:
            return key
    return None


def give_key(response, key, secret):
    """Set the commenter cookie holding ``key`` on ``response``: long-lived, HttpOnly,
    SameSite=Lax (never sent with another site's posts), Secure in production."""
    value = _signed(key, secret, COOKIE_SALT)
    for name, path in cookie_places():
        response.set_cookie(
            name,
            value,
            max_age=settings.COMMENTS_KEY_COOKIE_DAYS * DAY,
            path=path,
            secure=settings.COMMENTS_KEY_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )


def confirmation_token(key, secret):
    """What the confirmation link carries: the key and its secret, signed."""
    return _signed(key, secret, LINK_SALT)


def key_from_confirmation(token):
    """The key and secret of a confirmation link still valid, or (None, None)."""
    return _unsigned(token, LINK_SALT, settings.COMMENTS_CONFIRMATION_LINK_DAYS * DAY)
