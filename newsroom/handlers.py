"""The WSGI and ASGI handlers of the site: Django's, with requests that read their query
string only when something asks for it.

Django's ``HttpRequest.encoding`` setter checks ``hasattr(self, "GET")``, which parses the
query string. A request whose Content-Type names a charset sets its encoding while it is
being built, before the handler's error handling: a query string with more fields than
DATA_UPLOAD_MAX_NUMBER_FIELDS then escapes as the server's bare 500 instead of the site's
400 page. These requests forget a parsed query without parsing it first.
"""

from django.core.handlers.asgi import ASGIHandler, ASGIRequest
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest


class LazyQueryMixin:
    @property
    def encoding(self):
        return self._encoding

    @encoding.setter
    def encoding(self, value):
        self._encoding = value
        # GET is a cached property: drop what it cached, if anything, without computing it.
        self.__dict__.pop("GET", None)
        if hasattr(self, "_post"):
            del self._post


class NewsroomWSGIRequest(LazyQueryMixin, WSGIRequest):
    pass


class NewsroomASGIRequest(LazyQueryMixin, ASGIRequest):
    pass


class NewsroomWSGIHandler(WSGIHandler):
    request_class = NewsroomWSGIRequest


class NewsroomASGIHandler(ASGIHandler):
    request_class = NewsroomASGIRequest
