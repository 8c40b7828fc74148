"""An editor writes and publishes an article in the admin, as a person does: typing into the
rich-text editor, using its toolbar, uploading the picture from the article form."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "Des ponts en béton qui se réparent seuls"


def write_body(page):
    """Type a heading, a paragraph with bold words and a link, with the editor's toolbar."""
    editor = page.locator("div.tiptap[contenteditable=true]")
    toolbar = page.locator(".prose-menubar")
    editor.click()
    page.keyboard.type("Comment ça marche")
    toolbar.locator(".prose-menubar__selected").click()
    toolbar.locator("button[data-name=heading2]").click()
    expect(editor.locator("h2")).to_have_text("Comment ça marche")

    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type("Le béton ")
    toolbar.locator("button[data-name=bold]").click()
    page.keyboard.type("autocicatrisant")
    toolbar.locator("button[data-name=bold]").click()
    page.keyboard.type(" referme seul ses fissures. ")
    page.keyboard.press("Control+B")
    page.keyboard.type("Sans entretien")
    page.keyboard.press("Control+B")
    page.keyboard.type(".")

    page.keyboard.press("Enter")
    page.keyboard.type("Lire l’étude")
    # A link needs words: with none selected, the link button is disabled and does nothing.
    link_button = toolbar.locator("button[data-name=link]")
    expect(link_button).to_have_class(re.compile(r"\bdisabled\b"))
    page.keyboard.press("Shift+Home")
    # The editor learns of the selection from the browser's selectionchange event, which
    # comes after the key press.
    expect(link_button).not_to_have_class(re.compile(r"\bdisabled\b"))
    link_button.click()
    dialog = page.locator("dialog.prose-editor-dialog")
    dialog.locator("input[name=href]").fill("https://example.org/etude")
    dialog.locator("button[type=submit]").click()
    expect(dialog).to_be_hidden()
    expect(editor.locator("a[href='https://example.org/etude']")).to_have_text("Lire l’étude")
    expect(editor.locator("strong")).to_have_text(["autocicatrisant", "Sans entretien"])


def add_featured_image(page, png_path):
    """Upload the picture in the admin's pop-up, from the article form, with its alt text
    and credit; the pop-up closes and the new image is selected."""
    with page.expect_popup() as opening:
        page.locator("#add_id_featured_image").click()
    popup = opening.value
    popup.locator("#id_file").set_input_files(png_path)
    popup.locator("#id_alt_text").fill("Un pont de béton au-dessus d’une rivière.")
    popup.locator("#id_credit").fill("Jeanne Morel")
    popup.locator("#id_credit_source").fill("Agence Horizon")
    popup.locator("input[name=_save]").click()
    popup.wait_for_event("close")
    expect(page.locator("#id_featured_image")).to_have_value(re.compile(r"^\d+$"))


def test_an_editor_writes_and_publishes_an_article(page, editor, png_path, screenshot):
    log_in(page, editor, "/admin/articles/article/add/")
    page.locator("#id_title").press_sequentially(TITLE)
    expect(page.locator("#id_slug")).to_have_value("des-ponts-en-beton-qui-se-reparent-seuls")
    page.locator("#id_standfirst").fill("Des bactéries referment les fissures du béton.")
    write_body(page)
    add_featured_image(page, png_path)
    page.locator("#id_tags").fill("Sciences, Matériaux")
    page.locator("#id_sources-0-name").fill("Nature")
    page.locator("#id_sources-0-url").fill("https://www.nature.com/")
    page.locator("#id_status").select_option("published")
    page.locator("input[name=_save]").click()

    expect(page.locator(".messagelist .success")).to_be_visible()
    article = Article.objects.get(title=TITLE)
    assert article.is_published
    assert set(article.tags.names()) == {"Sciences", "Matériaux"}

    # What readers get: the article leads the front page…
    page.goto("/")
    lead = page.locator(".card--lead")
    expect(lead.get_by_role("link", name=TITLE)).to_be_visible()
    lead.get_by_role("link", name=TITLE).click()

    # … with the rich text as it was written, the picture, its credit, tags and source.
    expect(page).to_have_url(re.compile(r"/articles/des-ponts-en-beton-qui-se-reparent-seuls/$"))
    expect(page.locator("h1")).to_have_text(TITLE)
    body = page.locator(".article__body")
    expect(body.locator("h2")).to_have_text("Comment ça marche")
    expect(body.locator("strong")).to_have_text(["autocicatrisant", "Sans entretien"])
    expect(body.locator("a[href='https://example.org/etude']")).to_have_text("Lire l’étude")
    figure = page.locator(".article__figure")
    expect(figure.locator("img")).to_have_attribute(
        "alt", "Un pont de béton au-dessus d’une rivière."
    )
    expect(figure.locator("figcaption")).to_contain_text("Jeanne Morel / Agence Horizon")
    assert figure.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    expect(page.locator(".article__meta .tag")).to_have_text(["Matériaux", "Sciences"])
    expect(page.locator(".article__sources a[href='https://www.nature.com/']")).to_have_text(
        "Nature"
    )
