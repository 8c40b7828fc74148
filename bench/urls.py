"""The site's URLs, plus ``/bench/bare/``: a bare Django view answering the bytes of the file
named by BENCH_BARE_HTML, through the same middleware and server as every page. It is what
Django itself costs, the reference of the benchmark's ratios."""

import os
from functools import cache
from pathlib import Path

from django.http import HttpResponse
from django.urls import path

from newsroom.urls import handler400, handler404, handler500  # noqa: F401
from newsroom.urls import urlpatterns as site_urlpatterns


@cache
def page_bytes():
    # Read once, on the first request: the benchmark writes the file after starting us.
    return Path(os.environ["BENCH_BARE_HTML"]).read_bytes()


def bare(request):
    return HttpResponse(page_bytes(), content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/bare/", bare), *site_urlpatterns]
