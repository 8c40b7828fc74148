"""The admin keeps working under the site's strict Content-Security-Policy: the rich-text
editor, the slug and tag-suggestion scripts, the focal-point picker, the history pages. The
browser reports every violation; there must be none."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article, Image

from .conftest import assert_no_violations, log_in
from .test_editor import write_body

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

def test_the_article_editor_works_under_the_policy(watched_page, editor):
    from articles.models import Tag

    Tag.objects.create(name="Sciences", slug="sciences")
    Tag.objects.create(name="Société", slug="societe")
    page = watched_page
    log_in(page, editor, "/admin/articles/article/add/")
    assert "script-src 'self' 'nonce-" in page.evaluate(
        "fetch(location.href).then(r => r.headers.get('content-security-policy'))"
    )

    # The slug script (slug-french.js, with the admin's prepopulate).
    page.locator("#id_title").press_sequentially("Un cœur de béton")
    expect(page.locator("#id_slug")).to_have_value("un-coeur-de-beton")
    # The rich-text editor: typing, bold, a link through its dialog.
    write_body(page)
    # Tag suggestions complete the tag after the last comma.
    page.locator("#id_tags").press_sequentially("Sciences, So")
    suggestions = page.locator("#id_tags_suggestions option")
    expect(suggestions).to_have_count(1)
    assert suggestions.first.get_attribute("value") == "Sciences, Société"
    page.locator("#id_tags").fill("Sciences, Société")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    article = Article.objects.get()
    assert re.search(r"<strong>\s?autocicatrisant</strong>", article.body)
    assert 'href="https://example.org/etude"' in article.body
    assert sorted(article.tags.names()) == ["Sciences", "Société"]
    assert_no_violations(page)

    # A second version, then the history and the comparison of the two.
    page.locator("#id_standfirst").fill("Un chapeau ajouté ensuite.")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    page.goto(f"/admin/articles/article/{article.pk}/history/")
    page.locator("input[type=submit]").click()
    expect(page.locator("table.version-diff")).to_contain_text("Un chapeau ajouté ensuite.")
    assert_no_violations(page)


def test_the_focal_point_picker_works_under_the_policy(watched_page, editor, png_path):
    page = watched_page
    log_in(page, editor, "/admin/articles/image/add/")
    page.locator("#id_file").set_input_files(png_path)
    page.locator("#id_alt_text").fill("Un pont au lever du jour.")
    page.locator("#id_credit").fill("Jeanne Morel")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    picker = page.locator("[data-focal-point-picker]")
    expect(picker).to_be_visible()
    box = picker.locator("img").bounding_box()
    picker.locator("img").click(position={"x": box["width"] * 0.25, "y": box["height"] * 0.75})
    expect(page.locator('input[data-focal-point="x"]')).to_have_value(re.compile(r"^0\.2[45]\d$"))
    expect(page.locator('input[data-focal-point="y"]')).to_have_value(re.compile(r"^0\.7[45]\d$"))
    # The marker moved there (a style set by the script, which the policy allows).
    marker_left = picker.locator(".focal-point-picker__marker").evaluate("m => m.style.left")
    assert marker_left.startswith("2")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    image = Image.objects.get()
    assert 0.24 <= image.focal_point_x <= 0.26 and 0.74 <= image.focal_point_y <= 0.76
    assert_no_violations(page)


def test_a_blocked_inline_script_is_reported(watched_page, live_server):
    # The watcher itself can fail: an inline script injected into a page is blocked and seen.
    page = watched_page
    page.goto(f"{live_server.url}/")
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__ran = true";
          document.body.append(script);
        }"""
    )

    assert page.evaluate("window.__ran === undefined")
    found = page.violations()
    assert any("script-src" in problem for problem in found), found
