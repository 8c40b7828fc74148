"""Full-page screenshots of the reader site and the admin, on a desktop (1280 px) and a phone
(390 px), written to var/screenshots/ for people to look at after each run."""

from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from comments.models import Comment

from .conftest import SCREENSHOTS, log_in, rich_article

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTHS = {"desktop": 1280, "phone": 390}


def open_page(new_context, width):
    options = {"viewport": {"width": width, "height": 900}}
    if width < 600:
        options.update(viewport={"width": width, "height": 844}, is_mobile=True, has_touch=True)
    return new_context(**options).new_page()


def wait_for_images(page):
    """Every picture of the page loaded (lazy ones too, since the screenshot is full-page)."""
    page.evaluate(
        """async () => {
            for (const image of document.images) image.loading = "eager";
            await Promise.all([...document.images].map(image => image.decode().catch(() => {})));
        }"""
    )


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_screenshots_of_the_reader_site(new_context, magazine, screenshot, width):
    page = open_page(new_context, width)
    pages = {
        "home": "/",
        "article": magazine.lead.get_absolute_url(),
        "article-figures": rich_article(magazine).get_absolute_url(),
    }
    for name, url in pages.items():
        page.goto(url)
        wait_for_images(page)
        path = screenshot(page, f"{name}-{width}")
        assert path.stat().st_size > 10_000
        # Nothing wider than the screen: no sideways scrolling on a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_screenshots_of_the_admin(new_context, magazine, screenshot, width):
    Comment.objects.create(
        article=magazine.lead,
        name="Lou",
        email="lou@lecteurs.test",
        body="Et pour les ponts anciens, existe-t-il un enduit du même genre ?",
        created_at=datetime(2025, 3, 13, 9, 0, tzinfo=UTC),
    )
    page = open_page(new_context, width)
    log_in(page, magazine.editor)
    pages = {
        "admin-index": "/admin/",
        "admin-articles": "/admin/articles/article/",
        "admin-article-form": f"/admin/articles/article/{magazine.lead.pk}/change/",
        "admin-comments-queue": "/admin/comments/comment/",
    }
    for name, url in pages.items():
        page.goto(url)
        expect(page.locator("#content")).to_be_visible()
        wait_for_images(page)
        path = screenshot(page, f"{name}-{width}")
        assert path.parent == SCREENSHOTS
        assert path.stat().st_size > 10_000
