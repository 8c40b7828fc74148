"""The editorial desk in a browser: an author submits an article, the editor finds it on
the dashboard and in their mailbox; the article list fits a 1280-pixel screen."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article, Image, WritingMethod
from tests.factories import make_article

from .conftest import assert_no_violations, log_in, png_bytes

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "Les bibliothèques ouvrent le dimanche"


@pytest.fixture(autouse=True)
def _mailbox(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []


def test_an_author_submits_and_the_editor_sees_it_on_the_dashboard(
    new_context, author, editor, screenshot
):
    page = new_context().new_page()
    log_in(page, author, "/admin/articles/article/add/")
    page.locator("#id_title").press_sequentially(TITLE)
    page.locator("div.tiptap[contenteditable=true]").click()
    page.keyboard.type("Trois villes testent l’ouverture dominicale de leurs médiathèques.")
    page.locator("#id_status").select_option("review")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    article = Article.objects.get(title=TITLE)

    # The editor's mailbox…
    (message,) = [message for message in mail.outbox if editor.email in message.to]
    assert TITLE in message.subject
    assert f"/admin/articles/article/{article.pk}/change/" in message.body

    # … and dashboard, one click from the article.
    editor_page = new_context().new_page()
    log_in(editor_page, editor)
    waiting = editor_page.locator("#awaiting-review")
    expect(waiting).to_contain_text("Albert Londres")
    screenshot(editor_page, "dashboard-editor")
    waiting.get_by_role("link", name=TITLE).click()
    expect(editor_page.locator("#id_title")).to_have_value(TITLE)


def test_the_article_list_fits_a_1280_pixel_screen(new_context, editor, author, screenshot):
    image = Image.objects.create(
        file=ContentFile(png_bytes(), name="pont.png"), alt_text="Un pont.", credit="J. Morel"
    )
    for number in range(6):
        make_article(
            f"Un titre assez long pour occuper deux lignes dans la liste, numéro {number}",
            authors=[author, editor],
            tags=["Sciences", "Société", "Intelligence artificielle"],
            status=[Article.Status.DRAFT, Article.Status.REVIEW, Article.Status.PUBLISHED][
                number % 3
            ],
            published_at=timezone.now() - timedelta(days=number) if number % 3 == 2 else None,
            writing_method=WritingMethod.AI_GENERATED if number % 2 else WritingMethod.HUMAN,
            ai_system="Modèle de langue, version 4.1 du 12 mars" if number % 2 else "",
            featured_image=image if number % 3 else None,
        )
    for scheme in ("light", "dark"):
        page = new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme).new_page()
        log_in(page, editor, "/admin/articles/article/")
        screenshot(page, f"article-list-1280-{scheme}")

        # Nothing wider than the window, no column scrolled out of sight under the filters,
        # and each cell's content within its cell.
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
        assert page.evaluate(
            "(() => { const r = document.querySelector('#changelist .results');"
            " return r.scrollWidth <= r.clientWidth; })()"
        )
        table = page.locator("#result_list").bounding_box()
        filters = page.locator("#changelist-filter").bounding_box()
        assert table["x"] + table["width"] <= filters["x"]
        overflowing = page.evaluate(
            """() => [...document.querySelectorAll('#result_list th, #result_list td')]
                .filter(cell => cell.scrollWidth > cell.clientWidth + 1)
                .map(cell => cell.className)"""
        )
        assert overflowing == []
        for column in ("title", "status_and_links", "tag_names", "author_names",
                       "provenance_and_review", "published_at", "featured_thumbnail"):
            expect(page.locator(f"#result_list th.column-{column}")).to_be_visible()


def test_a_note_is_added_without_losing_what_was_typed(watched_page, editor, author, screenshot):
    article = make_article("Le pont", authors=[author], status=Article.Status.DRAFT)
    page = watched_page
    log_in(page, editor, f"/admin/articles/article/{article.pk}/change/")
    page.locator("#id_title").fill("Le pont, titre pas encore enregistré")

    page.locator("#id_note_anchor").fill("Le pont")
    page.locator("#id_note_text").fill("Un titre plus précis ?")
    page.locator("#notes input[type=submit]").click()

    note = page.locator("#notes .article-note")
    expect(note).to_contain_text("Un titre plus précis ?")
    expect(page.locator("#notes [role=status]")).not_to_be_empty()
    expect(page.locator("#id_title")).to_have_value("Le pont, titre pas encore enregistré")
    assert Article.objects.get(pk=article.pk).title == "Le pont"

    note.get_by_role("button", name="Marquer comme résolue").click()
    expect(page.locator("#notes .article-note--resolved")).to_have_count(1)
    expect(page.locator("#id_title")).to_have_value("Le pont, titre pas encore enregistré")
    assert_no_violations(page)
    page.locator("#id_note_text").fill("Et la photo ?")
    page.locator("#notes input[type=submit]").click()
    expect(page.locator("#notes .article-note")).to_have_count(2)
    page.locator("#notes").scroll_into_view_if_needed()
    screenshot(page, "article-notes")
