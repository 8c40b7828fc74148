"""The related articles each published article keeps (articles/models/related.py) are those
a ranking made now would give, whatever path changed the site: the action layer, the admin's
form, its history, bulk updates, deletions, and the clock bringing a scheduled article due."""

import random
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from reversion.models import Version

from articles.actions import BackToDraft, PublishArticle, SaveArticle
from articles.models import Article, RelatedArticle, Tag
from articles.models import related as related_lists
from articles.models.article import KEPT_RELATED_CARDS, RELATED_CARDS
from tests.articles.fixtures_admin import *  # noqa: F403
from tests.articles.fixtures_admin import article_form_data, publication_fields
from tests.factories import make_article

pytestmark = pytest.mark.django_db

ARTICLES = "/admin/articles/article/"


@pytest.fixture(autouse=True)
def short_lists(monkeypatch):
    """Lists of three and two spares, so that a dozen articles are enough to overflow them,
    and three leaving a list enough to have it ranked again."""
    monkeypatch.setattr(related_lists, "KEPT", 3)
    monkeypatch.setattr(related_lists, "SPARE", 2)


def kept_titles(article, limit=3):
    return [card.title for card in KEPT_RELATED_CARDS(pk=article.pk, limit=limit)]


def ranked_titles(article, limit=3):
    return [card.title for card in RELATED_CARDS(pk=article.pk, limit=limit)]


def save_in_admin(client, article, author, published_at, tags):
    """Save ``article`` through the admin's form, published at ``published_at``."""
    return client.post(
        f"{ARTICLES}{article.pk}/change/",
        article_form_data(
            title=article.title,
            slug=article.slug,
            authors=[author.pk],
            status="published",
            tags=tags,
            **publication_fields(published_at),
        ),
    )


def assert_every_list_current():
    for article in Article.objects.filter(status=Article.Status.PUBLISHED):
        assert kept_titles(article) == ranked_titles(article), article.title
        # No list grows past what it must keep: the first three on the site and two spares
        # (those of the last minutes are kept as if still to come).
        on_site = RelatedArticle.objects.filter(
            article=article,
            related__published_at__lte=timezone.now() - related_lists.CLOCK_MARGIN,
        )
        assert on_site.count() <= 5, article.title


@pytest.mark.parametrize("seed", [20261130, 7])
def test_a_long_mixed_history_keeps_every_list_current(seed):
    """Publications, unpublications, new dates, tags given and taken, deletions of articles
    and tags, bulk updates: after each, every list is what ranking now gives."""
    chance = random.Random(seed)  # noqa: S311 - a reproducible sequence, not a secret
    tags = [Tag.objects.create(name=name) for name in ("Énergie", "Climat", "Réseau", "Sport")]
    now = timezone.now()

    def some_tags():
        return chance.sample(tags, chance.randint(0, 3))

    for index in range(14):
        make_article(
            f"Article {index}", tags=some_tags(), ago=timedelta(hours=chance.randint(1, 90))
        )
    assert RelatedArticle.objects.exists()
    assert_every_list_current()

    for step in range(70):
        articles = list(Article.objects.order_by("pk"))
        article = chance.choice(articles)
        move = chance.choice(
            [
                "publish",
                "unpublish",
                "date",
                "schedule",
                "tag",
                "untag",
                "retag",
                "bulk",
                "delete",
                "new",
                "delete_tag",
            ]
        )
        if move == "publish":
            article.status = Article.Status.PUBLISHED
            article.published_at = now - timedelta(hours=chance.randint(1, 90))
            article.save()
        elif move == "unpublish":
            article.status = chance.choice([Article.Status.DRAFT, Article.Status.REVIEW])
            article.save()
        elif move == "date":
            article.published_at = now - timedelta(minutes=chance.randint(10, 6000))
            article.save()
        elif move == "schedule":
            article.status = Article.Status.PUBLISHED
            article.published_at = now + timedelta(days=chance.randint(1, 9))
            article.save()
        elif move == "tag":
            article.tags.add(chance.choice(tags))
        elif move == "untag" and article.tags.exists():
            article.tags.remove(chance.choice(list(article.tags.all())))
        elif move == "retag":
            article.tags.set(some_tags())
        elif move == "bulk":
            chosen = chance.sample([a.pk for a in articles], min(3, len(articles)))
            Article.objects.filter(pk__in=chosen).update(
                status=chance.choice(list(Article.Status)),
                published_at=now - timedelta(hours=chance.randint(1, 90)),
            )
        elif move == "delete" and len(articles) > 6:
            article.delete()
        elif move == "new":
            make_article(f"Nouveau {step}", tags=some_tags(), ago=timedelta(minutes=step))
        elif move == "delete_tag" and step % 20 == 0:
            tags.remove(deleted := chance.choice(tags))
            deleted.delete()
            tags.append(Tag.objects.create(name=f"Tag {step}"))
        assert_every_list_current()


