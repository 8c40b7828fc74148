"""The admin's front page shows each person what waits for them, one click from the work,
at a fixed number of queries."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from articles.actions import BackToDraft, SubmitForReview
from articles.models import Article, WritingMethod
from comments.models import Comment
from core.roles import AUTHORS, EDITORS, MODERATORS
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

INDEX = "/admin/"
DRAFT, REVIEW = Article.Status.DRAFT, Article.Status.REVIEW


@pytest.fixture(autouse=True)
def _english(english):
    """Assertions read the English words."""


@pytest.fixture
def editor():
    return make_user("edith", EDITORS, first_name="Édith", last_name="Piaf")


@pytest.fixture
def author():
    return make_user("albert", AUTHORS, first_name="Albert", last_name="Londres")


@pytest.fixture
def moderator():
    return make_user("marc", MODERATORS)


def panel(html, key):
    """The HTML of the dashboard's panel ``key``."""
    start = html.index(f'id="{key}"')
    return html[start : html.index("</section>", start)]


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def submitted(title, author, *, days_ago):
    article = make_article(title, authors=[author], status=DRAFT)
    SubmitForReview(article, author).execute()
    Article.objects.filter(pk=article.pk).update(
        submitted_at=timezone.now() - timedelta(days=days_ago)
    )
    return article


def page_of(client, user):
    client.force_login(user)
    response = client.get(INDEX)
    assert response.status_code == 200
    return response.content.decode()


def test_editors_see_what_awaits_review_oldest_first_with_how_long(client, editor, author):
    recent = submitted("Arrivé hier", author, days_ago=1)
    old = submitted("En attente depuis longtemps", author, days_ago=6)

    html = panel(page_of(client, editor), "awaiting-review")

    assert html.index(old.title) < html.index(recent.title)
    assert f'href="{change_url(old)}"' in html
    assert "waiting for 6\xa0days" in html
    assert "Albert Londres" in html
    assert "?desk=review" in html


def test_editors_see_scheduled_drafts_ai_articles_and_comments(client, editor, author):
    date = timezone.now() + timedelta(days=3)
    scheduled = make_article("Demain matin", authors=[author], published_at=date)
    draft = make_article("Brouillon d’Albert", authors=[author], status=DRAFT)
    generated = make_article(
        "Écrit par une IA", authors=[author], status=DRAFT,
        writing_method=WritingMethod.AI_GENERATED,
    )
    live = make_article("Déjà en ligne", authors=[author])
    Comment.objects.create(article=live, name="Lia", email="lia@example.com", body="Bien.",
                           status=Comment.Status.PENDING)
    Comment.objects.filter().update(created_at=timezone.now() - timedelta(hours=5))

    html = page_of(client, editor)

    assert f'href="{change_url(scheduled)}"' in panel(html, "scheduled")
    iso = timezone.localtime(date).replace(microsecond=0).isoformat()
    assert f'datetime="{iso}"' in panel(html, "scheduled")
    assert draft.title in panel(html, "drafts") and generated.title in panel(html, "drafts")
    assert generated.title in panel(html, "ai-unreviewed")
    assert draft.title not in panel(html, "ai-unreviewed")
    comments = panel(html, "comments-pending")
    assert re.search(r">\s*1 comment awaits moderation", comments)
    assert "The oldest has waited 5\xa0hours." in comments
    assert "?status=pending" in comments


def test_superusers_see_the_editors_dashboard(client, author):
    submitted("À relire", author, days_ago=2)
    root = get_user_model().objects.create_superuser("root", "root@example.com", "pw")

    html = page_of(client, root)

    assert "À relire" in panel(html, "awaiting-review")
    assert 'id="comments-pending"' in html


