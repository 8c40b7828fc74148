"""Commenters' personal data: export, erasure, IP clean-up, and what the page never shows."""

import json
import re
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.admin.models import LogEntry
from django.core.management import CommandError, call_command
from django.utils import timezone

from comments.actions import MarkSpam
from comments.models import Comment

from .conftest import logged_in, make_article, make_comment

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/comments/comment/"


@pytest.fixture
def commenter_comments(article):
    other_article = make_article("Un autre sujet")
    first = make_comment(article, name="Lou", email="lou@lecteurs.test", body="Premier avis",
                         website="https://lou.example", user_agent="Firefox")
    second = make_comment(other_article, name="Lou", email="LOU@lecteurs.test",
                          body="Second avis", status=Comment.Status.PENDING)
    someone_else = make_comment(article, name="Max", email="max@lecteurs.test",
                                body="Réponse de Max", parent=first)
    return first, second, someone_else


def run(command, *args):
    out = StringIO()
    call_command(command, *args, stdout=out, stderr=StringIO())
    return out.getvalue()


class TestExport:
    def test_every_comment_of_the_address_whatever_its_case(self, commenter_comments):
        first, second, _ = commenter_comments
        data = json.loads(run("export_comments", "--email", "Lou@Lecteurs.test"))
        assert data["email"] == "Lou@Lecteurs.test"
        exported = {item["id"]: item for item in data["comments"]}
        assert set(exported) == {first.pk, second.pk}
        item = exported[first.pk]
        assert item["comment"] == "Premier avis"
        assert item["website"] == "https://lou.example"
        assert item["ip_address"] == "198.51.100.7"
        assert item["user_agent"] == "Firefox"
        assert item["article_url"] == first.article.get_absolute_url()
        assert exported[second.pk]["status"] == "pending"

    def test_to_a_file(self, commenter_comments, tmp_path):
        target = tmp_path / "export.json"
        run("export_comments", "--email", "lou@lecteurs.test", "--output", str(target))
        assert len(json.loads(target.read_text(encoding="utf-8"))["comments"]) == 2

    def test_an_unknown_address_exports_nothing(self, commenter_comments):
        assert json.loads(run("export_comments", "--email", "x@y.test"))["comments"] == []

    def test_admin_action(self, commenter_comments, moderator_client):
        first, _, someone_else = commenter_comments
        response = moderator_client.post(
            CHANGELIST + "?status=all",
            {"action": "export_personal_data", "_selected_action": [first.pk, someone_else.pk]},
        )
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/json")
        assert "attachment" in response["Content-Disposition"]
        exports = json.loads(response.content)["exports"]
        assert {export["email"] for export in exports} == {"lou@lecteurs.test", "max@lecteurs.test"}
        lou = next(export for export in exports if export["email"] == "lou@lecteurs.test")
        assert len(lou["comments"]) == 2


