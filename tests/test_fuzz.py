"""Fuzzing every address and form, in production mode: no request gets a 500.

Every pattern of the URL conf (admin included, see tests/urlconf.py) is requested with its
arguments filled by real objects or by garbage, with hostile query strings (huge, NUL
characters, broken UTF-8, more fields than Django reads), methods and bodies, headers
(Host, X-Forwarded-*, Accept-Language, Cookie, conditional requests) and by every role. The
forms a stranger may send (comments, search, the admin's sign-in) get field values half
right, half garbage, so that some pass validation and reach the database.

The requests come from a seeded generator: a failure names its seed and request number, and
``FUZZ_SEED=… FUZZ_REQUESTS=…`` runs it again. SQLite runs 10,000 requests; PostgreSQL, slower
here, a slice (set FUZZ_REQUESTS to run more).
"""

import logging
import os
import random
import time
import traceback
from dataclasses import dataclass, field
from urllib.parse import quote, unquote_to_bytes, urlencode, urlsplit

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.signals import got_request_exception
from django.db import connection
from django.test import Client, override_settings
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from reversion.models import Version

from comments.forms import make_timestamp
from newsroom.handlers import NewsroomWSGIRequest
from tests.factories import PASSWORD
from tests.urlconf import LANGUAGE, routes
from tests.world import build_world

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

SEED = int(os.environ.get("FUZZ_SEED", "20261129"))


def request_count():
    default = 10_000 if connection.vendor == "sqlite" else 2_000
    return int(os.environ.get("FUZZ_REQUESTS", default))


def encoded(text):
    return quote(text, safe="")


#: Path segments and values that have broken web applications somewhere.
GARBAGE = [
    "", "0", "-1", "00", "1.5", "1e309", "NaN", "99999999999999999999", "9223372036854775808",
    "-9223372036854775809", "0x1F", "%00", "a%00b", "%C3%28", "%FF%FE%FD", "%E2%80%AE",
    "%F0%9F%98%80", "%ED%A0%80", "%20", "%0D%0ASet-Cookie:%20x=1", "..", "%2E%2E",
    "..%2F..%2Fetc%2Fpasswd", "%2F%2Fevil.example", "%5C%5Cevil.example", "//evil.example",
    "http://evil.example/", "javascript:alert(1)", "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "'%20OR%20'1'='1", "%27%3BDROP%20TABLE%20articles_article%3B--", "%24%7B7*7%7D",
    "%7B%7B7*7%7D%7D", "%25", "%zz", "%", "null", "None", "true", "[]", "%7B%7D", "*", "~",
    "é", encoded("é" * 120), "x" * 2500, "_", "-", "a.b", "a+b", "%2B", "0001", "9999", "13",
    encoded("Ωmega\u200b\ufeff"), encoded("\u0000\u0001\u001f\u007f"), encoded("١٢٣"),
    encoded("𝕏" * 30), encoded("\ud7ff\ue000\uffff"),
]
SECTIONS = ["articles", "tags", "authors", "pages", "news", ""]
#: Query parameters the site or the admin reads, and some it does not.
PARAMETERS = [
    "page", "q", "tag", "provenance", "reply_to", "comments", "p", "o", "e", "all", "_popup",
    "_to_field", "_changelist_filters", "next", "older", "newer", "term", "app_label",
    "model_name", "field_name", "language", "status__exact", "featured_image__id__exact",
    "used", "credited", "digital_source_type__exact", "uploaded_at__year", "uploaded_at__month",
    "uploaded_at__day", "published_at__gte", "authors__id__exact", "tags__id__exact",
    "writing_method__exact", "review", "is_spam", "id__in", "pk", "format", "callback",
    "utm_source",
]
METHODS = ["GET"] * 12 + ["POST"] * 5 + ["HEAD"] * 2 + ["PUT", "PATCH", "DELETE", "OPTIONS",
                                                      "TRACE", "PROPFIND"]
