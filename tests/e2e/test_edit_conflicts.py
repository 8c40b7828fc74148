"""Two editors open the same article in two browsers: the second is told the first is there;
the first saves; the second's save is refused with the difference, and nothing is lost."""

import pytest
from playwright.sync_api import expect

from articles.actions import SaveArticle
from articles.models import Article
from core.roles import EDITORS
from tests.factories import make_article

from .conftest import log_in, make_staff

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_second_save_is_refused_with_the_other_changes(
    page, new_context, editor, screenshot
):
    louise = make_staff("louise", EDITORS, first_name="Louise", last_name="Weiss")
    article = make_article(
        "Le budget de la ville en 2027", authors=[editor], status=Article.Status.DRAFT
    )
    SaveArticle(article, editor).execute()
    url = f"/admin/articles/article/{article.pk}/change/"

    log_in(page, editor, url)
    other = new_context().new_page()
    log_in(other, louise, url)
    expect(other.locator(".presence__notice")).to_contain_text("Édith Piaf")

    page.locator("#id_title").fill("Le budget de la ville en 2027 : les chiffres")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    other.locator("#id_title").fill("Budget 2027 : ce qui change")
    other.locator("input[name=_continue]").click()
    conflict = other.locator(".edit-conflict")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text("Édith Piaf")
    expect(conflict.locator(".version-diff__text")).to_contain_text("chiffres")
    # Nothing typed was lost: it is still in the form.
    expect(other.locator("#id_title")).to_have_value("Budget 2027 : ce qui change")
    screenshot(other, "admin-edit-conflict")
    assert Article.objects.get().title == "Le budget de la ville en 2027 : les chiffres"

    other.locator(".edit-conflict input[value=mine]").first.check()
    other.locator("input[name=conflict_merge]").click()
    expect(other.locator(".messagelist .success")).to_be_visible()
    assert Article.objects.get().title == "Budget 2027 : ce qui change"
