"""Find what an injected text would need to run, in a page, a feed or an e-mail.

Pages are parsed the way browsers parse them (html5lib follows the WHATWG algorithm), so a
text that closes an attribute, a <title> or a <script> shows here as it would in a browser.
A page is clean when it holds:

- no event-handler attribute (``on…``) and no ``style`` attribute or element;
- no script but the site's files and data blocks (JSON-LD, the admin's import map) that
  parse as JSON;
- no frame, object, embed, applet, <base> or <meta http-equiv>;
- no URL (links, sources, forms) with a scheme other than http, https, mailto or tel, and
  no resource (script, image, stylesheet, form target) from another site.
"""

import json
import re
from urllib.parse import urlsplit
from xml.etree import ElementTree

import html5lib

SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "poster", "data", "background", "cite", "ping",
    "codebase", "dynsrc", "lowsrc", "manifest", "icon", "to", "from", "values", "by",
}
# Attributes whose URL must point to this site: what the page loads or sends forms to.
RESOURCE_ATTRIBUTES = {
    ("script", "src"), ("img", "src"), ("link", "href"), ("form", "action"),
    ("source", "src"), ("input", "formaction"), ("button", "formaction"),
}
FORBIDDEN_ELEMENTS = {
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "style", "portal",
}
DATA_SCRIPT_TYPES = {"application/ld+json", "importmap"}
SITE_HOSTS = {"", "testserver", "localhost", "127.0.0.1"}
# Browsers drop ASCII tabs and newlines anywhere in a URL, and spaces around it.
_URL_NOISE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
HTML_FEED_ELEMENTS = {"description", "encoded", "summary", "content"}


def local_name(name):
    return name.rsplit("}", 1)[-1].lower()


def url_scheme(value):
    cleaned = _URL_NOISE.sub("", value).strip(" \x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c"
                                               "\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18"
                                               "\x19\x1a\x1b\x1c\x1d\x1e\x1f")
    match = _SCHEME.match(cleaned)
    return match[1].lower() if match else ""


def is_site_url(value):
    parts = urlsplit(_URL_NOISE.sub("", value).strip())
    return parts.scheme in {"", "http", "https"} and (parts.hostname or "") in SITE_HOSTS


def html_problems(html, where="page"):
    """What could run in ``html`` (a page, or a fragment such as a feed's summary)."""
    document = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)
    problems = []
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue  # a comment
        tag = local_name(element.tag)
        attributes = {local_name(name): value for name, value in element.attrib.items()}
        label = f"{where}: <{tag} {' '.join(f'{k}={v!r}' for k, v in attributes.items())}>"
        for name, value in attributes.items():
            if name.startswith("on"):
                problems.append(f"event handler {name} in {label}")
            if name == "style" or name == "srcdoc":
                problems.append(f"{name} attribute in {label}")
            if name in URL_ATTRIBUTES and url_scheme(value) not in SAFE_SCHEMES | {""}:
                problems.append(f"{url_scheme(value)}: URL in {label}")
            if (tag, name) in RESOURCE_ATTRIBUTES and not is_site_url(value):
                problems.append(f"resource from another site in {label}")
            if name == "srcset" and not all(
                is_site_url(candidate.split()[0]) for candidate in value.split(",") if candidate
            ):
                problems.append(f"resource from another site in {label}")
        if tag in FORBIDDEN_ELEMENTS:
            problems.append(f"forbidden element in {label}")
        if tag == "meta" and "http-equiv" in attributes:
            problems.append(f"meta http-equiv in {label}")
        if tag == "script":
            problems.extend(_script_problems(element, attributes, label))
    return problems


def _script_problems(element, attributes, label):
    if "src" in attributes:
        return [] if is_site_url(attributes["src"]) else [f"outside script in {label}"]
    if attributes.get("type") not in DATA_SCRIPT_TYPES:
        return [f"inline script in {label}: {(element.text or '')[:80]!r}"]
    try:
        json.loads(element.text or "")
    except ValueError:
        return [f"a data block that is not JSON (broken out of?) in {label}"]
    return []


def json_ld(html):
    """The JSON-LD blocks of a page, decoded."""
    document = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)
    return [
        json.loads(script.text)
        for script in document.iter("script")
        if script.get("type") == "application/ld+json"
    ]


def text_of(html, tag):
    """The text of the first ``tag`` element of a page, as a reader sees it."""
    document = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)
    element = next(document.iter(tag))
    return "".join(element.itertext())


def feed_problems(xml, where="feed"):
    """What could run in a feed or a sitemap: its XML must parse (no injected markup broke
    it), hold no script, and the parts readers render as HTML must be clean HTML."""
    root = ElementTree.fromstring(xml)  # noqa: S314 - the site's own output
    problems = []
    for element in root.iter():
        tag = local_name(element.tag)
        if tag in {"script", "iframe", "object", "embed"}:
            problems.append(f"{where}: <{tag}> element")
        html_content = tag in HTML_FEED_ELEMENTS and element.get("type", "html") == "html"
        if element.text and (html_content or element.get("type") == "html"):
            problems.extend(html_problems(element.text, f"{where} <{tag}>"))
        for name, value in element.attrib.items():
            if local_name(name) in {"href", "url", "src"} and url_scheme(value) not in {
                "http", "https"
            }:
                problems.append(f"{where}: {value!r} in <{tag}>")
        address = (element.text or "").strip() if tag in {"link", "loc", "uri", "comments"} else ""
        if address and url_scheme(address) not in {"http", "https"}:
            problems.append(f"{where}: {element.text!r} in <{tag}>")
    return problems


def email_problems(message, where="e-mail"):
    """E-mails are plain text; an HTML part, if one is ever added, must be clean too."""
    problems = []
    if message.content_subtype != "plain":
        problems.extend(html_problems(message.body, where))
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            problems.extend(html_problems(content, f"{where} (HTML part)"))
    return problems
