"""Old addresses of the site (recorded by the WordPress import) answered with their
permanent redirect, at the cost of no query on a site that has none.

Path addresses (``/2021/05/a-post/``) are answered by Django's RedirectFallbackMiddleware,
where nothing else answers (a 404). Query addresses (``/?p=12``, ``/?cat=3``,
``/?feed=rss2``) land on a page that exists (the home page), so they are looked up before
the view runs, and only when the request carries one of WordPress's query keys.

Most sites never imported anything: whether any redirect exists is cached (and forgotten
when one is saved or deleted, or after ``FLAG_TIMEOUT`` seconds for other processes), so
their 404 pages cost the flat page lookup only.
"""

import re

from django.conf import settings
from django.contrib.redirects.middleware import RedirectFallbackMiddleware
from django.contrib.redirects.models import Redirect
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponsePermanentRedirect
from django.urls import reverse

#: The query keys of WordPress's addresses without pretty permalinks, first one wins.
WORDPRESS_QUERY_KEYS = ("p", "page_id", "attachment_id", "cat", "tag", "author", "feed")
#: A further page of a WordPress archive: /category/mer/page/3/.
ARCHIVE_PAGE = re.compile(r"^(?P<archive>/.+/)page/[0-9]{1,6}/?$")
#: WordPress's date archives by day or paged (/2024/03/05/, /2024/page/2/), at the root of
#: the site or of one of its languages: nothing else, so that no other address that ends
#: in four digits (/apercu/2024/, an admin link) is taken for a year.
DATE_ARCHIVE = re.compile(
    r"^(?:/(?P<language>[a-z]{2}(?:-[a-z]{2,4})?))?/(?P<year>(?:19|20)[0-9]{2})/"
    r"(?:(?P<month>[0-9]{2})/(?:[0-9]{2}/)?)?(?:page/[0-9]{1,6}/?)?$"
)
FLAG_KEY = "wordpress:any-redirect"
FLAG_TIMEOUT = 300


def any_redirect():
    """Whether the site has any old address to redirect (cached)."""
    flag = cache.get(FLAG_KEY)
    if flag is None:
        flag = Redirect.objects.exists()
        cache.set(FLAG_KEY, flag, FLAG_TIMEOUT)
    return flag


@receiver(post_save, sender=Redirect, dispatch_uid="wordpress.redirect_saved")
@receiver(post_delete, sender=Redirect, dispatch_uid="wordpress.redirect_deleted")
def forget_redirect_flag(**kwargs):
    cache.delete(FLAG_KEY)


def date_archive(path):
    """Where this site shows the month or year of a WordPress date archive ``path``, or
    None. There is no archive by day: a day leads to its month."""
    found = DATE_ARCHIVE.match(path)
    if found is None:
        return None
    if found["language"] and found["language"] not in dict(settings.LANGUAGES):
        return None
    if found["month"]:
        if not 1 <= int(found["month"]) <= 12:
            return None
        return reverse("articles:archive_month", args=[found["year"], found["month"]])
    return reverse("articles:archive_year", args=[found["year"]])


class OldAddressFallbackMiddleware(RedirectFallbackMiddleware):
    """Django's redirect fallback, skipped on sites that have no redirect. The further pages
    of an old archive (``/category/mer/page/3/``) lead to the archive's first page: the
    pages hold a different number of articles here; so do WordPress's date archives."""

    def process_response(self, request, response):
        if response.status_code != 404 or not any_redirect():
            return response
        answer = super().process_response(request, response)
        if answer is not response:
            return answer
        found = ARCHIVE_PAGE.match(request.path)
        if found:
            redirect = (
                Redirect.objects.filter(site_id=settings.SITE_ID, old_path=found["archive"])
                .only("new_path")
                .first()
            )
            if redirect is not None and redirect.new_path:
                return HttpResponsePermanentRedirect(redirect.new_path)
        archive = date_archive(request.path)
        if archive is not None and archive != request.path:
            return HttpResponsePermanentRedirect(archive)
        return answer


class WordPressQueryRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # WordPress answers these at the blog's root ("/", or "/blog/" in a folder).
        at_root = request.path.count("/") <= 2
        if at_root and request.method in ("GET", "HEAD") and request.GET:
            key = next((k for k in WORDPRESS_QUERY_KEYS if k in request.GET), None)
            if key is not None and any_redirect():
                old_path = f"{request.path}?{key}={request.GET[key]}"
                redirect = (
                    Redirect.objects.filter(site_id=settings.SITE_ID, old_path=old_path)
                    .only("new_path")
                    .first()
                )
                if redirect is not None and redirect.new_path:
                    return HttpResponsePermanentRedirect(redirect.new_path)
        return self.get_response(request)
