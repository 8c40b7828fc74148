from datetime import timedelta

import pytest
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import timezone

from articles.models import Article
from comments.display import OWN_COMMENTS_SALT, comment_context
from comments.models import BlocklistEntry, Comment, comments_are_open

from .conftest import make_article, make_comment

pytestmark = pytest.mark.django_db


def test_a_new_comment_waits_for_a_moderator(article):
    comment = Comment.objects.create(
        article=article, name="Lou", email="lou@lecteurs.test", body="Bonjour"
    )
    assert comment.status == Comment.Status.PENDING
    assert comment.spam_signals == []
    assert comment.moderated_by is None and comment.moderated_at is None


def test_str_holds_no_personal_data(article):
    """str() is copied into the admin's history, which erasure does not rewrite."""
    comment = make_comment(article, name="Jeanne Secret", body="Mon adresse est ici")
    assert "Jeanne" not in str(comment)
    assert "adresse" not in str(comment)
    assert str(comment.pk) in str(comment)


def test_depth_counts_the_ancestors(article):
    first = make_comment(article)
    reply = make_comment(article, parent=first)
    reply_to_reply = make_comment(article, parent=reply)
    assert [first.depth(), reply.depth(), reply_to_reply.depth()] == [1, 2, 3]


def thread(article, depth, **fields):
    """Approved comments, each replying to the one before: ``depth`` of them, top first."""
    made = []
    for _level in range(depth):
        made.append(make_comment(article, parent=made[-1] if made else None, **fields))
    return made


class TestDepth:
    """How deep a reply sits decides whether it may be answered: counted in one query
    however deep (the reply form and the action each ask)."""

    @pytest.mark.parametrize("depth", [3, 12])
    def test_one_query_however_deep(self, article, depth, django_assert_num_queries):
        deepest = thread(article, depth)[-1]
        with django_assert_num_queries(1):
            assert deepest.depth() == depth

    def test_no_query_for_a_comment_on_the_article(self, article, django_assert_num_queries):
        first = make_comment(article)
        with django_assert_num_queries(0):
            assert first.depth() == 1

    def test_ancestors_are_listed_parent_first(self, article):
        comments = thread(article, 4)
        assert comments[-1].ancestor_ids() == [c.pk for c in reversed(comments[:-1])]

    def test_other_threads_and_articles_do_not_count(self, article):
        other = make_article("Un autre article")
        thread(other, 5)
        thread(article, 5)
        assert thread(article, 2)[-1].depth() == 2

    def test_a_deleted_ancestor_starts_the_thread_again_below_it(self, article):
        first, second, third, fourth = thread(article, 4)
        second.delete()
        fourth.refresh_from_db()
        assert fourth.depth() == 2
        assert fourth.ancestor_ids() == [third.pk]

    def test_a_chain_that_loops_back_ends(self, article):
        """An import can make two comments answer each other: counted once each, as
        walking up one at a time did."""
        first, second = thread(article, 2)
        Comment.objects.filter(pk=first.pk).update(parent=second)
        first.refresh_from_db()
        assert first.ancestor_ids() == [second.pk, first.pk]
        assert first.depth() == 3
        reply = make_comment(article, parent=second)
        assert reply.ancestor_ids() == [second.pk, first.pk]


def test_excerpt_is_short_and_on_one_line(article):
    comment = make_comment(article, body="Ligne un\n\n" + "mot " * 100)
    assert "\n" not in comment.excerpt
    assert len(comment.excerpt) <= 80


def test_deleting_a_comment_keeps_the_replies_of_others(article):
    first = make_comment(article)
    reply = make_comment(article, parent=first, email="autre@lecteurs.test")
    first.delete()
    reply.refresh_from_db()
    assert reply.parent is None


class TestCommentCount:
    """The count an article page prints, from the comments it fetches to show them."""

    @staticmethod
    def count_on_page(article, own=()):
        request = RequestFactory().get(article.get_absolute_url())
        request.COOKIES[settings.COMMENTS_OWN_COOKIE_NAME] = signing.dumps(
            [comment.pk for comment in own], salt=OWN_COMMENTS_SALT
        )
        return comment_context(request, article)["comment_count"]

    def test_counts_approved_comments_only(self, article):
        make_comment(article)
        for status in (Comment.Status.PENDING, Comment.Status.SPAM, Comment.Status.REMOVED):
            make_comment(article, status=status)
        assert self.count_on_page(article) == 1

    def test_zero_without_comments(self, article):
        assert self.count_on_page(article) == 0

    def test_the_reader_s_own_waiting_comment_is_shown_but_not_counted(self, article):
        make_comment(article)
        waiting = make_comment(article, status=Comment.Status.PENDING)
        assert self.count_on_page(article, own=[waiting]) == 1

    def test_other_articles_comments_are_not_counted(self, article):
        make_comment(make_article("Un autre pont"))
        make_comment(article)
        assert self.count_on_page(article) == 1


