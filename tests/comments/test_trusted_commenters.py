"""Auto-approval needs a proof of the address from the commenter's browser: the key of a
browser whose comment a moderator approved, or one confirmed by the e-mailed link. The same
name and e-mail typed in another browser land in moderation."""

import re

import pytest
from django.test import Client

from comments.actions import ApproveComment, EraseCommenterData, MarkNotSpam, PostComment
from comments.commenters import confirmation_token, cookie_places
from comments.models import Comment, CommenterKey
from comments.privacy import export_comments

from .conftest import hand_key, make_comment, post_comment, trusted_browser

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https://magazine\.test(/commentaires/confirmer/[^/\s]+/)")


def posted(client, article, **overrides):
    response = post_comment(client, article, **overrides)
    assert response.status_code == 302, response.content.decode()[:300]
    return Comment.objects.latest("pk")


class TestBrowserKey:
    def test_a_browser_is_trusted_once_a_moderator_approved_its_comment(
        self, client, article, moderator
    ):
        first = posted(client, article, body="Mon premier avis")
        assert first.status == Comment.Status.PENDING
        assert posted(client, article, body="Encore en attente").status == "pending"
        ApproveComment(first, moderator).execute()

        assert posted(client, article, body="Publié tout de suite").status == "approved"

    def test_a_second_browser_with_the_same_name_and_email_waits(self, article, moderator):
        mine = Client()
        ApproveComment(posted(mine, article, body="Avis approuvé"), moderator).execute()

        impostor = Client()
        comment = posted(
            impostor, article, body="Je me fais passer", email="DOMINIQUE@lecteurs.test"
        )
        assert comment.status == Comment.Status.PENDING
        assert posted(mine, article, body="Toujours moi").status == Comment.Status.APPROVED

    def test_the_key_is_bound_to_its_address(self, client, article):
        trusted_browser(client, article)
        assert posted(client, article, email="autre@lecteurs.test").status == "pending"

    def test_a_forged_or_tampered_cookie_proves_nothing(self, article):
        key = trusted_browser(Client(), article)
        for value in ("x", f'{{"k": {key.pk}}}', "eyJrIjoxLCJzIjoieCJ9:1a2b3c:forged"):
            client = Client()
            for name, _path in cookie_places():
                client.cookies[name] = value
            assert posted(client, article, body=f"Essai {value}").status == "pending"

    def test_the_right_key_with_a_wrong_secret_proves_nothing(self, client, article):
        key = trusted_browser(Client(), article)
        hand_key(client, key, "not-the-secret")
        assert posted(client, article).status == Comment.Status.PENDING

    def test_the_cookie_is_httponly_lax_secure_and_only_for_comment_addresses(
        self, client, article, settings
    ):
        settings.COMMENTS_KEY_COOKIE_SECURE = True
        response = post_comment(client, article)
        paths = {}
        for name, path in cookie_places():
            cookie = response.cookies[name]
            paths[name] = cookie["path"]
            assert cookie["httponly"] is True
            assert cookie["secure"] is True
            assert cookie["samesite"] == "Lax"
            assert int(cookie["max-age"]) == 365 * 24 * 3600
            assert path == cookie["path"]
        assert sorted(paths.values()) == ["/commentaires/", "/en/commentaires/"]
        # Not a reader page's cookie: the article's address is outside both paths.
        assert not any(article.get_absolute_url().startswith(path) for path in paths.values())

    def test_a_browser_that_already_holds_the_key_is_not_given_another(self, client, article):
        post_comment(client, article)
        response = post_comment(client, article, body="Deuxième")
        assert not {name for name, _path in cookie_places()} & set(response.cookies)
        assert CommenterKey.objects.count() == 1
        assert Comment.objects.filter(commenter_key__isnull=False).count() == 2


