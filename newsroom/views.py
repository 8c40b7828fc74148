from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token


def bad_request(request, exception):
    """A friendly 400 for requests the site cannot read."""
    return render(request, "400.html", status=400)


def page_not_found(request, exception):
    """A friendly 404 that keeps the site's navigation."""
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    """A 500 page rendered without context processors, which may be what failed."""
    return HttpResponseServerError(loader.get_template("500.html").render())
