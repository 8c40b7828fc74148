"""A reader finds an article with the header's search form, and a reader without a mouse
reaches the comment form and sends it with the keyboard alone."""

import re

import pytest
from playwright.sync_api import expect

from comments.models import Comment

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# More than any page of the fixture has links before its comment form.
MAX_TABS = 150


def focused(page):
    """What has the keyboard focus: its id, or its tag and text when it has no id."""
    return page.evaluate(
        """() => {
            const element = document.activeElement;
            return element.id || `${element.tagName.toLowerCase()}:${element.textContent.trim()}`;
        }"""
    )


def test_a_reader_searches_from_the_header_and_finds_the_article(page, magazine):
    page.goto(magazine.third.get_absolute_url())
    search = page.get_by_role("search").first.get_by_role("searchbox")
    search.fill("béton")
    search.press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?q=b%C3%A9ton$"))
    results = page.locator("main .card__title a")
    expect(results).to_have_text([magazine.lead.title])
    results.first.click()
    expect(page.locator("h1")).to_have_text(magazine.lead.title)


def test_the_keyboard_alone_reaches_and_sends_the_comment_form(page, magazine):
    article = magazine.lead
    page.goto(article.get_absolute_url())

    # The first stop is the skip link; then on through the page to the comment form.
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if focused(page) == "comment-name":
            break
    else:
        pytest.fail(f"{MAX_TABS} presses of Tab never reached the comment form")
    name = page.locator("#comment-name")
    assert name.evaluate("element => element.matches(':focus-visible')")
    assert name.evaluate("element => getComputedStyle(element).outlineStyle") != "none"

    page.keyboard.type("Alex")
    page.keyboard.press("Tab")
    expect(page.locator("#comment-email")).to_be_focused()
    page.keyboard.type("alex@lecteurs.test")
    page.keyboard.press("Tab")
    expect(page.locator("#comment-website")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#comment-body")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(page.locator("#comment-website")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.type("Tout au clavier, sans souris.")

    # Past the text, the box asking for a confirmation link (Space ticks it), then the
    # robots' trap is skipped: the privacy link, then the button.
    page.keyboard.press("Tab")
    confirm = page.locator("#comment-confirm_address")
    expect(confirm).to_be_focused()
    assert confirm.evaluate("element => getComputedStyle(element).outlineStyle") != "none"
    page.keyboard.press("Space")
    expect(confirm).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.locator(".comment-form__notice a")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#comment-form [type=submit]")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.locator(".messages")).to_be_visible()
    comment = Comment.objects.get(body="Tout au clavier, sans souris.")
    assert (comment.name, comment.email, comment.status) == (
        "Alex",
        "alex@lecteurs.test",
        Comment.Status.PENDING,
    )
    expect(page.locator(f"#comment-{comment.pk} .comment__pending")).to_be_visible()
