"""The inspector of test_injection.py finds every live vector when a page prints it raw: a
check that passes on an escaped page means something only if it fails on a broken one."""

import json

import pytest
from django.core.mail import EmailMultiAlternatives

from .inspection import email_problems, feed_problems, html_problems
from .vectors import VECTORS, vector_id

# Printed raw in any of these places, each vector would run something (or load a script).
CONTEXTS = {
    "text": "<p>{}</p>",
    "double-quoted attribute": '<meta property="og:title" content="{}">',
    "single-quoted attribute": "<input value='{}'>",
    "title": "<title>{}</title>",
    "JSON-LD": '<script type="application/ld+json">{{"headline": "{}"}}</script>',
    "link": '<a href="{}">lien</a>',
}
# Harmless even raw: entities and escapes already written out, full-width brackets,
# percent-encoding, template syntax (Django never renders what is stored).
INERT_WHEN_RAW = {
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    "\\u003Cscript\\u003Ealert(1)\\u003C/script\\u003E",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "＜script＞alert(1)＜/script＞",
    "{{ request.user.password }}{% debug %}",
    "{{7*7}}${7*7}<%= 7*7 %>#{7*7}",
}


def page(body):
    return f"<!doctype html><html><head><title>t</title></head><body>{body}</body></html>"


@pytest.mark.parametrize("vector", [v for v in VECTORS if v not in INERT_WHEN_RAW], ids=vector_id)
def test_each_vector_printed_raw_is_caught_somewhere(vector):
    caught = {
        name: html_problems(page(template.format(vector)))
        for name, template in CONTEXTS.items()
    }

    assert any(caught.values()), f"{vector!r} printed raw went unnoticed"


@pytest.mark.parametrize("vector", VECTORS, ids=vector_id)
def test_each_vector_escaped_passes(vector):
    from django.utils.html import escape

    for template in CONTEXTS.values():
        if "ld+json" in template:
            escaped = json.dumps(vector).translate({ord("<"): "\\u003C", ord(">"): "\\u003E"})
            html = page(f'<script type="application/ld+json">{{"headline": {escaped}}}</script>')
        elif "href" in template:
            continue  # an address is checked for its scheme, not escaped
        else:
            html = page(template.format(escape(vector)))
        assert html_problems(html) == []


def test_the_site_s_own_scripts_and_links_pass():
    html = page(
        '<script src="/static/admin/js/core.js"></script>'
        '<script type="importmap" nonce="abc">{"imports": {}}</script>'
        '<link rel="stylesheet" href="/static/css/site.css">'
        '<a href="https://example.org/">ailleurs</a> <a href="mailto:a@b.example">écrire</a>'
        '<img src="/media/photo.png" srcset="/media/a.webp 480w, /media/b.webp 800w" alt="">'
    )

    assert html_problems(html) == []


@pytest.mark.parametrize(
    "html",
    [
        '<script src="https://evil.example/x.js"></script>',
        '<link rel="stylesheet" href="https://evil.example/x.css">',
        '<img src="https://evil.example/pixel.gif" alt="">',
        '<form action="https://evil.example/"></form>',
        '<a href="java\tscript:alert(1)">x</a>',
        '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
        '<svg><set attributeName="href" to="javascript:alert(1)"/></svg>',
    ],
)
def test_resources_from_elsewhere_and_hidden_schemes_are_caught(html):
    assert html_problems(page(html))


def test_a_feed_summary_is_read_as_html_and_its_text_elements_as_text():
    safe = (
        b'<rss version="2.0"><channel><title>&lt;b&gt;</title><link>https://m.example/</link>'
        b"<description>&amp;lt;b&amp;gt;</description></channel></rss>"
    )
    unsafe = safe.replace(b"&amp;lt;b&amp;gt;", b"&lt;img src=x onerror=alert(1)&gt;")

    assert feed_problems(safe) == []
    assert feed_problems(unsafe)
    assert feed_problems(safe.replace(b"https://m.example/", b"javascript:alert(1)"))


def test_an_html_e_mail_part_is_inspected():
    message = EmailMultiAlternatives("Sujet", "Texte", to=["a@b.example"])
    message.attach_alternative("<p onclick=alert(1)>x</p>", "text/html")

    assert email_problems(message)
