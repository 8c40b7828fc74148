"""Each spam defense: one test that trips it, one that does not. A caught comment is
stored as spam with its signals, and its author is told the same as anyone else."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from comments.actions import ApproveComment, MarkNotSpam, MarkSpam
from comments.models import BlocklistEntry, Comment

from .conftest import make_article, make_comment, post_comment, trusted_browser
from .fakes import RecordingAkismet

pytestmark = pytest.mark.django_db


@pytest.fixture
def akismet_calls():
    RecordingAkismet.calls.clear()
    yield RecordingAkismet.calls
    RecordingAkismet.calls.clear()


def posted(client, article, **overrides):
    response = post_comment(client, article, **overrides)
    assert response.status_code == 302, response.content.decode()[:500]
    return Comment.objects.latest("pk")


def assert_caught(comment, signal):
    assert comment.status == Comment.Status.SPAM
    assert signal in comment.spam_signals


def assert_through(comment):
    assert comment.status == Comment.Status.PENDING
    assert comment.spam_signals == []


def test_a_caught_comment_looks_the_same_to_its_author(client, article):
    """Nothing tells a robot it was caught; a person sees their comment, as pending."""
    response = post_comment(client, article, topic="http://pub.test", body="Mon message piégé")
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "modération" in html
    assert "Mon message piégé" in html
    assert "Mon message piégé" not in Client().get(article.get_absolute_url()).content.decode()


class TestHoneypot:
    def test_trips(self, client, article):
        assert_caught(posted(client, article, topic="je suis un robot"), "honeypot")

    def test_empty_passes(self, client, article):
        assert_through(posted(client, article, topic=""))

    def test_can_be_turned_off(self, client, article, settings):
        settings.COMMENTS_SPAM_CHECKS = ["timing", "links", "blocklist", "duplicate"]
        assert_through(posted(client, article, topic="rempli"))


class TestTiming:
    def test_too_fast_trips(self, client, article):
        assert_caught(posted(client, article, seconds_ago=1), "too_fast")

    def test_a_human_pace_passes(self, client, article):
        assert_through(posted(client, article, seconds_ago=4))

    def test_missing_or_forged_timestamp_trips(self, client, article):
        assert_caught(posted(client, article, timestamp=None), "timestamp_invalid")
        assert_caught(
            posted(client, article, timestamp="eyJhIjoxLCJ0IjoxfQ:forged:sig", body="Autre"),
            "timestamp_invalid",
        )

    def test_a_timestamp_of_another_article_trips(self, client, article):
        other = make_article("Autre")
        from comments.forms import make_timestamp

        token = make_timestamp(other, timezone.now().timestamp() - 60)
        assert_caught(posted(client, article, timestamp=token), "timestamp_invalid")

    def test_the_minimum_is_a_setting(self, client, article, settings):
        settings.COMMENTS_MIN_SUBMIT_SECONDS = 120
        assert_caught(posted(client, article, seconds_ago=60), "too_fast")


class TestRateLimit:
    def test_per_ip_address_trips_with_a_429_page(self, client, article, settings):
        settings.COMMENTS_RATE_LIMIT_PER_IP = 3
        settings.COMMENTS_RATE_LIMIT_PER_EMAIL = 0
        for number in range(3):
            posted(client, article, body=f"Message {number}", email=f"p{number}@lecteurs.test")
        response = post_comment(client, article, body="Le texte à ne pas perdre")
        assert response.status_code == 429
        assert response["Retry-After"] == "600"
        html = response.content.decode()
        assert "429" in html
        assert "Le texte à ne pas perdre" in html  # Given back to be copied.
        assert Comment.objects.count() == 3

    def test_another_ip_address_passes(self, client, article, settings):
        settings.COMMENTS_RATE_LIMIT_PER_IP = 2
        settings.COMMENTS_RATE_LIMIT_PER_EMAIL = 0
        for number in range(2):
            posted(client, article, body=f"Message {number}", REMOTE_ADDR="192.0.2.1")
        assert_through(posted(client, article, body="Depuis ailleurs", REMOTE_ADDR="192.0.2.2"))

    def test_per_email_trips_whatever_the_address(self, client, article, settings):
        settings.COMMENTS_RATE_LIMIT_PER_IP = 0
        settings.COMMENTS_RATE_LIMIT_PER_EMAIL = 2
        for number in range(2):
            posted(client, article, body=f"M{number}", REMOTE_ADDR=f"192.0.2.{number + 1}")
        response = post_comment(
            client, article, body="M3", email="DOMINIQUE@lecteurs.test", REMOTE_ADDR="192.0.2.9"
        )
        assert response.status_code == 429
        assert Comment.objects.count() == 2

    def test_another_email_passes(self, client, article, settings):
        settings.COMMENTS_RATE_LIMIT_PER_IP = 0
        settings.COMMENTS_RATE_LIMIT_PER_EMAIL = 1
        posted(client, article, body="Premier")
        assert_through(posted(client, article, body="Second", email="autre@lecteurs.test"))

    def test_zero_turns_the_limits_off(self, client, article, settings):
        settings.COMMENTS_RATE_LIMIT_PER_IP = 0
        settings.COMMENTS_RATE_LIMIT_PER_EMAIL = 0
        settings.COMMENTS_SPAM_CHECKS = []
        for number in range(30):
            posted(client, article, body=f"Message {number}")

    def test_the_window_passes(self, client, article, settings, monkeypatch):
        settings.COMMENTS_RATE_LIMIT_PER_IP = 1
        posted(client, article, body="Premier")
        assert post_comment(client, article, body="Second").status_code == 429
        import core.ratelimit

        later = core.ratelimit.time.time() + 601
        monkeypatch.setattr(core.ratelimit.time, "time", lambda: later)
        assert post_comment(client, article, body="Plus tard").status_code == 302

    def test_the_cache_never_holds_the_address(self, client, article):
        from django.core.cache import cache

        posted(client, article, REMOTE_ADDR="192.0.2.77")
        keys = list(cache._cache.keys())
        assert keys and not any("192.0.2.77" in key or "dominique" in key for key in keys)


class TestLinks:
    def test_too_many_links_trip(self, client, article):
        body = "Voyez https://a.test, https://b.test et www.c.test"
        assert_caught(posted(client, article, body=body), "too_many_links")

    def test_a_few_links_pass(self, client, article):
        assert_through(posted(client, article, body="Ma source : https://a.test et https://b.test"))

    def test_the_maximum_is_a_setting(self, client, article, settings):
        settings.COMMENTS_MAX_LINKS = 0
        assert_caught(posted(client, article, body="Voir https://a.test"), "too_many_links")


class TestBlocklist:
    def test_a_word_trips(self, client, article):
        BlocklistEntry.objects.create(kind="word", value="viagra")
        assert_caught(posted(client, article, body="Achetez du VIAGRA ici"), "blocklist_word")

    def test_a_word_in_the_name_trips(self, client, article):
        BlocklistEntry.objects.create(kind="word", value="casino")
        assert_caught(posted(client, article, name="Casino Royal"), "blocklist_word")

    def test_an_email_address_trips(self, client, article):
        BlocklistEntry.objects.create(kind="email", value="dominique@lecteurs.test")
        assert_caught(posted(client, article), "blocklist_email")

    def test_a_domain_trips(self, client, article):
        BlocklistEntry.objects.create(kind="email", value="@lecteurs.test")
        assert_caught(posted(client, article), "blocklist_email")

    def test_an_ip_network_trips(self, client, article):
        BlocklistEntry.objects.create(kind="ip", value="203.0.113.0/24")
        assert_caught(posted(client, article, REMOTE_ADDR="203.0.113.50"), "blocklist_ip")

    def test_nothing_listed_passes(self, client, article):
        BlocklistEntry.objects.create(kind="word", value="casino")
        BlocklistEntry.objects.create(kind="email", value="@pub.test")
        BlocklistEntry.objects.create(kind="ip", value="203.0.113.0/24")
        assert_through(
            posted(client, article, body="Un occasionnel avis", REMOTE_ADDR="198.51.100.1")
        )

    def test_entries_are_editable_in_the_admin(self, moderator_client):
        response = moderator_client.post(
            "/admin/comments/blocklistentry/add/",
            {"kind": "ip", "value": "pas une IP", "note": ""},
        )
        assert response.status_code == 200
        assert not BlocklistEntry.objects.exists()
        response = moderator_client.post(
            "/admin/comments/blocklistentry/add/",
            {"kind": "email", "value": "@Pub.test", "note": "Vague de pub"},
        )
        assert response.status_code == 302
        assert BlocklistEntry.objects.get().value == "@pub.test"


class TestDuplicates:
    def test_the_same_text_again_trips(self, client, article):
        assert_through(posted(client, article, body="Texte identique"))
        other = make_article("Autre article")
        duplicate = posted(client, other, body="Texte identique", email="x@lecteurs.test")
        assert_caught(duplicate, "duplicate")

    def test_a_different_text_passes(self, client, article):
        posted(client, article, body="Premier texte")
        assert_through(posted(client, article, body="Second texte"))

    def test_an_old_duplicate_passes(self, client, article):
        make_comment(article, body="Texte ancien", created_at=timezone.now() - timedelta(days=2))
        assert_through(posted(client, article, body="Texte ancien"))

    def test_other_spaces_or_capitals_do_not_make_another_text(self, client, article):
        posted(client, article, body="Achetez   nos montres\nsuisses")
        again = posted(client, article, body="ACHETEZ nos montres suisses", email="y@spam.test")
        assert_caught(again, "duplicate")

    def test_a_text_edited_by_a_moderator_is_compared_as_edited(self, client, article):
        comment = make_comment(article, body="Avant correction")
        comment.body = "Après correction"
        comment.save(update_fields=["body"])
        assert_through(posted(client, article, body="Avant correction"))
        assert_caught(posted(client, article, body="Après correction", email="z@l.test"),
                      "duplicate")

    def test_the_check_is_an_index_lookup_not_a_scan_of_the_texts(self, article):
        from django.db import connection

        from comments.models import body_fingerprint

        since = timezone.now() - timedelta(hours=24)
        query = Comment.objects.filter(
            body_hash=body_fingerprint("Un texte"), created_at__gte=since
        )
        # The body itself is never compared: the stored fingerprint is.
        assert '"body_hash"' in str(query.query) and '"body" =' not in str(query.query)
        if connection.vendor == "postgresql":
            # With a handful of rows a scan is cheaper: forbid it, as a large table would.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
            assert "comment_duplicate_idx" in query.explain()


class TestAkismet:
    def test_not_asked_without_a_key(self, client, article):
        """The default test client class raises if it is ever instantiated."""
        assert_through(posted(client, article))

    def test_spam_trips(self, client, article, settings, akismet_calls):
        settings.AKISMET_API_KEY = "test-key"
        settings.AKISMET_CLIENT_CLASS = "tests.comments.fakes.SpamAkismet"
        comment = posted(client, article, REMOTE_ADDR="192.0.2.10", website="https://x.test")
        assert_caught(comment, "akismet")
        (name, ip, arguments), = akismet_calls
        assert name == "comment_check" and ip == "192.0.2.10"
        assert arguments["comment_author_email"] == "dominique@lecteurs.test"
        assert arguments["comment_author_url"] == "https://x.test"
        assert arguments["permalink"] == f"https://magazine.test{article.get_absolute_url()}"
        assert arguments["comment_type"] == "comment"

    def test_blatant_spam_trips(self, client, article, settings, akismet_calls):
        settings.AKISMET_API_KEY = "test-key"
        settings.AKISMET_CLIENT_CLASS = "tests.comments.fakes.DiscardAkismet"
        assert_caught(posted(client, article), "akismet_discard")

    def test_ham_passes(self, client, article, settings, akismet_calls):
        settings.AKISMET_API_KEY = "test-key"
        settings.AKISMET_CLIENT_CLASS = "tests.comments.fakes.HamAkismet"
        assert_through(posted(client, article))
        assert len(akismet_calls) == 1

    def test_not_asked_when_a_local_check_already_caught_it(
        self, client, article, settings, akismet_calls
    ):
        settings.AKISMET_API_KEY = "test-key"
        settings.AKISMET_CLIENT_CLASS = "tests.comments.fakes.HamAkismet"
        assert_caught(posted(client, article, topic="robot"), "honeypot")
        assert akismet_calls == []

    def test_unreachable_lets_the_comment_wait_for_a_moderator(
        self, client, article, settings, akismet_calls
    ):
        settings.AKISMET_API_KEY = "test-key"
        settings.AKISMET_CLIENT_CLASS = "tests.comments.fakes.BrokenAkismet"
        make_comment(article, name="Dominique", email="dominique@lecteurs.test", body="Avant")
        comment = posted(client, article)
        # Known commenter, but unchecked: a moderator decides.
        assert_through(comment)

    def test_moderators_decisions_are_reported(self, article, moderator, settings, akismet_calls):
        settings.AKISMET_API_KEY = "test-key"
        settings.AKISMET_CLIENT_CLASS = "tests.comments.fakes.HamAkismet"
        missed = make_comment(article, status=Comment.Status.PENDING, ip_address="192.0.2.3")
        false_positive = make_comment(
            article, status=Comment.Status.SPAM, spam_signals=["akismet"], body="Vrai avis"
        )
        approved_after_akismet = make_comment(
            article, status=Comment.Status.SPAM, spam_signals=["akismet"], body="Autre vrai"
        )
        from django.test import TestCase

        with TestCase.captureOnCommitCallbacks(execute=True):
            MarkSpam(missed, moderator).execute()
            MarkNotSpam(false_positive, moderator).execute()
            ApproveComment(approved_after_akismet, moderator).execute()
        reports = [(name, ip, kwargs["comment_content"]) for name, ip, kwargs in akismet_calls]
        assert reports == [
            ("submit_spam", "192.0.2.3", missed.body),
            ("submit_ham", "198.51.100.7", "Vrai avis"),
            ("submit_ham", "198.51.100.7", "Autre vrai"),
        ]

    def test_nothing_is_reported_without_a_key(self, article, moderator, akismet_calls):
        from django.test import TestCase

        with TestCase.captureOnCommitCallbacks(execute=True):
            MarkSpam(make_comment(article), moderator).execute()
        assert akismet_calls == []


class TestAutoApproval:
    def test_a_trusted_commenters_browser_is_approved_at_once(self, client, article):
        trusted_browser(client, article)
        comment = posted(client, article, email="Dominique@Lecteurs.test")
        assert comment.status == Comment.Status.APPROVED
        assert comment.moderated_by is None

    def test_the_same_name_and_email_from_another_browser_waits(self, client, article):
        trusted_browser(Client(), article)
        assert_through(posted(client, article))
        assert_through(posted(Client(), article, email="DOMINIQUE@lecteurs.test", body="B"))

    def test_the_same_email_under_another_name_waits(self, client, article):
        trusted_browser(client, article, name="Dom")
        assert_through(posted(client, article))

    def test_a_pending_or_spam_history_does_not_count(self, client, article):
        posted(client, article, body="D’abord en attente")
        make_comment(article, name="Dominique", email="dominique@lecteurs.test",
                     status=Comment.Status.SPAM)
        assert_through(posted(client, article))

    def test_can_be_turned_off(self, client, article, settings):
        settings.COMMENTS_AUTO_APPROVE_KNOWN = False
        trusted_browser(client, article)
        assert_through(posted(client, article))

    def test_a_known_commenter_is_still_caught(self, client, article):
        trusted_browser(client, article)
        assert_caught(posted(client, article, topic="robot"), "honeypot")
