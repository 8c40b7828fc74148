"""A reader's comment goes through moderation and back: posted, seen pending by its writer
only, approved in the admin's queue, then shown to everyone; a reply lands under it."""

import re

import pytest
from playwright.sync_api import expect

from comments.models import Comment

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

QUEUE_URL = "/admin/comments/comment/"


def post_comment(page, *, name, email, text):
    form = page.locator("#comment-form")
    form.locator("#comment-name").fill(name)
    form.locator("#comment-email").fill(email)
    form.locator("#comment-body").fill(text)
    form.locator("[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    return Comment.objects.get(body=text)


def approve_in_queue(page, comment):
    """The moderator opens the queue (pending comments first) and approves this one."""
    page.goto(QUEUE_URL)
    row = page.locator("#result_list tbody tr").filter(has_text=comment.excerpt)
    expect(row).to_have_count(1)
    row.locator("button[name=operation][value=approve]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    expect(page.locator("#result_list tbody tr").filter(has_text=comment.excerpt)).to_have_count(0)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


def count_link(page):
    return page.locator(".article__meta .comment-count")


def test_a_comment_and_its_reply_go_through_moderation(new_context, magazine, moderator):
    article = magazine.third  # no comment yet
    reader = new_context().new_page()
    reader.goto(article.get_absolute_url())
    expect(count_link(reader)).to_have_text(re.compile(r"^\s*0\b"))

    comment = post_comment(
        reader,
        name="Lou",
        email="lou@lecteurs.test",
        text="Enfin ! Le dimanche est le seul jour où je peux y aller.",
    )

    # The writer sees it, marked as waiting; the count does not change; others see nothing.
    shown = reader.locator(f"#comment-{comment.pk}")
    expect(shown).to_have_class(re.compile(r"\bcomment--pending\b"))
    expect(shown.locator(".comment__pending")).to_be_visible()
    expect(shown.locator(".comment__body")).to_contain_text("le seul jour")
    expect(count_link(reader)).to_have_text(re.compile(r"^\s*0\b"))
    stranger = new_context().new_page()
    stranger.goto(article.get_absolute_url())
    expect(stranger.locator(f"#comment-{comment.pk}")).to_have_count(0)

    moderator_page = new_context().new_page()
    log_in(moderator_page, moderator, QUEUE_URL)
    approve_in_queue(moderator_page, comment)

    reader.reload()
    expect(shown).not_to_have_class(re.compile(r"\bcomment--pending\b"))
    expect(shown.locator(".comment__pending")).to_have_count(0)
    expect(count_link(reader)).to_have_text(re.compile(r"^\s*1\b"))
    stranger.reload()
    expect(stranger.locator(f"#comment-{comment.pk} .comment__body")).to_contain_text(
        "le seul jour"
    )

    # Someone else answers with the comment's own reply link.
    stranger.locator(f"#comment-{comment.pk} .comment__reply").click()
    expect(stranger.locator("#comment-form-heading")).to_contain_text("Lou")
    reply = post_comment(
        stranger,
        name="Sam",
        email="sam@lecteurs.test",
        text="Pareil pour moi, et le soir en semaine aussi.",
    )
    assert reply.parent_id == comment.pk
    nested = stranger.locator(f"#comment-{comment.pk} .comment-list--replies #comment-{reply.pk}")
    expect(nested).to_have_class(re.compile(r"\bcomment--pending\b"))

    approve_in_queue(moderator_page, reply)

    reader.reload()
    nested = reader.locator(f"#comment-{comment.pk} .comment-list--replies #comment-{reply.pk}")
    expect(nested.locator(".comment__body")).to_contain_text("le soir en semaine")
    expect(nested).not_to_have_class(re.compile(r"\bcomment--pending\b"))
    expect(count_link(reader)).to_have_text(re.compile(r"^\s*2\b"))


def test_a_second_browser_cannot_post_as_a_trusted_commenter(new_context, magazine, moderator):
    """Lou's own browser becomes trusted once a moderator approved a comment sent from it;
    another browser typing Lou's name and address still goes through moderation."""
    article = magazine.third
    mine = new_context().new_page()
    mine.goto(article.get_absolute_url())
    first = post_comment(
        mine, name="Lou", email="lou@lecteurs.test", text="Un premier avis, à modérer."
    )
    assert first.status == Comment.Status.PENDING
    moderator_page = new_context().new_page()
    log_in(moderator_page, moderator, QUEUE_URL)
    approve_in_queue(moderator_page, first)

    # The key lives in an HttpOnly, SameSite=Lax cookie sent only to the comment addresses.
    keys = [cookie for cookie in mine.context.cookies() if cookie["name"].startswith("commenter")]
    assert {cookie["path"] for cookie in keys} == {"/commentaires/", "/en/commentaires/"}
    assert all(cookie["httpOnly"] and cookie["sameSite"] == "Lax" for cookie in keys)
    shown = mine.goto(article.get_absolute_url())
    sent = shown.request.all_headers().get("cookie", "")
    assert "owncomments" in sent and "commenter" not in sent

    second = post_comment(
        mine, name="Lou", email="lou@lecteurs.test", text="Un deuxième avis, publié aussitôt."
    )
    assert second.status == Comment.Status.APPROVED
    expect(mine.locator(f"#comment-{second.pk}")).not_to_have_class(
        re.compile(r"\bcomment--pending\b")
    )

    impostor = new_context().new_page()
    answer = impostor.goto(article.get_absolute_url())
    assert impostor.context.cookies() == []
    assert "cookie" not in (answer.headers.get("vary") or "").lower()
    third = post_comment(
        impostor, name="Lou", email="LOU@lecteurs.test", text="Je me fais passer pour Lou."
    )
    assert third.status == Comment.Status.PENDING
    expect(impostor.locator(f"#comment-{third.pk}")).to_have_class(
        re.compile(r"\bcomment--pending\b")
    )
    stranger = new_context().new_page()
    stranger.goto(article.get_absolute_url())
    expect(stranger.locator(f"#comment-{third.pk}")).to_have_count(0)
    expect(stranger.locator(f"#comment-{second.pk}")).to_have_count(1)


def test_readers_of_one_cached_copy_each_get_a_token_when_they_start_writing(
    new_context, magazine, live_server
):
    """A shared cache hands every reader the same page, hence the same form token, which
    posts only once: the page's script asks for a token of the reader's own."""
    article = magazine.third
    address = f"{live_server.url}{article.get_absolute_url()}"
    first = new_context().new_page()
    cached_copy = first.goto(address).text()
    second = new_context().new_page()
    second.route(
        address,
        lambda route: route.fulfill(
            status=200, content_type="text/html; charset=utf-8", body=cached_copy
        ),
    )
    second.goto(address)
    shared = first.locator("#comment-form input[name=timestamp]").input_value()
    assert second.locator("#comment-form input[name=timestamp]").input_value() == shared

    for number, page in enumerate((first, second)):
        token = page.locator("#comment-form input[name=timestamp]")
        with page.expect_request("**/jeton/") as asked:
            page.locator("#comment-name").focus()
        assert "cookie" not in asked.value.all_headers()
        expect(token).not_to_have_value(shared)
        comment = post_comment(
            page, name=f"Lecteur {number}", email=f"lecteur{number}@lecteurs.test",
            text=f"Lu sur la même copie, lecteur {number}.",
        )
        assert comment.status == Comment.Status.PENDING
    assert Comment.objects.filter(body__startswith="Lu sur la même copie").count() == 2