class TestEmailedLink:
    @pytest.fixture(autouse=True)
    def _mail_on_commit(self, on_commit):
        self.on_commit = on_commit

    def post(self, client, article, **overrides):
        """Post, then send what the post queued once it commits, as a real request does."""
        return self.on_commit(post_comment, client, article, **overrides)

    def confirm_link(self, mailoutbox):
        (message,) = mailoutbox
        assert message.to == ["dominique@lecteurs.test"]
        return LINK.search(message.body).group(1)

    def test_asking_for_it_sends_a_link_in_french(self, client, article, mailoutbox):
        response = self.post(client, article, confirm_address="on")
        html = client.get(response["Location"]).content.decode()
        assert "confirmer votre adresse" in html
        message = [m for m in mailoutbox if m.to == ["dominique@lecteurs.test"]]
        assert len(message) == 1
        assert "Confirmez votre adresse" in message[0].subject
        body = message[0].body
        assert "Bonjour Dominique,\n\nVous avez commenté « Des ponts en béton" in body
        assert "Le lien fonctionne pendant 3 jours." in body
        assert "ignorez ce message" in body
        assert LINK.search(message[0].body)

    def test_the_link_trusts_the_browser_that_opens_it(self, article, settings, mailoutbox):
        settings.COMMENTS_NOTIFY_MODERATORS = False
        make_comment(article, name="Dominique", email="dominique@lecteurs.test")
        self.post(Client(), article, confirm_address="on", body="Depuis mon ordinateur")
        path = self.confirm_link(mailoutbox)

        phone = Client()
        page = phone.get(path)
        assert page.status_code == 200
        assert "dominique@lecteurs.test" in page.content.decode()
        assert not page.cookies  # Following the link alone confirms nothing.
        assert posted(phone, article, body="Pas encore").status == Comment.Status.PENDING

        phone = Client()
        confirmed = phone.post(path)
        assert confirmed.status_code == 200
        assert set(confirmed.cookies) == {name for name, _path in cookie_places()}
        assert posted(phone, article, body="Depuis mon téléphone").status == "approved"

    def test_a_confirmed_address_still_needs_an_approved_comment(
        self, article, settings, mailoutbox
    ):
        settings.COMMENTS_NOTIFY_MODERATORS = False
        client = Client()
        self.post(client, article, confirm_address="on", body="Premier avis")
        client.post(self.confirm_link(mailoutbox))
        assert posted(client, article, body="Second avis").status == Comment.Status.PENDING

    def test_one_message_per_address_per_interval(self, client, article, settings, mailoutbox):
        settings.COMMENTS_NOTIFY_MODERATORS = False
        self.post(client, article, confirm_address="on", body="Un")
        self.post(Client(), article, confirm_address="on", body="Deux")
        assert len(mailoutbox) == 1

    def test_nothing_is_sent_without_asking_or_for_spam(self, client, article, settings,
                                                         mailoutbox):
        settings.COMMENTS_NOTIFY_MODERATORS = False
        self.post(client, article, body="Sans demander")
        self.post(client, article, confirm_address="on", topic="robot", body="Robot")
        assert mailoutbox == []

    def test_a_tampered_or_revoked_link_is_refused_kindly(self, client, article, mailoutbox,
                                                          settings):
        settings.COMMENTS_NOTIFY_MODERATORS = False
        self.post(client, article, confirm_address="on")
        path = self.confirm_link(mailoutbox)
        tampered = path.replace(path.split("/")[-2], path.split("/")[-2][:-3] + "abc")
        response = Client().get(tampered)
        assert response.status_code == 400
        assert 'class="wrap error-page"' in response.content.decode()

        EraseCommenterData("dominique@lecteurs.test").execute()
        assert Client().post(path).status_code == 400

    def test_another_sites_page_cannot_confirm(self, client, article):
        key, secret = CommenterKey.issue("dominique@lecteurs.test", CommenterKey.Origin.EMAIL)
        path = f"/commentaires/confirmer/{confirmation_token(key, secret)}/"
        response = Client(HTTP_ORIGIN="https://evil.example").post(path)
        assert response.status_code == 403
        key.refresh_from_db()
        assert key.verified_at is None


class TestRevocation:
    def test_erasing_the_commenters_data_revokes_every_browser(self, client, article):
        key = trusted_browser(client, article)
        EraseCommenterData("dominique@lecteurs.test").execute()
        assert not CommenterKey.objects.filter(pk=key.pk).exists()
        make_comment(article, name="Dominique", email="dominique@lecteurs.test")
        assert posted(client, article).status == Comment.Status.PENDING


    def test_the_export_lists_the_keys_without_their_secrets(self, client, article):
        key = trusted_browser(client, article)
        key.confirm()
        exported = export_comments("Dominique@lecteurs.test")
        (listed,) = exported["commenter_keys"]
        assert listed["origin"] == "browser" and listed["address_confirmed_at"]
        assert key.secret_hash not in str(exported)


class TestFromCode:
    """The rule lives in the action: code posting a comment meets it too."""

    def post(self, article, **kwargs):
        return PostComment(
            article, name="Dominique", email="dominique@lecteurs.test",
            body=f"Par le code {Comment.objects.count()}", issued_at=0, **kwargs
        ).execute()

    def test_no_proof_waits(self, article):
        make_comment(article, name="Dominique", email="dominique@lecteurs.test")
        assert self.post(article).status == Comment.Status.PENDING

    def test_a_proving_key_is_approved(self, article):
        key = trusted_browser(Client(), article)
        assert self.post(article, commenter_key=key).status == Comment.Status.APPROVED

    def test_a_confirmed_key_with_an_earlier_approved_comment_is_approved(self, article):
        make_comment(article, name="Dominique", email="dominique@lecteurs.test")
        key, _secret = CommenterKey.issue("dominique@lecteurs.test", CommenterKey.Origin.EMAIL)
        assert self.post(article, commenter_key=key).status == Comment.Status.PENDING
        key.confirm()
        assert self.post(article, commenter_key=key).status == Comment.Status.APPROVED

    def test_a_key_for_another_address_is_ignored(self, article):
        key = trusted_browser(Client(), article, email="autre@lecteurs.test")
        make_comment(article, name="Dominique", email="dominique@lecteurs.test")
        comment = self.post(article, commenter_key=key)
        assert comment.status == Comment.Status.PENDING
        assert comment.commenter_key is None

    def test_rescuing_from_spam_follows_the_same_rule(self, article, moderator):
        key = trusted_browser(Client(), article)
        proven = make_comment(article, name="Dominique", email="dominique@lecteurs.test",
                              status=Comment.Status.SPAM, commenter_key=key)
        unproven = make_comment(article, name="Dominique", email="dominique@lecteurs.test",
                                status=Comment.Status.SPAM)
        assert MarkNotSpam(proven, moderator).execute().status == Comment.Status.APPROVED
        assert MarkNotSpam(unproven, moderator).execute().status == Comment.Status.PENDING
