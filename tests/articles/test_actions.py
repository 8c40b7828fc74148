"""The status operations of articles/actions.py: who may do what, and what it leaves behind."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles.actions import (
    ACTIONS_BY_STATUS,
    BackToDraft,
    PublishArticle,
    SubmitForReview,
    change_status,
)
from articles.models import Article
from tests.articles.fixtures_admin import *  # noqa: F403
from tests.articles.fixtures_admin import make_article

pytestmark = pytest.mark.django_db


def test_publish_sets_status_and_publication_date(editor):
    article = make_article(authors=[editor])
    before = timezone.now()

    PublishArticle(article, editor).execute()

    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert before <= article.published_at <= timezone.now()
    assert article.is_published
    assert list(Article.objects.published()) == [article]


def test_publish_keeps_a_chosen_past_date(editor):
    earlier = timezone.now() - timedelta(days=3)
    article = make_article(authors=[editor], published_at=earlier)

    PublishArticle(article, editor).execute()

    article.refresh_from_db()
    assert article.published_at == earlier
    assert article in Article.objects.published()


def test_publish_with_a_future_date_schedules(editor):
    tomorrow = timezone.now() + timedelta(days=1)
    article = make_article(authors=[editor], published_at=tomorrow)

    PublishArticle(article, editor).execute()

    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at == tomorrow
    assert article.is_scheduled and not article.is_published
    assert article not in Article.objects.published()
    assert article in Article.objects.scheduled()


def test_author_cannot_publish_even_their_own_article(author):
    article = make_article(authors=[author])

    with pytest.raises(PermissionDenied, match="You may not publish articles"):
        PublishArticle(article, author).execute()

    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.published_at is None
    assert not LogEntry.objects.exists()


def test_moderator_cannot_change_articles(moderator, editor):
    article = make_article(authors=[editor])

    for action_class in (PublishArticle, SubmitForReview, BackToDraft):
        with pytest.raises(PermissionDenied):
            action_class(article, moderator).check()


def test_publication_is_refused_without_body(editor):
    article = make_article(authors=[editor], body="<p></p>")

    with pytest.raises(ValidationError) as refusal:
        PublishArticle(article, editor).execute()

    assert refusal.value.messages == ["The article has no body text."]
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_publication_is_refused_without_author(editor):
    article = make_article(authors=[])

    with pytest.raises(ValidationError) as refusal:
        PublishArticle(article, editor).execute()

    assert refusal.value.messages == ["The article has no author."]
    assert Article.objects.get().status == Article.Status.DRAFT


def test_every_problem_is_reported_at_once(editor):
    article = make_article(title="  ", authors=[], body="")

    with pytest.raises(ValidationError) as refusal:
        PublishArticle(article, editor).check()

    assert len(refusal.value.messages) == 3


def test_back_to_draft_takes_a_published_article_off_the_site(editor):
    article = make_article(authors=[editor])
    PublishArticle(article, editor).execute()

    BackToDraft(article, editor).execute()

    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article not in Article.objects.published()


def test_author_submits_own_draft_for_review_and_takes_it_back(author):
    article = make_article(authors=[author])

    SubmitForReview(article, author).execute()
    assert Article.objects.get().status == Article.Status.REVIEW

    BackToDraft(article, author).execute()
    assert Article.objects.get().status == Article.Status.DRAFT


def test_author_cannot_unpublish(author, editor):
    article = make_article(authors=[author])
    PublishArticle(article, editor).execute()

    for action_class in (BackToDraft, SubmitForReview):
        with pytest.raises(PermissionDenied, match="You may not unpublish articles"):
            action_class(article, author).execute()
    assert Article.objects.get().status == Article.Status.PUBLISHED


def test_author_cannot_touch_another_authors_article(author, other_author):
    article = make_article(authors=[other_author])

    with pytest.raises(PermissionDenied, match="only change your own"):
        SubmitForReview(article, author).execute()
    assert Article.objects.get().status == Article.Status.DRAFT


def test_each_status_change_is_logged(editor):
    article = make_article(authors=[editor])

    change_status(article, editor, Article.Status.REVIEW)
    change_status(article, editor, Article.Status.PUBLISHED)

    entries = LogEntry.objects.filter(object_id=str(article.pk)).order_by("pk")
    assert [entry.change_message for entry in entries] == ["Submitted for review.", "Published."]
    assert all(entry.user == editor and entry.action_flag == CHANGE for entry in entries)


def test_actions_cover_every_status():
    assert set(ACTIONS_BY_STATUS) == set(Article.Status)
    for status, action_class in ACTIONS_BY_STATUS.items():
        assert action_class.target_status == status