HOSTS = ["testserver"] * 20 + [
    "evil.example", "testserver:99999", "testserver:abc", "TESTSERVER", "testserver.",
    "[::1]", "127.0.0.1", "", "x" * 300, "testserver@evil.example", "testserver/../",
    "testserver\x00", "тест.example", "evil.example, testserver",
]
ACCEPT_LANGUAGES = [
    "fr-FR,fr;q=0.9", "en", "*", "zz", "de-DE", "en;q=abc", "en-GB-oed;q=0.1,fr;q=-1",
    "x" * 500, "é", ";;;", "en-" * 100, "fr;q=1.0000000000000000000001",
]
CONTENT_TYPES = [
    "application/json", "text/plain", "multipart/form-data", "multipart/form-data; boundary=",
    "multipart/form-data; boundary=xyz", "application/x-www-form-urlencoded; charset=bogus",
    "application/x-www-form-urlencoded; charset=utf-16", "application/xml", "", "*/*",
]


@dataclass
class FuzzRequest:
    number: int
    role: str
    method: str
    path: str
    query: str = ""
    data: object = None
    content_type: str = ""
    headers: dict = field(default_factory=dict)

    def describe(self):
        shown = {key: (str(value)[:80]) for key, value in self.headers.items()}
        data = str(self.data)[:300] if self.data is not None else ""
        url = f"{self.path}?{self.query}" if self.query else self.path
        return (
            f"#{self.number} as {self.role}: {self.method} {url[:300]} {shown} "
            f"{self.content_type} {data}"
        )