def test_authors_see_their_own_work_and_why_it_came_back(client, editor, author):
    other = make_user("olga", AUTHORS)
    mine = make_article("Mon brouillon", authors=[author], status=DRAFT)
    make_article("Le brouillon d’Olga", authors=[other], status=DRAFT)
    returned = submitted("À retravailler", author, days_ago=1)
    BackToDraft(Article.objects.get(pk=returned.pk), editor,
                note="Il manque la source du chiffre.").execute()
    waiting = submitted("En relecture", author, days_ago=1)
    soon = make_article("Bientôt", authors=[author],
                        published_at=timezone.now() + timedelta(days=1))

    html = page_of(client, author)

    back = panel(html, "sent-back")
    assert f'href="{change_url(returned)}"' in back
    assert "Il manque la source du chiffre." in back
    assert "sent back by Édith Piaf" in back
    assert mine.title in panel(html, "drafts")
    assert "Olga" not in html
    assert waiting.title in panel(html, "awaiting-review")
    assert soon.title in panel(html, "scheduled")
    assert 'id="comments-pending"' not in html


def test_authors_see_what_was_published_this_week(client, author):
    make_article("Paru hier", authors=[author], ago=timedelta(days=1))
    make_article("Paru le mois dernier", authors=[author], ago=timedelta(days=30))

    published = panel(page_of(client, author), "published")

    assert "Paru hier" in published
    assert "Paru le mois dernier" not in published


def test_moderators_see_the_queue_only(client, moderator, author):
    article = make_article("Sujet", authors=[author])
    for _ in range(3):
        Comment.objects.create(article=article, name="Lia", email="lia@example.com",
                               body="Un avis.", status=Comment.Status.PENDING)
    submitted("Secret", author, days_ago=1)

    html = page_of(client, moderator)

    assert re.search(r">\s*3 comments await moderation", panel(html, "comments-pending"))
    assert "awaiting-review" not in html and "Secret" not in html


def test_an_empty_desk_says_so(client, editor):
    html = page_of(client, editor)

    assert "No article awaits review." in panel(html, "awaiting-review")
    assert "No comment awaits moderation." in panel(html, "comments-pending")


def test_a_panel_shows_a_few_lines_and_leads_to_all(client, editor, author):
    for number in range(8):
        make_article(f"Brouillon {number}", authors=[author], status=DRAFT)

    drafts = panel(page_of(client, editor), "drafts")

    assert drafts.count("<li>") == 5
    assert "See all 8 in the list" in drafts
    assert "?status=draft" in drafts


def grow(size, authors):
    """``size`` articles of each kind the dashboard lists, each with two authors."""
    now = timezone.now()
    existing = Article.objects.count() // 6
    for number in range(existing, size):
        kinds = [
            {"status": DRAFT},
            {"status": REVIEW, "submitted_at": now - timedelta(hours=number)},
            {"published_at": now + timedelta(days=number + 1)},
            {"status": DRAFT, "writing_method": WritingMethod.AI_GENERATED},
            {"status": DRAFT, "sent_back_at": now, "sent_back_note": "Non."},
            {"published_at": now - timedelta(hours=number + 1)},
        ]
        for fields in kinds:
            make_article(f"Article {number} {fields}", authors=authors, **fields)


# Session, user, the user's permissions (2), whether they use two-factor sign-in (1), then
# the counts, one query per list (editors 4, authors 5), the authors of every line, the
# comment queue (editors and moderators); the index's app list (editors: the site settings'
# admin, 2) and recent actions (1).
QUERIES = {"editor": 15, "author": 13, "moderator": 7}


@pytest.mark.parametrize("size", [2, 20])
@pytest.mark.parametrize("role", ["editor", "author", "moderator"])
def test_the_dashboard_costs_a_fixed_number_of_queries(
    client, editor, author, moderator, django_assert_num_queries, role, size
):
    grow(size, [author, editor])
    user = {"editor": editor, "author": author, "moderator": moderator}[role]
    client.force_login(user)
    client.get(INDEX)

    with django_assert_num_queries(QUERIES[role]):
        response = client.get(INDEX)

    assert response.status_code == 200
