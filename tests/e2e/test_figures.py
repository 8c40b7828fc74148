"""An editor puts a picture of the media library and a video in an article's text and
publishes it; a reader sees the picture with its credit, and the video as a preview that
loads nothing from YouTube until they ask."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from articles import oembed
from articles.models import Article, ArticleBodyImage, Embed

from .conftest import EMBEDDED_VIDEO, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "Le pont de Delft en images"


def insert_picture_from_the_library(page, image):
    """The editor's picture button: a dialog whose "choose" button opens the media
    library in the admin's pop-up, where a click picks the image."""
    page.locator(".prose-menubar button[data-name=bodyFigure]").click()
    dialog = page.locator("dialog.prose-editor-dialog")
    expect(dialog).to_be_visible()
    with page.expect_popup() as opening:
        dialog.get_by_role("button", name="Choisir ou téléverser…").click()
    popup = opening.value
    # The pop-up closes itself at once: listen before the click.
    with popup.expect_event("close"):
        popup.locator(f"a[data-popup-opener='{image.pk}']").first.click()
    expect(dialog.locator("input[name=imageId]")).to_have_value(str(image.pk))
    dialog.locator("input[name=caption]").fill("Le pont à marée haute.")
    dialog.locator("button[type=submit]").click()
    expect(dialog).to_be_hidden()


def insert_video(page, url):
    page.locator(".prose-menubar button[data-name=embed]").click()
    dialog = page.locator("dialog.prose-editor-dialog")
    dialog.locator("input[name=url]").fill(url)
    dialog.locator("button[type=submit]").click()
    expect(dialog).to_be_hidden()


def test_an_editor_inserts_a_picture_and_a_video_and_a_reader_sees_them(
    page, new_context, editor, magazine, monkeypatch, screenshot
):
    monkeypatch.setattr(
        oembed, "fetch_json", lambda url: {"title": "Le pont de Delft vu du ciel"}
    )
    log_in(page, editor, "/admin/articles/article/add/")
    page.locator("#id_title").fill(TITLE)
    editor_area = page.locator("div.tiptap[contenteditable=true]")
    editor_area.click()
    page.keyboard.type("Le pont a été inauguré au printemps.")
    insert_picture_from_the_library(page, magazine.image)
    expect(editor_area.locator("figure.body-figure")).to_contain_text("Le pont à marée haute.")
    insert_video(page, EMBEDDED_VIDEO)
    expect(editor_area.locator("figure.body-embed")).to_contain_text(EMBEDDED_VIDEO)
    screenshot(page, "figures-editor")
    page.locator("#id_status").select_option("published")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    article = Article.objects.get(title=TITLE)
    assert article.is_published
    assert f'<figure data-image-id="{magazine.image.pk}" data-decorative="false">' in article.body
    assert f'<figure data-embed-url="{EMBEDDED_VIDEO}"></figure>' in article.body
    assert ArticleBodyImage.objects.filter(article=article, image=magazine.image).exists()
    assert Embed.objects.get(url=EMBEDDED_VIDEO).title == "Le pont de Delft vu du ciel"

    # A reader, on a phone: every request the page makes is recorded.
    reader = new_context(viewport={"width": 390, "height": 844}, is_mobile=True).new_page()
    requests = []
    reader.on("request", lambda request: requests.append(request.url))
    frames = []
    reader.context.route(
        "https://www.youtube-nocookie.com/**",
        lambda route: (frames.append(route.request.url), route.fulfill(
            status=200, content_type="text/html", body="<!doctype html><title>v</title>"
        )),
    )
    reader.goto(article.get_absolute_url())
    reader.wait_for_load_state("networkidle")

    body = reader.locator(".article__body")
    figure = body.locator("figure.figure")
    expect(figure.locator("img")).to_have_attribute("alt", magazine.image.alt_text)
    expect(figure.locator("figcaption")).to_contain_text("Le pont à marée haute.")
    expect(figure.locator("figcaption")).to_contain_text("Jeanne Morel / Agence Horizon")
    assert figure.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    embed = body.locator("figure.embed")
    expect(embed.locator(".embed__title")).to_have_text("Le pont de Delft vu du ciel")
    expect(embed.get_by_role("link", name="Regarder sur YouTube")).to_have_attribute(
        "href", EMBEDDED_VIDEO
    )
    expect(embed.locator("iframe")).to_have_count(0)
    site = urlsplit(reader.url).netloc
    elsewhere = [url for url in requests if urlsplit(url).netloc not in (site, "")]
    assert elsewhere == [], elsewhere
    screenshot(reader, "figures-reader-before-click")

    embed.get_by_role("button", name="Lire ici").click()

    frame = embed.locator("iframe")
    expect(frame).to_have_attribute(
        "src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    )
    expect(frame).to_have_attribute("title", "Le pont de Delft vu du ciel")
    reader.wait_for_timeout(500)
    assert frames == ["https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"]
    screenshot(reader, "figures-reader-after-click")


def test_without_javascript_the_video_is_a_plain_link(new_context, magazine):
    from .conftest import rich_article

    article = rich_article(magazine)
    page = new_context(java_script_enabled=False).new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    page.goto(article.get_absolute_url())

    embed = page.locator("figure.embed")
    expect(embed.get_by_role("link", name="Regarder sur YouTube")).to_be_visible()
    expect(embed.get_by_role("button")).to_be_hidden()
    site = urlsplit(page.url).netloc
    assert [url for url in requests if urlsplit(url).netloc != site] == []