class TestCommentsAreOpen:
    def test_open_by_default(self, article):
        assert comments_are_open(article)

    def test_closed_per_article(self, article):
        article.comments_open = False
        assert not comments_are_open(article)

    def test_closed_when_not_published(self, article):
        article.status = Article.Status.DRAFT
        assert not comments_are_open(article)
        article.status = Article.Status.PUBLISHED
        article.published_at = timezone.now() + timedelta(days=1)
        assert not comments_are_open(article)

    def test_never_closed_automatically_by_default(self, article):
        article.published_at = timezone.now() - timedelta(days=3650)
        assert comments_are_open(article)

    def test_closed_automatically_after_the_configured_days(self, article, settings):
        settings.COMMENTS_CLOSE_AFTER_DAYS = 30
        article.published_at = timezone.now() - timedelta(days=29)
        assert comments_are_open(article)
        article.published_at = timezone.now() - timedelta(days=31)
        assert not comments_are_open(article)


class TestDisplayQuerySet:
    def test_shows_approved_and_only_the_readers_own_waiting_comments(self, article):
        approved = make_comment(article)
        mine = make_comment(article, status=Comment.Status.PENDING)
        mine_caught = make_comment(article, status=Comment.Status.SPAM)
        make_comment(article, status=Comment.Status.PENDING)
        removed_mine = make_comment(article, status=Comment.Status.REMOVED)
        assert list(Comment.objects.for_display(article)) == [approved]
        own = [mine.pk, mine_caught.pk, removed_mine.pk]
        assert list(Comment.objects.for_display(article, own)) == [approved, mine, mine_caught]

    def test_oldest_first(self, article):
        later = make_comment(article, created_at=timezone.now())
        earlier = make_comment(article, created_at=timezone.now() - timedelta(hours=2))
        assert list(Comment.objects.for_display(article)) == [earlier, later]

    def test_never_loads_the_email_nor_the_ip_address(self, article):
        make_comment(article)
        comment = Comment.objects.for_display(article).get()
        assert {"email", "ip_address", "user_agent"} <= comment.get_deferred_fields()


class TestBlocklistEntry:
    def test_word_matches_whole_words_in_any_case(self):
        entry = BlocklistEntry(kind=BlocklistEntry.Kind.WORD, value="casino")
        assert entry.matches(text="Le meilleur CASINO en ligne")
        assert entry.matches(text="casino!")
        assert not entry.matches(text="casinos et autres")
        assert not entry.matches(text="Le Casinoteur")

    def test_phrase(self):
        entry = BlocklistEntry(kind=BlocklistEntry.Kind.WORD, value="gagnez de l'argent")
        assert entry.matches(text="Gagnez de l'argent vite")

    def test_email_address_and_domain(self):
        address = BlocklistEntry(kind=BlocklistEntry.Kind.EMAIL, value="spam@pub.test")
        domain = BlocklistEntry(kind=BlocklistEntry.Kind.EMAIL, value="@pub.test")
        assert address.matches(email="SPAM@pub.test")
        assert not address.matches(email="autre@pub.test")
        assert domain.matches(email="qui@pub.test")
        assert not domain.matches(email="qui@pub.test.example")

    def test_ip_address_and_network(self):
        single = BlocklistEntry(kind=BlocklistEntry.Kind.IP, value="203.0.113.7")
        network = BlocklistEntry(kind=BlocklistEntry.Kind.IP, value="203.0.113.0/24")
        assert single.matches(ip="203.0.113.7")
        assert not single.matches(ip="203.0.113.8")
        assert network.matches(ip="203.0.113.200")
        assert not network.matches(ip="198.51.100.1")
        assert not network.matches(ip=None)
        assert not network.matches(ip="2001:db8::1")

    @pytest.mark.parametrize(
        ("kind", "value"),
        [("ip", "pas une adresse"), ("ip", "300.1.1.1"), ("email", "sans-arobase"), ("word", "  ")],
    )
    def test_invalid_values_are_refused(self, kind, value):
        with pytest.raises(ValidationError):
            BlocklistEntry(kind=kind, value=value).full_clean()

    def test_email_values_are_lowercased(self):
        entry = BlocklistEntry(kind="email", value=" @Pub.TEST ")
        entry.full_clean()
        assert entry.value == "@pub.test"


def test_old_ip_data_selection(article, settings):
    settings.COMMENTS_IP_RETENTION_DAYS = 90
    old = make_comment(article, created_at=timezone.now() - timedelta(days=91), user_agent="UA")
    make_comment(article, created_at=timezone.now() - timedelta(days=89))
    make_comment(
        article, created_at=timezone.now() - timedelta(days=200), ip_address=None, user_agent=""
    )
    assert list(Comment.objects.with_old_ip_data()) == [old]
