"""Every address of the URL conf, admin included, as a template whose captured arguments
the tests fill: with real objects to see what each role gets, with garbage to fuzz.

A template reads like ``{language}articles/{slug}/``: ``{language}`` stands for the reader
site's language prefix ("" for French, "en/"), other names for the pattern's arguments
(unnamed regex groups become ``arg0``, ``arg1``…).
"""

import re
from dataclasses import dataclass, field

from django.contrib import admin
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern

_CONVERTER = re.compile(r"<(?:\w+:)?(\w+)>")
_GROUP = re.compile(r"\((?:\?P<(\w+)>)?((?:[^()\\]|\\.)*)\)")
_ALTERNATIVES = re.compile(r"^[\w|]+$")

LANGUAGE = "language"


@dataclass(frozen=True)
class Route:
    """One pattern of the URL conf, its full address as a template."""

    template: str
    #: The URL name (``admin:articles_article_change``), or the view's path when unnamed.
    name: str
    arguments: tuple
    #: Values a regex alternation allows for an argument (the admin's app labels).
    choices: dict = field(default_factory=dict, compare=False, hash=False)

    def fill(self, **values):
        return "/" + self.template.format(**values)

    @property
    def admin_model(self):
        """The model of an admin model page, else None."""
        match = re.match(r"admin/(\w+)/(\w+)/", self.template)
        if match is None:
            return None
        registered = {
            (model._meta.app_label, model._meta.model_name): model for model in admin.site._registry
        }
        return registered.get(match.groups())


def _placeholder(name):
    return "{" + name + "}"


def _piece(pattern, choices, counter):
    if isinstance(pattern, LocalePrefixPattern):
        return _placeholder(LANGUAGE)
    if isinstance(pattern, RoutePattern):
        return _CONVERTER.sub(lambda match: _placeholder(match[1]), str(pattern._route))
    assert isinstance(pattern, RegexPattern), pattern
    regex = pattern._regex.removeprefix("^").removesuffix("$")

    def group(match):
        name = match[1] or f"arg{next(counter)}"
        if _ALTERNATIVES.match(match[2]) and "|" in match[2]:
            choices[name] = match[2].split("|")
        return _placeholder(name)

    return re.sub(r"\\(.)", r"\1", _GROUP.sub(group, regex))


def _walk(patterns, prefix, namespace, choices):
    for pattern in patterns:
        counter = iter(range(10))
        own_choices = dict(choices)
        piece = _piece(pattern.pattern, own_choices, counter)
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from _walk(pattern.url_patterns, prefix + piece, inner, own_choices)
        else:
            name = pattern.name and ":".join(filter(None, [namespace, pattern.name]))
            yield prefix + piece, name or pattern.lookup_str, own_choices


def routes():
    """Every route of the URL conf, in its order."""
    found = []
    for template, name, choices in _walk(get_resolver().url_patterns, "", "", {}):
        arguments = tuple(re.findall(r"{(\w+)}", template))
        found.append(Route(template, name, arguments, choices))
    return found
