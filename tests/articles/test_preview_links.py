"""Preview links: someone without an account reads a draft until the link expires or is
revoked; only whoever may change the article makes or revokes one, from the admin or code."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from articles.actions import RevokePreviewLink, SharePreview
from articles.models import Article, PreviewLink
from core.roles import AUTHORS, EDITORS, MODERATORS
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

DRAFT_TITLE = "Enquête sur les marchés publics, version pour relecture"


@pytest.fixture
def author():
    return make_user("plume", AUTHORS)


@pytest.fixture
def draft(author):
    return make_article(DRAFT_TITLE, authors=[author], status=Article.Status.DRAFT)


def share_url(article):
    return reverse("admin:articles_article_share", args=[article.pk])


def test_a_reader_without_an_account_reads_the_draft_through_the_link(client, draft, author):
    link = SharePreview(draft, author, label="notre avocate").execute()

    response = client.get(link.get_absolute_url())

    assert response.status_code == 200
    content = response.content.decode()
    assert DRAFT_TITLE in content
    assert "not published" in content or "pas publié" in content
    assert '<meta name="robots" content="noindex' in content
    assert response["X-Robots-Tag"] == "noindex, nofollow, noarchive"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert not response.cookies
    link.refresh_from_db()
    assert link.view_count == 1 and link.last_viewed_at is not None


def test_the_link_shows_the_article_as_it_stands_when_opened(client, draft, author):
    link = SharePreview(draft, author).execute()
    draft.title = "Un titre revu après la relecture"
    draft.save()

    page = client.get(link.get_absolute_url()).content.decode()
    assert "Un titre revu après la relecture" in page


def test_a_revoked_link_stops_working_at_once(client, draft, author):
    link = SharePreview(draft, author).execute()
    assert client.get(link.get_absolute_url()).status_code == 200

    RevokePreviewLink(link, author).execute()

    response = client.get(link.get_absolute_url())
    assert response.status_code == 404
    assert DRAFT_TITLE not in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_an_expired_link_no_longer_works(client, draft, author):
    link = SharePreview(draft, author, lifetime=PreviewLink.Lifetime.DAY).execute()
    PreviewLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    response = client.get(link.get_absolute_url())

    assert response.status_code == 404
    assert DRAFT_TITLE not in response.content.decode()


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # signature changed
        lambda token: token.replace(token.split(".", 1)[0], "999999", 1),  # another row
        lambda token: "garbage",
        lambda token: "1.x:" + "a" * 40,
    ],
)
def test_a_forged_or_mangled_token_opens_nothing(client, draft, author, mangle):
    link = SharePreview(draft, author).execute()

    response = client.get(reverse("articles:shared_preview", args=[mangle(link.token)]))

    assert response.status_code == 404
    assert DRAFT_TITLE not in response.content.decode()


def test_deleting_the_article_closes_its_links(client, draft, author):
    link = SharePreview(draft, author).execute()
    url = link.get_absolute_url()
    draft.delete()

    assert client.get(url).status_code == 404


def test_robots_txt_keeps_crawlers_away_from_preview_links(client, draft, author):
    link = SharePreview(draft, author).execute()
    disallowed = [
        line.split(":", 1)[1].strip()
        for line in client.get("/robots.txt").content.decode().splitlines()
        if line.startswith("Disallow:")
    ]
    assert any(link.get_absolute_url().startswith(prefix) for prefix in disallowed)


# Who may share: whoever may change the article, on every path.


def test_another_author_may_not_share_or_revoke_from_code(draft, author):
    stranger = make_user("autre-plume", AUTHORS)
    with pytest.raises(PermissionDenied):
        SharePreview(draft, stranger).execute()
    link = SharePreview(draft, author).execute()
    with pytest.raises(PermissionDenied):
        RevokePreviewLink(link, stranger).execute()
    assert PreviewLink.objects.active().count() == 1


def test_a_moderator_may_not_share(draft):
    with pytest.raises(PermissionDenied):
        SharePreview(draft, make_user("moderatrice", MODERATORS)).execute()


def test_an_unknown_lifetime_is_refused(draft, author):
    with pytest.raises(ValidationError):
        SharePreview(draft, author, lifetime=365).execute()


def test_the_author_shares_and_revokes_through_the_admin(client, draft, author):
    client.force_login(author)
    page = client.get(reverse("admin:articles_article_change", args=[draft.pk]))
    assert share_url(draft) in page.content.decode()

    response = client.post(
        share_url(draft), {"share": "1", "label": "Source au ministère", "lifetime": "3"}
    )

    assert response.status_code == 302
    link = PreviewLink.objects.get()
    assert link.created_by == author and link.label == "Source au ministère"
    assert timedelta(days=2, hours=23) < link.expires_at - timezone.now() <= timedelta(days=3)
    listing = client.get(share_url(draft)).content.decode()
    assert "http://testserver" + link.get_absolute_url() in listing
    assert LogEntry.objects.filter(
        object_id=str(draft.pk), change_message="Shared a preview link."
    ).exists()

    client.post(share_url(draft), {"revoke": str(link.pk)})

    link.refresh_from_db()
    assert link.revoked_by == author and not link.is_active
    assert client.get(link.get_absolute_url()).status_code == 404


def test_the_share_page_is_closed_to_whoever_may_not_change_the_article(client, draft, author):
    link = SharePreview(draft, author).execute()
    for user in (make_user("autre-plume", AUTHORS), make_user("moderatrice", MODERATORS)):
        client.force_login(user)
        page = client.get(share_url(draft))
        assert page.status_code in (403, 404)
        assert DRAFT_TITLE not in page.content.decode()
        assert link.token not in page.content.decode()
        client.post(share_url(draft), {"share": "1", "lifetime": "7"})
        client.post(share_url(draft), {"revoke": str(link.pk)})
    assert PreviewLink.objects.count() == 1
    assert PreviewLink.objects.get().is_active


def test_an_editor_may_share_anyones_article(client, draft):
    editor = make_user("redactrice", EDITORS)
    client.force_login(editor)

    client.post(share_url(draft), {"share": "1", "lifetime": "1"})

    assert PreviewLink.objects.get().created_by == editor


def test_bad_input_on_the_share_page_gets_a_clear_answer(client, draft, author):
    client.force_login(author)
    response = client.post(share_url(draft), {"share": "1", "lifetime": "99"})
    assert response.status_code == 200
    assert PreviewLink.objects.count() == 0
    for junk in ("abc", "999999", ""):
        response = client.post(share_url(draft), {"revoke": junk}, follow=True)
        assert response.status_code == 200
    # A link of another article cannot be revoked through this one's page.
    other = make_article("Autre brouillon", authors=[author], status=Article.Status.DRAFT)
    foreign = SharePreview(other, author).execute()
    client.post(share_url(draft), {"revoke": str(foreign.pk)})
    foreign.refresh_from_db()
    assert foreign.is_active


def test_the_share_page_of_an_unknown_article_is_a_404(client, author):
    client.force_login(author)
    assert client.get(reverse("admin:articles_article_share", args=[999999])).status_code == 404
