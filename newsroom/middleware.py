import functools
import http

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import TO_FIELD_VAR
from django.contrib.flatpages import middleware as flatpages_middleware
from django.core.exceptions import BadRequest
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.forms import Media
from django.http import QueryDict
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from js_asset import Media as NonceMedia

from core import pagecache
from core.lookups import can_look_up

NUL = "\x00"


class NullCharacterMiddleware:
    """Keep NUL characters out of the views: no address of the site has one, and
    PostgreSQL refuses them in text, so a lookup made with one would fail deep in a view.

    A path holding one is a bad request (400). In query parameters and headers they are
    dropped, so a search box or a filter fed one still answers with a page and a user agent
    can be stored; a cookie holding one is ignored, as no cookie the site sets has one.
    Form fields already refuse them (Django's ProhibitNullCharactersValidator).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path:
            raise BadRequest(_("The address holds a character that no page uses."))
        if any(
            NUL in key or any(NUL in value for value in values)
            for key, values in request.GET.lists()
        ):
            request.GET = self._without_nul(request.GET)
        for name, value in request.META.items():
            if name.startswith("HTTP_") and isinstance(value, str) and NUL in value:
                request.META[name] = value.replace(NUL, "")
        # Cookie values may spell a NUL as an escape ("\000"), which parsing turns into one.
        if any(NUL in name or NUL in value for name, value in request.COOKIES.items()):
            request.COOKIES = {
                name: value
                for name, value in request.COOKIES.items()
                if NUL not in name and NUL not in value
            }
        return self.get_response(request)

    @staticmethod
    def _without_nul(query):
        cleaned = QueryDict(mutable=True)
        for key, values in query.lists():
            cleaned.setlist(key.replace(NUL, ""), [value.replace(NUL, "") for value in values])
        cleaned._mutable = False
        return cleaned


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy header, plus what the site needs to live under it.

    - The rich-text editor's import map is an inline ``<script>``: the media of admin pages
      is rendered with the request's nonce, which the policy then allows (and only then
      names, so other pages keep a nonce-free header).
    - ``report-to`` names an endpoint that the ``Reporting-Endpoints`` header defines.
    """

    def process_template_response(self, request, response):
        media = (response.context_data or {}).get("media")
        if isinstance(media, Media):
            response.context_data["media"] = NonceMedia.from_media(media, nonce=request.csp_nonce)
        return response

    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is None and vars(response).keys().isdisjoint(
            POLICY_CHANGES
        ):
            response = self._add_site_policy(request, response)
        else:
            response = super().process_response(request, response)
        if settings.CSP_REPORT_ENDPOINT and "Content-Security-Policy" in response:
            response.headers.setdefault(
                "Reporting-Endpoints", f'csp="{settings.CSP_REPORT_ENDPOINT}"'
            )
        return response

    def _add_site_policy(self, request, response):
        """What django-csp's ``process_response`` does for a response that used no nonce and
        whose view changed nothing of the policy: add the policy of the settings, built
        once per process rather than for every response."""
        if response.status_code in DEBUG_EXEMPT_STATUSES and settings.DEBUG:
            return response
        for header, policy, setting, exempt in (
            (HEADER, site_policy(), "CONTENT_SECURITY_POLICY", "_csp_exempt"),
            (
                HEADER_REPORT_ONLY,
                site_policy(report_only=True),
                "CONTENT_SECURITY_POLICY_REPORT_ONLY",
                "_csp_exempt_ro",
            ),
        ):
            if not policy or header in response or getattr(response, exempt, False) is not False:
                continue
            prefixes = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES")
            if not request.path_info.startswith(tuple(prefixes or ())):
                response[header] = policy
        # As django-csp does: a nonce asked for after the header was written would be
        # missing from it.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


#: What django-csp's decorators set on a response to change its policy.
POLICY_CHANGES = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)
#: Error pages django-csp leaves without a policy when DEBUG is on (its debug pages).
DEBUG_EXEMPT_STATUSES = (http.HTTPStatus.INTERNAL_SERVER_ERROR, http.HTTPStatus.NOT_FOUND)


@functools.cache
def site_policy(report_only=False):
    """The policy header of the settings, for a response without a nonce (django-csp's)."""
    return build_policy(report_only=report_only)


@receiver(setting_changed)
def _forget_site_policy(setting, **kwargs):
    if setting in ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY"):
        site_policy.cache_clear()


class FlatpageFallbackMiddleware(flatpages_middleware.FlatpageFallbackMiddleware):
    """Django's flat pages, which the page cache and Varnish may keep like the other reader
    pages: they show the site's settings and the pages themselves, both under the ``site``
    key that any change of either purges."""

    def process_response(self, request, response):
        page = super().process_response(request, response)
        if page is not response and page.status_code == 200:
            pagecache.add_keys(page, {pagecache.SITE_KEY})
            if pagecache.is_personal(request):
                patch_cache_control(page, private=True)
            else:
                pagecache.allow_shared_caching(page)
        return page


class AdminInputMiddleware:
    """Refuse (400) what the admin's views would use as it came and fail on (a 500):

    - a bulk action on "selected objects" that cannot be ids: Django filters the list with
      them, and a word where a number goes makes that query fail deep in the action;
    - an empty ``_to_field``: Django checks the field a popup refers to only when one is
      named, then looks up a field without a name.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # The views of a ModelAdmin carry it (django.contrib.admin.options.ModelAdmin.get_urls).
        model_admin = getattr(view_func, "model_admin", None)
        if model_admin is None:
            return None
        data = request.POST if request.method == "POST" else {}
        if any(query.get(TO_FIELD_VAR) == "" for query in (request.GET, data)):
            raise BadRequest(_("The address names no field."))
        primary_key = model_admin.model._meta.pk
        if data and not all(
            can_look_up(primary_key, value) for value in data.getlist(ACTION_CHECKBOX_NAME)
        ):
            raise BadRequest(_("The selection holds something that is not an item."))
        return None
