"""The site's error pages.

Each is rendered from a context built here, never from the request: what made the request
fail (a host that is not ours, too many query parameters, a broken session cookie) would
make its error page fail too, and a reader would get a bare 500 instead.
"""

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils import translation
from django.views import static
from django.views.decorators.csrf import requires_csrf_token

from core.models import SiteSettings


def render_error_page(template_name, status, site_settings, context=None):
    """``template_name`` (one that extends error_page.html) as a response with ``status``."""
    page = loader.render_to_string(
        template_name,
        {
            "LANGUAGE_CODE": translation.get_language(),
            "site_settings": site_settings,
            "site_name": site_settings.site_name,
            **(context or {}),
        },
    )
    return HttpResponse(page, status=status)


def bad_request(request, exception):
    """A friendly 400 for requests the site cannot read (an unknown host, too many fields…).

    The request is suspect: the page asks nothing of the database.
    """
    return render_error_page("400.html", 400, SiteSettings.cached())


def permission_denied(request, exception):
    """A friendly 403, for the admin's pages a user may not open."""
    return render_error_page("403.html", 403, SiteSettings.cached())


def page_not_found(request, exception):
    """A friendly 404 with the site's identity (the cached settings)."""
    return render_error_page("404.html", 404, SiteSettings.current())


def csrf_failure(request, reason=""):
    """Django's CSRF failure view, with the site's layout: a form sent without its cookie."""
    return render_error_page("403_csrf.html", 403, SiteSettings.cached())


@requires_csrf_token
def server_error(request):
    """A 500 page rendered without context processors, which may be what failed."""
    return HttpResponseServerError(loader.get_template("500.html").render())


def serve_media(request, path):
    """Uploaded files in development (DEBUG only; nginx serves them in production). A name
    the file system refuses (too long, say) is a missing file, not a server error."""
    try:
        return static.serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError as error:
        raise Http404(path) from error