def test_a_scheduled_article_enters_the_lists_when_its_time_comes():
    energy = Tag.objects.create(name="Énergie")
    page = make_article("La page", tags=[energy], ago=timedelta(days=3))
    for index in range(4):
        make_article(f"Ancien {index}", tags=[energy], ago=timedelta(days=10 + index))
    make_article("Bientôt", tags=[energy], published_at=timezone.now() + timedelta(seconds=1))
    # Scheduled later, so ranked before it among those to come: every one is kept all the same.
    for index in range(3):
        make_article(
            f"Plus tard {index}",
            tags=[energy],
            published_at=timezone.now() + timedelta(days=index + 1),
        )
    assert "Bientôt" not in page.related_articles()
    assert [card.title for card in page.related_articles()] == ["Ancien 0", "Ancien 1", "Ancien 2"]

    time.sleep(1.2)

    # No save, no event: the kept list already held it.
    assert [card.title for card in page.related_articles()] == ["Bientôt", "Ancien 0", "Ancien 1"]


def test_publishing_and_unpublishing_through_the_actions(editor):
    energy = Tag.objects.create(name="Énergie")
    page = make_article("La page", tags=[energy], ago=timedelta(days=3))
    for index in range(4):
        make_article(f"Ancien {index}", tags=[energy], ago=timedelta(days=10 + index))
    draft = make_article("Le nouveau", tags=[energy], status=Article.Status.DRAFT)
    draft.authors.add(editor)

    PublishArticle(draft, editor).execute()
    assert kept_titles(page) == ["Le nouveau", "Ancien 0", "Ancien 1"]

    BackToDraft(Article.objects.get(pk=draft.pk), editor).execute()
    # The fourth, dropped from the list when the new one came, is back in third place.
    assert kept_titles(page) == ["Ancien 0", "Ancien 1", "Ancien 2"]
    assert_every_list_current()


def test_tags_changed_in_the_admin_form_move_the_article(editor, editor_client):
    energy, sport = Tag.objects.create(name="Énergie"), Tag.objects.create(name="Sport")
    page = make_article("La page", tags=[energy], ago=timedelta(days=3))
    neighbour = make_article("Le voisin", tags=[sport], ago=timedelta(days=1))
    neighbour.authors.add(editor)
    assert kept_titles(page) == []

    response = save_in_admin(
        editor_client, neighbour, editor, neighbour.published_at, "Énergie, Sport"
    )

    assert response.status_code == 302
    assert kept_titles(page) == ["Le voisin"]
    assert "Le voisin" in editor_client.get(page.get_absolute_url()).text
    assert_every_list_current()


def test_restoring_a_version_with_other_tags_moves_the_article(editor, editor_client):
    energy = Tag.objects.create(name="Énergie")
    page = make_article("La page", tags=[energy], ago=timedelta(days=3))
    article = Article.objects.create(title="Restauré", body="<p>Texte.</p>")
    article.authors.add(editor)
    SaveArticle(article, editor, tags=[energy]).execute()
    PublishArticle(article, editor).execute()
    tagged_version = Version.objects.get_for_object(article).first()
    SaveArticle(Article.objects.get(pk=article.pk), editor, tags=["Sport"]).execute()
    assert kept_titles(page) == []

    response = editor_client.post(f"{ARTICLES}{article.pk}/history/{tagged_version.pk}/")

    assert response.status_code == 302
    assert list(Article.objects.get(pk=article.pk).tags.names()) == ["Énergie"]
    assert kept_titles(page) == ["Restauré"]
    assert_every_list_current()


def test_a_bulk_publication_enters_the_lists():
    energy = Tag.objects.create(name="Énergie")
    page = make_article("La page", tags=[energy], ago=timedelta(days=3))
    drafts = [
        make_article(f"Brouillon {index}", tags=[energy], status=Article.Status.DRAFT)
        for index in range(2)
    ]

    Article.objects.filter(pk__in=[d.pk for d in drafts]).update(
        status=Article.Status.PUBLISHED, published_at=timezone.now() - timedelta(minutes=1)
    )

    assert sorted(kept_titles(page)) == ["Brouillon 0", "Brouillon 1"]


def test_deleting_a_tag_ranks_its_articles_again():
    energy, grid = Tag.objects.create(name="Énergie"), Tag.objects.create(name="Réseau")
    page = make_article("La page", tags=[energy, grid], ago=timedelta(days=3))
    make_article("Deux en commun, ancien", tags=[energy, grid], ago=timedelta(days=30))
    make_article("Un en commun, récent", tags=[energy], ago=timedelta(days=1))
    assert kept_titles(page) == ["Deux en commun, ancien", "Un en commun, récent"]

    grid.delete()

    assert kept_titles(page) == ["Un en commun, récent", "Deux en commun, ancien"]


def test_a_draft_page_ranks_live_and_keeps_nothing():
    energy = Tag.objects.create(name="Énergie")
    draft = make_article("Brouillon", tags=[energy], status=Article.Status.DRAFT)
    make_article("Publié", tags=[energy])

    assert not RelatedArticle.objects.filter(article=draft).exists()
    assert [card.title for card in draft.related_articles()] == ["Publié"]


