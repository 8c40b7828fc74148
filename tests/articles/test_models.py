"""Slugs, old addresses, what readers may see, and image credits."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from articles.models import Article, ArticleSlugRedirect, Image, Tag, slugify_french
from tests.articles.fixtures_admin import *  # noqa: F403
from tests.articles.fixtures_admin import make_article

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Société : l'œuvre", "societe-l-oeuvre"),
        ("Cœur d’Æther", "coeur-d-aether"),
        ("« Élan » vital, façon Straße", "elan-vital-facon-strasse"),
        ("  Déjà-vu !  ", "deja-vu"),
    ],
)
def test_slugs_transliterate_french(text, slug):
    assert slugify_french(text) == slug


def test_slug_is_made_from_the_title_and_kept_unique():
    first = make_article("Société : l'œuvre")
    second = make_article("Société : l’œuvre")
    third = make_article("SOCIÉTÉ : L'ŒUVRE")

    assert [first.slug, second.slug, third.slug] == [
        "societe-l-oeuvre",
        "societe-l-oeuvre-2",
        "societe-l-oeuvre-3",
    ]


def test_a_chosen_slug_is_kept():
    assert make_article("Titre", slug="mon-adresse").slug == "mon-adresse"


def test_an_empty_title_still_gets_a_slug():
    assert make_article("!!!").slug == "article"


def test_changing_the_slug_of_a_published_article_records_a_redirect(editor):
    article = make_article("Ancien titre", authors=[editor], status="published")
    article.published_at = timezone.now() - timedelta(hours=1)
    article.save()

    article.slug = "nouveau-titre"
    article.save()

    redirect = ArticleSlugRedirect.objects.get()
    assert (redirect.old_slug, redirect.article) == ("ancien-titre", article)


def test_changing_the_slug_of_a_draft_records_nothing():
    article = make_article("Brouillon")

    article.slug = "autre-adresse"
    article.save()

    assert not ArticleSlugRedirect.objects.exists()


def test_a_scheduled_article_never_seen_records_nothing():
    article = make_article(
        "Plus tard", status="published", published_at=timezone.now() + timedelta(days=1)
    )

    article.slug = "plus-tard-encore"
    article.save()

    assert not ArticleSlugRedirect.objects.exists()


def test_an_old_address_is_not_given_to_another_article(editor):
    article = make_article("Premier", status="published", published_at=timezone.now())
    article.slug = "premier-renomme"
    article.save()

    newcomer = make_article("Premier")
    assert newcomer.slug == "premier-2"

    clash = Article(title="Autre", slug="premier", body="<p>x</p>")
    with pytest.raises(ValidationError) as error:
        clash.full_clean()
    assert "slug" in error.value.message_dict


def test_taking_back_an_old_address_removes_its_redirect():
    article = make_article("Premier", status="published", published_at=timezone.now())
    article.slug = "premier-renomme"
    article.save()

    article.slug = "premier"
    article.save()

    assert list(ArticleSlugRedirect.objects.values_list("old_slug", flat=True)) == [
        "premier-renomme"
    ]


def test_readers_see_only_published_articles_whose_date_has_come():
    now = timezone.now()
    draft = make_article("Brouillon")
    review = make_article("Relecture", status="review", published_at=now - timedelta(days=1))
    scheduled = make_article("Demain", status="published", published_at=now + timedelta(days=1))
    published = make_article("Hier", status="published", published_at=now - timedelta(days=1))
    undated = make_article("Sans date", status="published", published_at=None)

    assert list(Article.objects.published()) == [published]
    assert list(Article.objects.scheduled()) == [scheduled]
    assert published.is_published and not published.is_scheduled
    assert scheduled.is_scheduled and not scheduled.is_published
    for article in (draft, review, undated):
        assert not article.is_published and not article.is_scheduled


@pytest.mark.parametrize(
    "published_query", [Article.objects.published, Tag.objects.sections], ids=["articles", "menu"]
)
def test_published_articles_are_those_whose_date_the_database_s_clock_passed(published_query):
    # The same text and parameters whenever the query is made: the time is not a parameter.
    # PostgreSQL plans a prepared statement for any value of its parameters, and would not
    # know that the time given is now, which nearly every article precedes.
    before = published_query().query.sql_with_params()
    time.sleep(0.001)

    assert published_query().query.sql_with_params() == before


def test_editable_by_gives_editors_everything_and_authors_their_own(editor, author, other_author):
    own = make_article("À moi", authors=[author])
    shared = make_article("À deux", authors=[author, other_author])
    make_article("À elle", authors=[other_author])

    assert Article.objects.editable_by(editor).count() == 3
    assert set(Article.objects.editable_by(author)) == {own, shared}


def test_tag_slug_transliterates():
    assert Tag.objects.create(name="Société & Cœur").slug == "societe-coeur"


def test_an_articles_tags_are_its_own_in_the_order_given_and_prefetched_for_a_list(
    django_assert_num_queries,
):
    # The tags exist in another order than the one the article gives them.
    for name in ("Mercure", "Cuivre", "Argent", "Zinc"):
        Tag.objects.create(name=name)
    first = make_article("Premier")
    first.tags.add("Zinc", "Argent")
    first.tags.add("Mercure")
    make_article("Second").tags.add("Argent", "Cuivre")

    assert [tag.name for tag in first.tags.all()] == ["Zinc", "Argent", "Mercure"]
    assert [tag.name for tag in first.tags.filter(name__lt="N")] == ["Argent", "Mercure"]
    articles = list(Article.objects.order_by("pk").prefetch_related("tags"))
    with django_assert_num_queries(0):
        names = [[tag.name for tag in article.tags.all()] for article in articles]
    # A card shows the first: the same as on the article's own page.
    assert names == [["Zinc", "Argent", "Mercure"], ["Argent", "Cuivre"]]


def image(**credit):
    # Known dimensions: the file is never opened.
    return Image(file="images/x.png", width=1, height=1, alt_text="Un chat", **credit)


def test_credit_line_in_english():
    with translation.override("en"):
        assert image(credit="Jane Doe", credit_source="AFP").credit_line() == (
            "Image credit: Jane Doe / AFP"
        )
        assert image(credit_source="Unsplash").credit_line() == "Image credit: Unsplash"
        assert image().credit_line() == ""


def _french_catalog_has(msgid):
    with translation.override("fr"):
        return translation.gettext(msgid) != msgid


@pytest.mark.skipif(
    not (settings.BASE_DIR / "locale" / "fr" / "LC_MESSAGES" / "django.mo").exists(),
    reason="The French translations (locale/fr) are not compiled yet.",
)
def test_credit_line_in_french():
    if not _french_catalog_has("Image credit: %(credit)s"):
        pytest.skip("The French catalog has no translation of the credit line yet.")
    with translation.override("fr"):
        line = image(credit="Jane Doe", credit_source="AFP").credit_line()
    # French puts a (non-breaking) space before the colon.
    assert line.replace("\u00a0", " ").replace("\u202f", " ") == "Crédit image : Jane Doe / AFP"
