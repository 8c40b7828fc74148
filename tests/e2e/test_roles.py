"""An author writes and hands the article to the editors, who cannot be bypassed: the author
is offered no way to publish. An editor reviews the article and publishes it."""

import pytest
from playwright.sync_api import expect

from articles.models import Article

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "Les bibliothèques ouvrent le dimanche"
ADD_URL = "/admin/articles/article/add/"
LIST_URL = "/admin/articles/article/"


def test_an_author_submits_and_an_editor_publishes(new_context, author, editor):
    page = new_context().new_page()
    log_in(page, author, ADD_URL)

    # Publishing is not on offer: neither in the status menu…
    status = page.locator("#id_status")
    expect(status.locator("option")).to_have_count(2)
    assert status.locator("option").evaluate_all("options => options.map(o => o.value)") == [
        "draft",
        "review",
    ]
    page.locator("#id_title").press_sequentially(TITLE)
    page.locator("div.tiptap[contenteditable=true]").click()
    page.keyboard.type("Trois villes testent l’ouverture dominicale de leurs médiathèques.")
    status.select_option("review")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    article = Article.objects.get(title=TITLE)
    assert article.status == Article.Status.REVIEW
    assert list(article.authors.all()) == [author]

    # … nor among the bulk actions of the list.
    page.goto(LIST_URL)
    actions = page.locator("select[name=action] option")
    expect(actions.first).to_be_attached()
    assert "publish_selected" not in actions.evaluate_all("options => options.map(o => o.value)")

    # Readers do not see it yet.
    reader = new_context().new_page()
    reader.goto("/")
    expect(reader.get_by_role("link", name=TITLE)).to_have_count(0)

    # An editor finds it waiting for review, reads it, and publishes it.
    page = new_context().new_page()
    log_in(page, editor, f"{LIST_URL}?status__exact=review")
    assert "publish_selected" in page.locator("select[name=action] option").evaluate_all(
        "options => options.map(o => o.value)"
    )
    page.get_by_role("link", name=TITLE).click()
    expect(page.locator("div.tiptap[contenteditable=true]")).to_contain_text("Trois villes testent")
    page.locator("#id_status").select_option("published")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    article.refresh_from_db()
    assert article.is_published

    reader.goto("/")
    expect(reader.get_by_role("link", name=TITLE)).to_be_visible()