def test_the_command_ranks_every_list_again(capsys):
    energy = Tag.objects.create(name="Énergie")
    page = make_article("La page", tags=[energy], ago=timedelta(days=3))
    make_article("Voisin", tags=[energy])
    RelatedArticle.objects.all().delete()
    assert kept_titles(page) == []

    call_command("rank_related_articles")

    assert kept_titles(page) == ["Voisin"]
    assert "2 related articles ranked." in capsys.readouterr().out


@pytest.fixture
def ranked(monkeypatch):
    """The ids of the articles whose lists are ranked again, call after call."""
    calls = []
    rank = related_lists.RelatedArticleQuerySet.rank

    def spy(queryset, article_ids):
        article_ids = set(article_ids)
        calls.append(article_ids)
        return rank(queryset, article_ids)

    monkeypatch.setattr(related_lists.RelatedArticleQuerySet, "rank", spy)
    return calls


@pytest.fixture
def scheduled_in_a_crowded_tag():
    """A scheduled article every page of its tag holds (scheduled articles are all kept)."""
    energy = Tag.objects.create(name="Énergie")
    pages = [
        make_article(f"Page {index}", tags=[energy], ago=timedelta(days=index + 1))
        for index in range(6)
    ]
    scheduled = make_article(
        "Programmé", tags=[energy], published_at=timezone.now() + timedelta(days=2)
    )
    assert RelatedArticle.objects.holders(scheduled.pk) == {page.pk for page in pages}
    return scheduled


def test_unscheduling_ranks_none_of_the_lists_that_held_it(
    editor, scheduled_in_a_crowded_tag, ranked
):
    """Held only as still to come, it counted in no list's first articles: taken out, with
    no list ranked again, however big its tag."""
    scheduled_in_a_crowded_tag.authors.add(editor)

    BackToDraft(scheduled_in_a_crowded_tag, editor).execute()

    assert ranked == [{scheduled_in_a_crowded_tag.pk}]
    assert RelatedArticle.objects.holders(scheduled_in_a_crowded_tag.pk) == set()
    assert_every_list_current()


def test_a_scheduled_article_brought_forward_in_the_admin_form_ranks_no_other_list(
    editor, editor_client, scheduled_in_a_crowded_tag, ranked
):
    article = scheduled_in_a_crowded_tag
    article.authors.add(editor)
    response = save_in_admin(editor_client, article, editor, timezone.now(), "Énergie")

    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).published_at <= timezone.now()
    assert ranked and all(ids == {article.pk} for ids in ranked), ranked
    # On the site now, and the most recent: first in every list of its tag.
    for page in Article.objects.exclude(pk=article.pk):
        assert kept_titles(page)[0] == "Programmé", page.title
        assert "Programmé" in editor_client.get(page.get_absolute_url()).text
    assert_every_list_current()


def test_a_tag_taken_from_a_scheduled_article_ranks_no_other_list(
    scheduled_in_a_crowded_tag, ranked
):
    article = scheduled_in_a_crowded_tag
    grid = Tag.objects.create(name="Réseau")
    neighbour = make_article("Voisin du réseau", tags=[grid], ago=timedelta(days=9))
    article.tags.add(grid)
    ranked.clear()

    article.tags.remove(Tag.objects.get(name="Énergie"))

    assert all(ids == {article.pk} for ids in ranked), ranked
    assert RelatedArticle.objects.holders(article.pk) == {neighbour.pk}
    assert_every_list_current()


def test_deleting_a_scheduled_article_ranks_no_other_list(scheduled_in_a_crowded_tag, ranked):
    Article.objects.get(pk=scheduled_in_a_crowded_tag.pk).delete()

    assert not any(ranked), ranked
    assert not RelatedArticle.objects.filter(related_id=scheduled_in_a_crowded_tag.pk).exists()
    assert_every_list_current()


def test_unpublishing_ranks_again_only_the_lists_left_without_spares(editor, ranked):
    """An article on the site counts in the lists that hold it: each loses a spare when it
    leaves, and is ranked again only once it has none left."""
    energy = Tag.objects.create(name="Énergie")
    pages = [
        make_article(f"Page {index}", tags=[energy], ago=timedelta(days=index + 1))
        for index in range(8)
    ]
    for page in pages:
        page.authors.add(editor)
    latest = pages[:3]
    ranked.clear()

    for gone, leaving in enumerate(latest[:2]):
        # Every other page on the site holds it: the most recent left.
        assert len(RelatedArticle.objects.holders(leaving.pk)) == len(pages) - 1 - gone
        BackToDraft(Article.objects.get(pk=leaving.pk), editor).execute()
        # Its own list only: the others had a spare.
        assert ranked == [{leaving.pk}], ranked
        assert_every_list_current()
        ranked.clear()

    third = latest[2]
    holders = RelatedArticle.objects.holders(third.pk)
    BackToDraft(Article.objects.get(pk=third.pk), editor).execute()
    # Three of five gone: the lists that held it, shallower than three now, are ranked again.
    assert holders <= set().union(*ranked), ranked
    assert_every_list_current()
    page = pages[-1]
    assert kept_titles(page) == ["Page 3", "Page 4", "Page 5"]