class Fuzzer:
    """Requests made of real objects and garbage, in proportions that reach every view."""

    def __init__(self, rng, world):
        self.rng = rng
        self.world = world
        self.routes = routes()
        self.named = {route.name: route for route in self.routes}
        self.admin_routes = [route for route in self.routes if route.template.startswith("admin/")]
        self.reader_routes = [route for route in self.routes if route not in self.admin_routes]
        self.real = self._real_values()
        self.content_types = {
            content_type.pk: content_type
            for content_type in ContentType.objects.all()
        }

    def _real_values(self):
        world = self.world
        articles = world.articles
        versions = [str(pk) for pk in Version.objects.values_list("pk", flat=True)]
        users = [world.superuser, world.editor, world.author, world.other_author,
                 world.moderator, world.reader]
        published = world.published.published_at
        return {
            LANGUAGE: ["", "", "", "en/"],
            "slug": [article.slug for article in articles]
            + [world.public_tag.slug, world.secret_tag.slug, "ancien-beton"]
            + [user.profile.public_slug for user in users],
            "pk": [str(article.pk) for article in articles],
            "article_id": [str(article.pk) for article in articles],
            "username": [user.username for user in users],
            "year": [str(published.year), "2025", "2026"],
            "month": [f"{published.month:02d}", "01", "12"],
            "section": SECTIONS,
            "arg0": [str(article.pk) for article in articles] + versions,
            "arg1": versions,
            "id": [str(user.pk) for user in users],
            "path": [world.public_image.file.name, "nothing.png"],
            "url": ["", "nothing/", "articles/", "articles/article/1/"],
        }

    def request(self, number):
        rng = self.rng
        role = rng.choice(["anonymous"] * 4 + ["superuser"] * 2 + ["editor", "author", "moderator"])
        method = rng.choice(METHODS)
        roll = rng.random()
        # The forms a stranger may send, then any address: the reader site weighs as much as
        # the admin, which has many more patterns.
        if roll < 0.1:
            route, method = self.named["comments:post"], "POST"
        elif roll < 0.15:
            route, method, role = self.named["admin:login"], "POST", "anonymous"
        elif roll < 0.2:
            route, method = self.named["articles:search"], "GET"
        elif roll < 0.6:
            route = rng.choice(self.reader_routes)
        else:
            route = rng.choice(self.admin_routes)
        values = {name: self.argument(route, name) for name in route.arguments}
        path = self.mangle(route.fill(**values))
        request = FuzzRequest(number, role, method, path, query=self.query(route))
        if method in {"POST", "PUT", "PATCH"}:
            self.body(request, route)
            if route.name and route.name.endswith("_delete"):
                # A delete page takes any form it is sent as the confirmation (the Site, a
                # user…): it gets none, so that the world lasts the whole run.
                request.data, request.content_type = None, ""
        request.headers = self.headers(role)
        return request

    def argument(self, route, name):
        rng = self.rng
        if rng.random() < 0.3:
            return rng.choice(GARBAGE)
        if name in route.choices:
            return rng.choice(route.choices[name])
        if name == "object_id" and route.admin_model is not None:
            return str(self.object_of(route.admin_model))
        if name == "content_type_id":
            return str(rng.choice(list(self.content_types)))
        if name == "object_id":
            return str(self.object_of(rng.choice(list(self.content_types.values())).model_class()))
        return rng.choice(self.real.get(name, GARBAGE))

    def object_of(self, model):
        if model is None:
            return self.rng.choice(GARBAGE)
        pks = list(model._default_manager.values_list("pk", flat=True)[:10])
        return self.rng.choice(pks) if pks else self.rng.choice(GARBAGE)

    def mangle(self, path):
        """Now and then, an address bent out of shape."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.05:
            return path.rstrip("/")
        if roll < 0.08:
            return path.replace("/", "//")
        if roll < 0.11:
            return path + rng.choice(GARBAGE)
        if roll < 0.13:
            return "/" + "".join(f"%{byte:02X}" for byte in rng.randbytes(rng.randint(1, 40)))
        return path

    def value(self):
        rng = self.rng
        roll = rng.random()
        if roll < 0.25:
            return rng.choice(["1", "2", "0", "-1", "all", "yes", "no", "human", "ai-generated",
                               "published", "draft", "title", "-published_at", "1.2", "0.-1"])
        if roll < 0.35:
            return rng.choice(self.real["slug"] + self.real["pk"] + self.real["username"])
        if roll < 0.37:
            return "a" * rng.choice([10_000, 100_000])
        if roll < 0.45:
            return "".join(chr(rng.randint(1, 0x2FFF)) for _ in range(rng.randint(1, 30)))
        return rng.choice(GARBAGE)

    def query(self, route):
        rng = self.rng
        roll = rng.random()
        if roll < 0.35:
            return ""
        if roll < 0.38:
            # More fields than DATA_UPLOAD_MAX_NUMBER_FIELDS.
            return "&".join(f"f{number}=1" for number in range(rng.randint(1_001, 1_500)))
        names = PARAMETERS + GARBAGE[:20]
        pairs = [
            (rng.choice(names), self.value()) for _ in range(rng.randint(1, 6))
        ]
        return "&".join(
            f"{name}={value if '%' in value else quote(value, safe='')}"
            for name, value in pairs
        )

    def body(self, request, route):
        rng = self.rng
        roll = rng.random()
        if roll < 0.15:
            request.content_type = rng.choice(CONTENT_TYPES)
            request.data = rng.choice([b"", b"{", b'{"a": [1, 2', rng.randbytes(200),
                                       b"--xyz\r\nContent-Disposition: form-data\r\n\r\n",
                                       "é".encode("utf-16") * 50, b"a=1&" * 1_200])
            return
        fields = self.form_fields(route)
        if rng.random() < 0.03:
            fields.update({f"f{number}": "1" for number in range(1_001, 1_200)})
        request.data = fields

    def form_fields(self, route):
        """Fields of the form the route takes, each right or wrong at random."""
        rng = self.rng
        world = self.world
        right = {}
        if route.name == "comments:post":
            article = rng.choice(world.articles)
            right = {
                "name": "Camille", "email": f"camille{rng.randint(1, 9)}@lecteurs.test",
                "website": "https://camille.example/", "body": "Un avis réfléchi et poli.",
                "topic": "", "parent": str(world.comment.pk),
                "timestamp": make_timestamp(article, time.time() - 60),
            }
        elif route.name == "admin:login":
            right = {
                "username": rng.choice(self.real["username"]), "password": PASSWORD,
                "next": rng.choice(["/admin/", "//evil.example/", "https://evil.example/",
                                    "/admin/articles/", "javascript:alert(1)"]),
            }
        elif route.name == "set_language":
            right = {"language": rng.choice(["fr", "en", "de", ""]),
                     "next": rng.choice(["/", "//evil.example/", "/en/search/"])}
        elif route.admin_model is not None:
            right = {field.name: "1" for field in route.admin_model._meta.get_fields()
                     if getattr(field, "editable", False) and field.concrete}
            right.update({"_save": "1", "action": rng.choice(["", "delete_selected", "zzz"]),
                          "_selected_action": str(rng.choice(self.real["pk"]))})
        fields = {}
        for name, value in right.items():
            roll = rng.random()
            if roll < 0.6:
                fields[name] = value
            elif roll < 0.9:
                fields[name] = self.value()
        for _ in range(rng.randint(0, 3)):
            fields[rng.choice(PARAMETERS)] = self.value()
        # Never the confirmation of a deletion: the world has to last the whole run.
        fields.pop("post", None)
        return fields

    def headers(self, role):
        rng = self.rng
        headers = {"REMOTE_ADDR": self.address()}
        if rng.random() < 0.15:
            headers["HTTP_HOST"] = rng.choice(HOSTS)
        if rng.random() < 0.2:
            headers["HTTP_X_FORWARDED_FOR"] = ", ".join(
                self.address() for _ in range(rng.randint(1, 4))
            )
        if rng.random() < 0.05:
            headers["HTTP_X_FORWARDED_HOST"] = rng.choice(HOSTS)
        if rng.random() < 0.05:
            headers["HTTP_X_FORWARDED_PROTO"] = rng.choice(["https", "http", "gopher", ""])
        if rng.random() < 0.2:
            headers["HTTP_ACCEPT_LANGUAGE"] = rng.choice(ACCEPT_LANGUAGES)
        if rng.random() < 0.15 and role == "anonymous":
            headers["HTTP_COOKIE"] = self.cookie()
        for name, values in [
            ("HTTP_REFERER", ["https://evil.example/", "http://testserver/", "\x00", "x" * 5000]),
            ("HTTP_ORIGIN", ["null", "https://evil.example", "http://testserver"]),
            ("HTTP_USER_AGENT", ["", "Mozilla/5.0", "\x00\x01" * 10, "é" * 3000]),
            ("HTTP_IF_MODIFIED_SINCE", ["garbage", "Sat, 29 Oct 1994 19:43:31 GMT",
                                        "Mon, 01 Jan 0001 00:00:00 GMT", "9" * 40]),
            ("HTTP_IF_NONE_MATCH", ['"abc"', "*", "W/", "\x00"]),
            ("HTTP_RANGE", ["bytes=0-1", "bytes=-", "bytes=99999999999999999999-"]),
        ]:
            if rng.random() < 0.05:
                headers[name] = rng.choice(values)
        return headers

    def address(self):
        rng = self.rng
        roll = rng.random()
        if roll < 0.6:
            return f"198.51.100.{rng.randint(0, 255)}"
        if roll < 0.8:
            return f"2001:db8::{rng.randint(0, 0xFFFF):x}"
        return rng.choice(["", "unknown", "999.1.1.1", "::ffff:1.2.3.4", "1.2.3.4%eth0",
                           "fe80::1%25lo", "x" * 200])

    def cookie(self):
        rng = self.rng
        parts = []
        for name in rng.sample(["sessionid", "csrftoken", "django_language", "messages",
                                "comment_author", "x"], rng.randint(1, 4)):
            value = rng.choice(['"abcdefgh\\000ijkl"', "z" * 5000, "%00", '"\\"', "é", "a=b=c",
                                "abcdefghijklmnopqrstuvwxyz123456", "en", "zz", ""])
            parts.append(f"{name}={value}")
        return rng.choice(["; ", ";", ",", " "]).join(parts)


def offsite_redirect(response):
    """The Location of a redirect that leaves the site, or None."""
    if response.status_code not in {301, 302, 303, 307, 308}:
        return None
    location = response["Location"]
    parts = urlsplit(location)
    if parts.netloc and parts.netloc != "testserver" or location.startswith(("//", "/\\")):
        return location
    return None


@pytest.fixture
def fuzz_world(db, settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.AKISMET_API_KEY = ""
    settings.COMMENTS_NOTIFY_MODERATORS = False
    settings.COMMENTS_NOTIFY_AUTHORS = False
    return build_world()


@pytest.fixture
def site_requests(monkeypatch):
    """The test client builds the requests the site's WSGI handler builds (newsroom/handlers.py)."""
    monkeypatch.setattr("django.test.client.WSGIRequest", NewsroomWSGIRequest)


