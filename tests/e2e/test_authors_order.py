"""An editor names an article's authors in the order of the byline, with the admin's
autocomplete, and changes that order by removing one and picking them again."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from core.roles import AUTHORS
from tests.factories import make_article

from .conftest import log_in, make_staff

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def pick_author(page, typed, name):
    page.locator("#id_authors + .select2 .select2-search__field").click()
    page.keyboard.type(typed)
    page.locator(".select2-results__option", has_text=name).first.click()


def chosen(page):
    return page.locator("#id_authors + .select2 .select2-selection__choice").all_inner_texts()


def test_the_authors_keep_the_order_they_were_picked_in(page, editor, screenshot):
    alice = make_staff("alice", AUTHORS, first_name="Alice", last_name="Aubert")
    bruno = make_staff("bruno", AUTHORS, first_name="Bruno", last_name="Blanc")
    article = make_article("À deux voix", authors=[alice, bruno])
    log_in(page, editor, f"/admin/articles/article/{article.pk}/change/")
    expect(page.locator("#id_authors + .select2")).to_be_visible()

    # Named as the admin names staff, not by username. Alice, then Bruno as stored;
    # remove Alice and pick her again: she comes last.
    page.locator(
        "#id_authors + .select2 .select2-selection__choice", has_text="Alice Aubert"
    ).locator(".select2-selection__choice__remove").click()
    page.keyboard.press("Escape")
    pick_author(page, "alice", "Alice Aubert")
    assert [text.strip("×\n ") for text in chosen(page)] == ["Bruno Blanc", "Alice Aubert"]
    screenshot(page, "admin-authors-order")
    page.locator("input[name=_save]").click()

    expect(page.locator(".messagelist .success")).to_be_visible()
    assert list(Article.objects.get().ordered_authors) == [bruno, alice]
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    assert [text.strip("×\n ") for text in chosen(page)] == ["Bruno Blanc", "Alice Aubert"]