class TestErase:
    def test_anonymize_by_default(self, commenter_comments):
        first, second, someone_else = commenter_comments
        assert "2 comment(s)" in run("erase_comments", "--email", "lou@lecteurs.test")
        for comment in (first, second):
            comment.refresh_from_db()
            assert comment.name == "Anonyme"
            assert comment.email == "" and comment.website == ""
            assert comment.ip_address is None and comment.user_agent == ""
        assert first.body == "Premier avis"  # The conversation stays readable.
        someone_else.refresh_from_db()
        assert someone_else.email == "max@lecteurs.test"
        assert someone_else.parent == first
        assert Comment.objects.by_email("lou@lecteurs.test").count() == 0

    def test_delete_mode(self, commenter_comments, moderator):
        first, second, someone_else = commenter_comments
        MarkSpam(first, moderator).execute()
        run("erase_comments", "--email", "lou@lecteurs.test", "--mode", "delete")
        assert not Comment.objects.filter(pk__in=[first.pk, second.pk]).exists()
        someone_else.refresh_from_db()
        assert someone_else.parent is None  # Another person's reply is kept.
        assert not LogEntry.objects.filter(object_id=str(first.pk)).exists()

    def test_the_default_mode_is_a_setting(self, commenter_comments, settings):
        settings.COMMENTS_ERASE_MODE = "delete"
        run("erase_comments", "--email", "lou@lecteurs.test")
        assert Comment.objects.count() == 1

    def test_a_bad_mode_is_refused(self, commenter_comments, settings):
        settings.COMMENTS_ERASE_MODE = "shred"
        with pytest.raises(CommandError):
            run("erase_comments", "--email", "lou@lecteurs.test")
        assert Comment.objects.count() == 3

    def test_admin_action_asks_first(self, commenter_comments, moderator_client):
        first, second, someone_else = commenter_comments
        data = {"action": "erase_personal_data", "_selected_action": [first.pk]}
        response = moderator_client.post(CHANGELIST + "?status=all", data)
        assert response.status_code == 200
        html = response.content.decode()
        assert "lou@lecteurs.test" in html
        assert 'name="confirm" value="yes"' in html
        assert Comment.objects.by_email("lou@lecteurs.test").count() == 2

        response = moderator_client.post(
            CHANGELIST + "?status=all", {**data, "confirm": "yes", "mode": "delete"}
        )
        assert response.status_code == 302
        assert list(Comment.objects.all()) == [someone_else]

    def test_admin_action_needs_the_delete_permission(self, commenter_comments, moderator):
        from django.contrib.auth.models import Permission

        moderator.groups.clear()
        moderator.user_permissions.add(
            *Permission.objects.filter(codename__in=["view_comment", "moderate_comment"])
        )
        client = logged_in(moderator)
        response = client.post(
            CHANGELIST + "?status=all",
            {"action": "erase_personal_data", "_selected_action": [commenter_comments[0].pk],
             "confirm": "yes"},
        )
        assert response.status_code in (200, 302)
        assert Comment.objects.by_email("lou@lecteurs.test").count() == 2


class TestIpCleanUp:
    def test_clears_old_ip_addresses_and_user_agents_only(self, article):
        old = make_comment(article, created_at=timezone.now() - timedelta(days=91),
                           user_agent="Firefox")
        recent = make_comment(article, created_at=timezone.now() - timedelta(days=10),
                              user_agent="Firefox")
        assert "1 comment(s)" in run("purge_comment_ip_data")
        old.refresh_from_db()
        recent.refresh_from_db()
        assert old.ip_address is None and old.user_agent == ""
        assert old.body and old.email  # Only the technical data goes.
        assert recent.ip_address == "198.51.100.7" and recent.user_agent == "Firefox"

    def test_safe_to_run_daily(self, article):
        make_comment(article, created_at=timezone.now() - timedelta(days=100))
        assert "1 comment(s)" in run("purge_comment_ip_data")
        assert "0 comment(s)" in run("purge_comment_ip_data")

    def test_the_retention_is_a_setting_and_an_option(self, article, settings):
        make_comment(article, created_at=timezone.now() - timedelta(days=20))
        settings.COMMENTS_IP_RETENTION_DAYS = 30
        assert "0 comment(s)" in run("purge_comment_ip_data")
        assert "1 comment(s)" in run("purge_comment_ip_data", "--days", "7")

    def test_negative_days_are_refused(self):
        with pytest.raises(CommandError):
            run("purge_comment_ip_data", "--days", "-1")


def test_the_page_never_shows_email_nor_ip_address(client, article):
    make_comment(article, email="secret@lecteurs.test", ip_address="192.0.2.99",
                 user_agent="MonNavigateur/1.0")
    html = client.get(article.get_absolute_url()).content.decode()
    for private in ("secret@lecteurs.test", "192.0.2.99", "MonNavigateur"):
        assert private not in html


def test_email_addresses_in_a_body_are_not_turned_into_links(client, article):
    make_comment(article, body="Écrivez à quelqu.un@exemple.test")
    html = client.get(article.get_absolute_url()).content.decode()
    assert not re.search(r'href="mailto:', html[html.index('id="comments"') :])