@pytest.fixture
def quiet_logs():
    """Thousands of 404s and refused hosts are the point here, not news worth printing."""
    loggers = [logging.getLogger(name) for name in ["django.request", "django.security", "axes"]]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    yield
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


@pytest.fixture
def exceptions():
    """The tracebacks of exceptions that reached Django's handler (those make 500s)."""
    caught = []

    def record(sender, request=None, **kwargs):
        caught.append(traceback.format_exc(limit=-6))

    got_request_exception.connect(record)
    yield caught
    got_request_exception.disconnect(record)


def send(client, request):
    """``request`` as a WSGI server hands it over: the path and query as they came."""
    data = request.data
    content_type = request.content_type
    if isinstance(data, dict):
        if request.number % 2:
            data, content_type = encode_multipart(BOUNDARY, data), MULTIPART_CONTENT
        else:
            data = urlencode(data)
            content_type = "application/x-www-form-urlencoded"
    return client.generic(
        request.method,
        "/",
        data or b"",
        content_type,
        PATH_INFO=unquote_to_bytes(request.path).decode("iso-8859-1"),
        QUERY_STRING=request.query.encode().decode("iso-8859-1"),
        **request.headers,
    )


def test_no_address_nor_form_gets_a_server_error(
    fuzz_world, site_requests, quiet_logs, exceptions
):
    clients = {"anonymous": Client(raise_request_exception=False)}
    for role, user in fuzz_world.staff.items():
        clients[role] = Client(raise_request_exception=False)
        clients[role].force_login(user)
    fuzzer = Fuzzer(random.Random(SEED), fuzz_world)
    count = request_count()
    failures, statuses = [], {}

    for number in range(count):
        request = fuzzer.request(number)
        client = clients[request.role]
        exceptions.clear()
        # Half the run behind one trusted proxy, so that X-Forwarded-For is read.
        with override_settings(TRUSTED_PROXY_COUNT=number % 2):
            response = send(client, request)
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        if response.status_code >= 500:
            failures.append(f"{response.status_code} {request.describe()}\n{''.join(exceptions)}")
        elif offsite := offsite_redirect(response):
            failures.append(f"redirect to {offsite}: {request.describe()}")
        # Each client keeps its role: the logout page signs staff out, the sign-in form with
        # the right password signs a stranger in.
        signed_in = "_auth_user_id" in client.session
        if request.role == "anonymous" and signed_in:
            client.logout()
        elif request.role != "anonymous" and not signed_in:
            client.force_login(fuzz_world.staff[request.role])

    summary = f"seed {SEED}, {count} requests, statuses {sorted(statuses.items())}"
    assert failures == [], f"{summary}\n" + "\n\n".join(failures[:15])
    # The generator reaches the pages, not only their error pages.
    assert statuses.get(200, 0) > count // 10, summary
    assert {301, 302, 400, 403, 404, 405} <= statuses.keys(), summary
