"""WordPress's query addresses (``/?p=12``, ``/?cat=3``, ``/?feed=rss2``…) answered with
the permanent redirect the import recorded for them.

Path addresses (``/2021/05/a-post/``) need nothing more than Django's
RedirectFallbackMiddleware, which answers them where nothing else does. Query addresses
land on pages that exist (the home page), so they are looked up before the view runs, and
only when the request carries one of WordPress's query keys: other requests cost nothing.
"""

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.http import HttpResponsePermanentRedirect

#: The query keys of WordPress's addresses without pretty permalinks, first one wins.
WORDPRESS_QUERY_KEYS = ("p", "page_id", "cat", "tag", "author", "feed")


class WordPressQueryRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # WordPress answers these at the blog's root ("/", or "/blog/" in a folder).
        at_root = request.path.count("/") <= 2
        if at_root and request.method in ("GET", "HEAD") and request.GET:
            key = next((k for k in WORDPRESS_QUERY_KEYS if k in request.GET), None)
            if key is not None:
                old_path = f"{request.path}?{key}={request.GET[key]}"
                redirect = (
                    Redirect.objects.filter(site_id=settings.SITE_ID, old_path=old_path)
                    .only("new_path")
                    .first()
                )
                if redirect is not None and redirect.new_path:
                    return HttpResponsePermanentRedirect(redirect.new_path)
        return self.get_response(request)
