import re
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comments.actions import ApproveComment, MarkNotSpam, MarkSpam, RemoveComment
from comments.models import Comment, CommenterKey

from .conftest import logged_in, make_comment, make_user, post_comment

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/comments/comment/"


def moderate_url(comment):
    return reverse("admin:comments_comment_moderate", args=[comment.pk])


def view_on_site_url(comment):
    content_type = ContentType.objects.get_for_model(Comment)
    return f"/admin/r/{content_type.pk}/{comment.pk}/"


def csrf_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def comment_count_on_page(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    return int(re.search(r'class="comment-count"[^>]*>\s*(\d+)', html).group(1))


def test_the_whole_flow(article, moderator):
    """A reader posts and sees their pending comment; the public does not; a moderator
    approves it in the admin; everyone sees it, the count goes from 0 to 1; a reply
    appears under its parent."""
    reader, public = Client(), Client()
    response = post_comment(reader, article, body="Le béton auto-réparant, enfin !")
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert "Le béton auto-réparant, enfin !" in reader.get(response["Location"]).content.decode()
    assert "Le béton auto-réparant, enfin !" not in public.get(
        article.get_absolute_url()
    ).content.decode()
    assert comment_count_on_page(public, article) == 0

    # The moderator opens the queue and presses the row's approve button (a POST
    # carrying the list's CSRF token, sent to the button's formaction).
    admin = logged_in(moderator, enforce_csrf_checks=True)
    queue = admin.get(CHANGELIST).content.decode()
    assert "Le béton auto-réparant" in queue
    button = re.search(r'formaction="([^"]+)" formmethod="post" name="operation" value="approve"',
                       queue)
    action_url = button.group(1).replace("&amp;", "&")
    assert action_url.startswith(moderate_url(comment))
    response = admin.post(
        action_url, {"operation": "approve", "csrfmiddlewaretoken": csrf_token(queue)}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.moderated_by == moderator

    html = public.get(article.get_absolute_url()).content.decode()
    assert "Le béton auto-réparant, enfin !" in html
    assert comment_count_on_page(public, article) == 1

    # A reply, approved in turn, sits in its parent's list of replies.
    response = post_comment(reader, article, parent=str(comment.pk), body="Et la durabilité ?",
                            name="Sam", email="sam@lecteurs.test")
    reply = Comment.objects.get(parent=comment)
    ApproveComment(reply, moderator).execute()
    html = public.get(article.get_absolute_url()).content.decode()
    parent_item = html[html.index(f'id="comment-{comment.pk}"') :]
    replies = parent_item[parent_item.index("comment-list--replies") :]
    assert f'id="comment-{reply.pk}"' in replies[: replies.index("</ol>")]
    assert comment_count_on_page(public, article) == 2


class TestQueue:
    def test_opens_on_pending_comments_newest_first(self, article, moderator_client):
        make_comment(article, body="Déjà approuvé")
        make_comment(article, body="Ancien en attente", status=Comment.Status.PENDING,
                     created_at=timezone.now() - timedelta(hours=3))
        make_comment(article, body="Récent en attente", status=Comment.Status.PENDING)
        html = moderator_client.get(CHANGELIST).content.decode()
        assert "Déjà approuvé" not in html
        assert html.index("Récent en attente") < html.index("Ancien en attente")

    def test_shows_what_a_moderator_needs(self, article, moderator_client):
        make_comment(article, status=Comment.Status.SPAM, spam_signals=["honeypot"],
                     email="robot@pub.test", ip_address="203.0.113.9", body="Achetez !")
        html = moderator_client.get(f"{CHANGELIST}?status=spam").content.decode()
        for expected in (article.title, "Achetez", "Camille", "robot@pub.test", "203.0.113.9"):
            assert expected in html
        assert "column-signals_column" in html and "column-created_at" in html

    def test_all_statuses_filter(self, article, moderator_client):
        make_comment(article, body="Approuvé visible")
        html = moderator_client.get(f"{CHANGELIST}?status=all").content.decode()
        assert "Approuvé visible" in html

    def test_search_by_ip_address_and_by_text(self, article, moderator_client):
        make_comment(article, status=Comment.Status.PENDING, ip_address="192.0.2.200",
                     body="Trouvé par IP")
        make_comment(article, status=Comment.Status.PENDING, body="Autre")
        html = moderator_client.get(f"{CHANGELIST}?q=192.0.2.200").content.decode()
        assert "Trouvé par IP" in html and ">Autre<" not in html
        assert moderator_client.get(f"{CHANGELIST}?q=pas-une-ip").status_code == 200

    def test_pending_count_on_the_admin_index(self, article, moderator_client):
        for _ in range(3):
            make_comment(article, status=Comment.Status.PENDING)
        make_comment(article)
        html = moderator_client.get("/admin/").content.decode()
        notice = html[html.index('id="comments-pending"') :]
        assert re.search(r">\s*3 ", notice[:600])
        assert f"{CHANGELIST}?status=pending" in notice

    def test_no_adding_comments_in_the_admin(self, moderator_client):
        assert moderator_client.get(f"{CHANGELIST}add/").status_code == 403

    def test_the_change_page_has_moderation_buttons(self, article, moderator_client):
        comment = make_comment(article, status=Comment.Status.PENDING)
        html = moderator_client.get(f"{CHANGELIST}{comment.pk}/change/").content.decode()
        assert 'name="operation" value="approve"' in html
        assert 'name="operation" value="spam"' in html


class TestModerateView:
    def test_get_changes_nothing(self, article, moderator_client):
        comment = make_comment(article, status=Comment.Status.PENDING)
        response = moderator_client.get(moderate_url(comment) + "?operation=approve")
        assert response.status_code == 405
        comment.refresh_from_db()
        assert comment.status == Comment.Status.PENDING

    def test_needs_the_csrf_token(self, article, moderator):
        comment = make_comment(article, status=Comment.Status.PENDING)
        admin = logged_in(moderator, enforce_csrf_checks=True)
        assert admin.post(moderate_url(comment), {"operation": "approve"}).status_code == 403
        comment.refresh_from_db()
        assert comment.status == Comment.Status.PENDING

    def test_unknown_operation(self, article, moderator_client):
        comment = make_comment(article, status=Comment.Status.PENDING)
        assert moderator_client.post(moderate_url(comment), {"operation": "x"}).status_code == 400

    def test_unknown_comment(self, moderator_client):
        response = moderator_client.post("/admin/comments/comment/999/moderate/",
                                         {"operation": "approve"})
        assert response.status_code in (302, 404)

    def test_goes_back_only_to_this_site(self, article, moderator_client):
        comment = make_comment(article, status=Comment.Status.PENDING)
        response = moderator_client.post(
            moderate_url(comment) + "?next=https://evil.test/", {"operation": "spam"}
        )
        assert response["Location"] == CHANGELIST


class TestBulkActions:
    def run(self, client, action, comments):
        return client.post(
            CHANGELIST + "?status=all",
            {"action": action, "_selected_action": [comment.pk for comment in comments]},
        )

    def test_approve(self, article, moderator, moderator_client):
        comments = [make_comment(article, status=Comment.Status.PENDING) for _ in range(2)]
        assert self.run(moderator_client, "approve_selected", comments).status_code == 302
        for comment in comments:
            comment.refresh_from_db()
            assert comment.status == Comment.Status.APPROVED
            assert comment.moderated_by == moderator
            assert comment.moderated_at is not None
        assert LogEntry.objects.filter(change_message="Approved.").count() == 2

    def test_mark_as_spam(self, article, moderator_client):
        comment = make_comment(article)
        self.run(moderator_client, "mark_spam_selected", [comment])
        comment.refresh_from_db()
        assert comment.status == Comment.Status.SPAM

    def test_mark_as_not_spam_goes_back_to_pending(self, article, moderator_client):
        comment = make_comment(article, status=Comment.Status.SPAM, spam_signals=["too_fast"])
        untouched = make_comment(article, status=Comment.Status.PENDING)
        self.run(moderator_client, "mark_not_spam_selected", [comment, untouched])
        comment.refresh_from_db()
        untouched.refresh_from_db()
        assert comment.status == Comment.Status.PENDING
        assert untouched.status == Comment.Status.PENDING and untouched.moderated_by is None

    def test_mark_as_not_spam_approves_a_trusted_commenters_comment(
        self, article, moderator_client
    ):
        key, _secret = CommenterKey.issue("lou@lecteurs.test")
        make_comment(article, name="Lou", email="lou@lecteurs.test", commenter_key=key)
        comment = make_comment(article, name="Lou", email="lou@lecteurs.test",
                               status=Comment.Status.SPAM, commenter_key=key)
        self.run(moderator_client, "mark_not_spam_selected", [comment])
        comment.refresh_from_db()
        assert comment.status == Comment.Status.APPROVED

    def test_mark_as_not_spam_leaves_the_same_name_and_email_from_elsewhere_pending(
        self, article, moderator_client
    ):
        key, _secret = CommenterKey.issue("lou@lecteurs.test")
        make_comment(article, name="Lou", email="lou@lecteurs.test", commenter_key=key)
        comment = make_comment(article, name="Lou", email="lou@lecteurs.test",
                               status=Comment.Status.SPAM)
        self.run(moderator_client, "mark_not_spam_selected", [comment])
        comment.refresh_from_db()
        assert comment.status == Comment.Status.PENDING

    def test_remove(self, article, moderator_client, client):
        comment = make_comment(article, body="À retirer")
        self.run(moderator_client, "remove_selected", [comment])
        comment.refresh_from_db()
        assert comment.status == Comment.Status.REMOVED
        assert "À retirer" not in client.get(article.get_absolute_url()).content.decode()


class TestRoles:
    def test_a_moderator_can_moderate_but_not_touch_articles(self, article, moderator):
        assert moderator.has_perm("comments.moderate_comment")
        for codename in ("add_article", "change_article", "delete_article", "publish_article"):
            assert not moderator.has_perm(f"articles.{codename}")
        client = logged_in(moderator)
        assert client.get("/admin/articles/article/add/").status_code == 403
        assert client.get(f"/admin/articles/article/{article.pk}/change/").status_code in (
            403, 302,
        )
        assert client.post(f"/admin/articles/article/{article.pk}/delete/",
                           {"post": "yes"}).status_code == 403
        assert Article.objects.filter(pk=article.pk).exists()

    def test_an_editor_can_moderate(self, article, editor):
        comment = make_comment(article, status=Comment.Status.PENDING)
        ApproveComment(comment, editor).execute()
        assert logged_in(editor).get(CHANGELIST).status_code == 200

    def test_an_author_cannot_moderate(self, article, author):
        comment = make_comment(article, status=Comment.Status.PENDING)
        for action in (ApproveComment, MarkSpam, RemoveComment):
            with pytest.raises(PermissionDenied):
                action(comment, author).execute()
        client = logged_in(author)
        assert client.get(CHANGELIST).status_code == 403
        assert client.post(moderate_url(comment), {"operation": "approve"}).status_code == 403
        comment.refresh_from_db()
        assert comment.status == Comment.Status.PENDING

    def test_anonymous_visitors_are_sent_to_the_login(self, article):
        comment = make_comment(article, status=Comment.Status.PENDING)
        response = Client().post(moderate_url(comment), {"operation": "approve"})
        assert response.status_code == 302 and "/login/" in response["Location"]
        comment.refresh_from_db()
        assert comment.status == Comment.Status.PENDING

    def test_a_staff_user_without_the_permission(self, article):
        comment = make_comment(article, status=Comment.Status.PENDING)
        nobody = make_user("personne")
        with pytest.raises(PermissionDenied):
            ApproveComment(comment, nobody).execute()


class TestUnpublishedArticles:
    """Comments stay with an article taken off the site; its title and address are told only
    to whom may open it."""

    @pytest.fixture
    def withdrawn(self, article):
        comment = make_comment(article, status=Comment.Status.PENDING, body="Avant le retrait.")
        article.status = Article.Status.REVIEW
        article.save()
        return comment

    def test_a_moderator_reads_the_comment_not_the_article_title(self, withdrawn, moderator):
        client = logged_in(moderator)

        for url in [CHANGELIST, f"{CHANGELIST}{withdrawn.pk}/change/"]:
            page = client.get(url).content.decode()
            assert "Avant le retrait." in page
            assert withdrawn.article.title not in page
            assert withdrawn.article.slug not in page
            assert "Un article non publié" in page

    def test_an_editor_reads_the_title_and_reaches_the_article_in_the_admin(
        self, withdrawn, editor
    ):
        page = logged_in(editor).get(f"{CHANGELIST}{withdrawn.pk}/change/").content.decode()

        assert withdrawn.article.title in page
        assert f"/admin/articles/article/{withdrawn.article.pk}/change/" in page
        assert withdrawn.article.get_absolute_url() not in page

    def test_the_view_on_site_link_leads_only_to_comments_readers_see(
        self, article, withdrawn, editor
    ):
        approved = make_comment(article)
        client = logged_in(editor)

        assert client.get(view_on_site_url(withdrawn)).status_code == 404
        article.status = Article.Status.PUBLISHED
        article.save()
        assert client.get(view_on_site_url(withdrawn)).status_code == 404  # still pending
        response = client.get(view_on_site_url(approved))
        assert response.status_code == 302
        assert response["Location"] == approved.get_absolute_url()


class TestActions:
    def test_not_spam_only_applies_to_spam(self, article, moderator):
        with pytest.raises(ValidationError):
            MarkNotSpam(make_comment(article), moderator).execute()

    def test_each_decision_is_logged(self, article, moderator):
        comment = make_comment(article, status=Comment.Status.PENDING)
        MarkSpam(comment, moderator).execute()
        entry = LogEntry.objects.get()
        assert entry.user == moderator
        assert entry.object_id == str(comment.pk)
        assert entry.change_message == "Marked as spam."

    def test_an_approved_comment_appears_at_once(self, article, moderator, client):
        comment = make_comment(article, status=Comment.Status.PENDING, body="Tout de suite")
        ApproveComment(comment, moderator).execute()
        assert "Tout de suite" in client.get(article.get_absolute_url()).content.decode()
