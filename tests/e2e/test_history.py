"""An editor restores an earlier version of an article from its history: the page says what
will change, one button restores it."""

import pytest
from playwright.sync_api import expect
from reversion.models import Version

from articles.actions import SaveArticle
from articles.models import Article
from tests.factories import make_article

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_an_editor_restores_an_earlier_version(page, editor, screenshot):
    article = make_article("Le premier titre", authors=[editor], status=Article.Status.DRAFT)
    SaveArticle(article, editor).execute()
    article.title = "Un second titre"
    article.body = "<p>Un texte tout neuf.</p>"
    SaveArticle(article, editor).execute()
    assert Version.objects.get_for_object(article).count() == 2

    log_in(page, editor, f"/admin/articles/article/{article.pk}/history/")
    # The newest first: the oldest version is the last row.
    page.locator("#change-history th[scope=row] a").last.click()

    expect(page.locator(".version-diff")).to_contain_text("premier")
    expect(page.locator(".version-diff del").first).to_be_visible()
    screenshot(page, "admin-restore-version")
    page.locator(".submit-row input[type=submit]").click()

    expect(page.locator(".messagelist .success")).to_be_visible()
    assert Article.objects.get().title == "Le premier titre"
