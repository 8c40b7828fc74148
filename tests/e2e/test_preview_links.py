"""An author shares a draft with someone without an account, who reads it in another
browser; once the author revokes the link, the other browser reads nothing more."""

import pytest
from playwright.sync_api import expect

from articles.models import Article, PreviewLink
from tests.factories import make_article

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_shared_preview_works_until_it_is_revoked(page, new_context, author, screenshot):
    article = make_article(
        "Le brouillon que lira notre avocate", authors=[author], status=Article.Status.DRAFT
    )

    log_in(page, author, f"/admin/articles/article/{article.pk}/change/")
    page.get_by_role("link", name="Partager un aperçu").click()
    page.get_by_label("Partagé avec").fill("Maître Durand")
    page.get_by_label("Fonctionne pendant").select_option("1")
    page.get_by_role("button", name="Créer le lien").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    address = page.locator(".preview-links input[readonly]").input_value()
    screenshot(page, "admin-share-preview")

    stranger = new_context().new_page()
    stranger.goto(address)
    expect(stranger.get_by_role("heading", level=1)).to_have_text(
        "Le brouillon que lira notre avocate"
    )
    expect(stranger.locator(".preview-banner")).to_be_visible()
    screenshot(stranger, "shared-preview")

    page.get_by_role("button", name="Révoquer").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert not PreviewLink.objects.get().is_active

    stranger.reload()
    expect(stranger.get_by_role("heading", level=1)).to_have_text(
        "Ce lien d’aperçu ne fonctionne pas"
    )
    assert "Le brouillon que lira notre avocate" not in stranger.content()
