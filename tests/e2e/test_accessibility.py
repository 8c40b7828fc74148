"""axe-core finds no serious nor critical violation on any reader page, in the light and in
the dark colour scheme (the site follows the reader's system setting)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .conftest import error_pages, rich_article, serious_axe_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

STYLED = """() => [...document.styleSheets].some(
    sheet => sheet.href && sheet.href.endsWith("/site.css") && sheet.cssRules.length > 0
)"""


def reader_addresses(magazine):
    lead = magazine.lead
    return {
        "article with a picture, a video, a table and a pull quote": (
            rich_article(magazine).get_absolute_url()
        ),
        "home": "/",
        "home in English": "/en/",
        "article": lead.get_absolute_url(),
        "article, replying to a comment": (
            f"{lead.get_absolute_url()}?reply_to={magazine.comment.pk}#comment-form"
        ),
        "article without image": magazine.third.get_absolute_url(),
        "tag": magazine.sciences.get_absolute_url(),
        "author": reverse("articles:author", args=["albert-londres"]),
        "search with results": "/search/?q=béton",
        "search without results": "/search/?q=zeppelin",
        "search form": "/search/",
        "month archive": "/2025/03/",
        "year archive": "/2025/",
        "404": "/cette-page-n-existe-pas/",
        "400": "/auteurs/%00/",
        "page (comment data)": "/confidentialite-commentaires/",
    }


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_violation_on_reader_pages(magazine, new_context, settings, scheme):
    page = new_context(color_scheme=scheme).new_page()
    found = {}
    for name, url in reader_addresses(magazine).items():
        page.goto(url)
        violations = serious_axe_violations(page)
        if violations:
            found[name] = violations
    # Pages that only a POST or a failure shows, loaded at the site's address so that their
    # stylesheet applies.
    page.goto("/")
    for name, html in error_pages(magazine, settings).items():
        page.set_content(html)
        assert page.evaluate(STYLED), f"{name}: the stylesheet did not load"
        violations = serious_axe_violations(page)
        if violations:
            found[name] = violations

    assert found == {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_violation_on_a_comment_form_sent_with_errors(magazine, new_context, scheme):
    page = new_context(color_scheme=scheme).new_page()
    page.goto(magazine.lead.get_absolute_url())
    form = page.locator("#comment-form")
    # The server's own messages, not the browser's: skip the browser's checks.
    form.evaluate("form => form.noValidate = true")
    page.locator("#comment-email").fill("pas-une-adresse")
    form.locator("[type=submit]").click()
    expect(page.locator("#comment-errors")).to_be_visible()

    assert serious_axe_violations(page) == []


def test_the_colour_scheme_reaches_the_page(magazine, new_context):
    """The dark run above would be a second light run if the setting never got through."""
    backgrounds = {}
    for scheme in ("light", "dark"):
        page = new_context(color_scheme=scheme).new_page()
        page.goto("/")
        backgrounds[scheme] = page.evaluate("getComputedStyle(document.body).backgroundColor")

    assert backgrounds["light"] != backgrounds["dark"]


def test_axe_reports_violations(page):
    """The checks above would pass on anything if axe never reported a thing."""
    page.set_content(
        '<!doctype html><html lang="fr"><title>Essai</title><body><main>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        '<p style="color: #bbb; background: #fff">Un texte pâle.</p></main></body></html>'
    )

    found = " ".join(serious_axe_violations(page))

    assert "image-alt (critical)" in found
    assert "color-contrast (serious)" in found


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_violation_on_the_admin_dashboard(magazine, new_context, moderator, scheme):
    from .conftest import log_in
    from .test_validity import desk_with_work

    desk_with_work(magazine)
    found = {}
    for role, user in (("editor", magazine.editor), ("author", magazine.author),
                       ("moderator", moderator)):
        page = new_context(color_scheme=scheme).new_page()
        log_in(page, user)
        expect(page.locator(".desk")).to_be_visible()
        violations = serious_axe_violations(page)
        if violations:
            found[role] = violations

    assert found == {}
