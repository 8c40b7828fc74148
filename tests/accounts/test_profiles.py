"""Author pages have a public slug: no public address, page or feed shows a username."""

import json
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import update_last_login
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from accounts.models import Profile
from articles.models import Article, Tag
from core.roles import AUTHORS, EDITORS, MODERATORS
from tests.factories import PASSWORD, make_article, make_user

pytestmark = pytest.mark.django_db

#: A username nobody would write by chance: finding it anywhere means it leaked.
SECRET_LOGIN = "zq7-login-secret"
SECRET_EMAIL = "zq7-courriel@redaction.test"


@pytest.fixture
def marie():
    return make_user(
        SECRET_LOGIN, AUTHORS, first_name="Marie", last_name="Curie", email=SECRET_EMAIL
    )


@pytest.fixture
def published(marie, site_base_url):
    tag = Tag.objects.create(name="Physique")
    return make_article(
        "Le radium expliqué", authors=[marie], tags=[tag], body="<p>Du radium partout.</p>"
    )


# The slug ---------------------------------------------------------------------------


def test_every_user_gets_a_slug_made_from_their_name(marie):
    assert marie.profile.public_slug == "marie-curie"
    assert not marie.profile.public_slug_chosen


def test_people_of_the_same_name_are_told_apart():
    first = make_user("m1", first_name="Marie", last_name="Curie")
    second = make_user("m2", first_name="Marie", last_name="Curie")
    third = make_user("m3", first_name="Marie", last_name="Curie")

    slugs = [user.profile.public_slug for user in (first, second, third)]
    assert slugs == ["marie-curie", "marie-curie-2", "marie-curie-3"]


def test_accents_and_ligatures_are_transliterated():
    user = make_user("loe", first_name="Lætitia", last_name="Cœur-Élégant")
    assert user.profile.public_slug == "laetitia-coeur-elegant"


def test_an_account_made_without_a_name_gets_its_slug_from_the_name_given_later():
    # The admin's "add user" form asks only for a username and a password.
    user = get_user_model().objects.create_user("j.dupont42", password=PASSWORD)
    user.first_name, user.last_name = "Jeanne", "Dupont"
    user.save()

    user.profile.refresh_from_db()
    assert user.profile.public_slug == "jeanne-dupont"


def test_a_slug_chosen_by_hand_survives_a_change_of_name(marie):
    profile = marie.profile
    profile.public_slug = "madame-curie"
    profile.full_clean()
    profile.save()

    marie.last_name = "Skłodowska-Curie"
    marie.save()

    profile.refresh_from_db()
    assert profile.public_slug == "madame-curie"
    assert profile.public_slug_chosen


def test_a_slug_saved_alone_is_still_known_as_chosen(marie):
    marie.profile.public_slug = "madame-curie"
    marie.profile.save(update_fields=["public_slug"])

    marie.last_name = "Sklodowska"
    marie.save()

    marie.profile.refresh_from_db()
    assert marie.profile.public_slug == "madame-curie"


def test_an_automatic_slug_follows_a_change_of_name(marie):
    marie.last_name = "Sklodowska"
    marie.save()

    marie.profile.refresh_from_db()
    assert marie.profile.public_slug == "marie-sklodowska"


def test_signing_in_leaves_the_profile_alone(marie, django_assert_num_queries):
    # Signing in saves last_login alone: one UPDATE, no look at the profile.
    with django_assert_num_queries(1):
        update_last_login(None, marie)


@pytest.mark.parametrize(
    "slug", ["", "Marie-Curie", "marie curie", "marie--curie", "-marie", "marié", "m/c", "a_b"]
)
def test_a_malformed_slug_is_refused_from_code(marie, slug):
    profile = marie.profile
    profile.public_slug = slug
    with pytest.raises(ValidationError) as refused:
        profile.full_clean()
    assert "public_slug" in refused.value.message_dict


def test_a_slug_already_taken_is_refused_from_code(marie, english):
    other = make_user("pierre", first_name="Pierre", last_name="Curie")
    other.profile.public_slug = "marie-curie"
    with pytest.raises(ValidationError) as refused:
        other.profile.full_clean()
    assert refused.value.message_dict["public_slug"] == [
        "Another person’s page already has this address."
    ]


# Public pages --------------------------------------------------------------------------


def test_the_author_page_answers_at_the_slug_not_at_the_username(client, published):
    assert client.get("/auteurs/marie-curie/").status_code == 200
    assert client.get(f"/auteurs/{SECRET_LOGIN}/").status_code == 404
    assert client.get(f"/auteurs/{SECRET_LOGIN}/feed/rss/").status_code == 404
    assert client.get(f"/auteurs/{SECRET_LOGIN}/feed/atom/").status_code == 404


@pytest.mark.parametrize("role", [EDITORS, AUTHORS, MODERATORS, None])
def test_staff_who_never_published_have_no_page(client, role):
    user = make_user("jamais", role, first_name="Jamais", last_name="Publie")
    make_article("Un brouillon", authors=[user], status=Article.Status.DRAFT)
    make_article("Pour plus tard", authors=[user], ago=-timedelta(days=1))

    for address in (
        "/auteurs/jamais-publie/",
        "/auteurs/jamais-publie/feed/rss/",
        "/auteurs/jamais-publie/feed/atom/",
        "/auteurs/jamais/",
    ):
        assert client.get(address).status_code == 404, address


def test_an_inactive_author_has_no_page(client, published, marie):
    marie.is_active = False
    marie.save()

    assert client.get("/auteurs/marie-curie/").status_code == 404
    assert client.get("/auteurs/marie-curie/feed/rss/").status_code == 404


def test_the_page_moves_with_the_slug(client, published, marie):
    client.get("/auteurs/marie-curie/")  # kept by the page cache
    client.get(published.get_absolute_url())
    profile = marie.profile
    profile.public_slug = "madame-curie"
    profile.save()

    assert client.get("/auteurs/marie-curie/").status_code == 404
    assert client.get("/auteurs/madame-curie/").status_code == 200
    assert 'href="/auteurs/madame-curie/"' in client.get(published.get_absolute_url()).text


def test_bylines_json_ld_and_meta_tags_link_to_the_slug(client, published):
    html = client.get(published.get_absolute_url()).text

    assert '<a href="/auteurs/marie-curie/" rel="author">Marie Curie</a>' in html
    assert (
        '<meta property="article:author" content="http://testserver/auteurs/marie-curie/">' in html
    )
    blocks = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    authors = [
        author
        for block in blocks
        for item in [json.loads(block)]
        for author in (item.get("author") or [])
    ]
    assert {
        "@type": "Person",
        "name": "Marie Curie",
        "url": "http://testserver/auteurs/marie-curie/",
    } in authors


def test_feeds_give_the_slug_and_neither_the_username_nor_the_address(client, published):
    for address in (
        "/feeds/rss/",
        "/feeds/atom/",
        "/auteurs/marie-curie/feed/rss/",
        "/auteurs/marie-curie/feed/atom/",
    ):
        response = client.get(address)
        assert response.status_code == 200, address
        body = response.content.decode()
        assert "http://testserver/auteurs/marie-curie/" in body or "Marie Curie" in body
        assert SECRET_LOGIN not in body, address
        assert SECRET_EMAIL not in body, address
        assert "redaction.test" not in body, address


def test_the_authors_sitemap_lists_the_slug(client, published):
    body = client.get("/sitemap-authors.xml").content.decode()
    assert "<loc>http://testserver/auteurs/marie-curie/</loc>" in body


def anonymous_pages(published):
    published_at = published.published_at
    tag = published.tags.get()
    return [
        "/",
        published.get_absolute_url(),
        tag.get_absolute_url(),
        f"/tags/{tag.slug}/feed/rss/",
        f"/tags/{tag.slug}/feed/atom/",
        "/auteurs/marie-curie/",
        "/auteurs/marie-curie/feed/rss/",
        "/auteurs/marie-curie/feed/atom/",
        "/feeds/rss/",
        "/feeds/atom/",
        "/search/?q=radium",
        f"/{published_at:%Y}/",
        f"/{published_at:%Y/%m}/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/sitemap-tags.xml",
        "/sitemap-authors.xml",
        "/sitemap-pages.xml",
        "/news-sitemap.xml",
        "/en/",
        "/en" + published.get_absolute_url(),
        "/en/auteurs/marie-curie/",
    ]


def test_no_anonymous_page_shows_the_username_or_the_address(client, published):
    for address in anonymous_pages(published):
        response = client.get(address)
        assert response.status_code == 200, address
        body = response.content.decode()
        assert SECRET_LOGIN not in body, address
        assert SECRET_EMAIL not in body, address
    # The check can fail: the name is on those pages.
    assert "Marie Curie" in client.get("/search/?q=radium").content.decode()


# The admin ------------------------------------------------------------------------------


def change_url(profile):
    return reverse("admin:accounts_profile_change", args=[profile.pk])


def test_an_editor_changes_anyones_slug_in_the_admin(client, published, marie):
    editor = make_user("chef", EDITORS, first_name="Rita", last_name="Chef")
    client.force_login(editor)

    response = client.post(change_url(marie.profile), {"public_slug": "m-curie"})

    assert response.status_code == 302
    marie.profile.refresh_from_db()
    assert marie.profile.public_slug == "m-curie"
    assert marie.profile.public_slug_chosen
    client.logout()
    assert client.get("/auteurs/m-curie/").status_code == 200


def test_an_author_changes_their_own_slug_but_nobody_elses(client, published, marie):
    other = make_user("autre", AUTHORS, first_name="Paul", last_name="Langevin")
    client.force_login(marie)

    changelist = client.get(reverse("admin:accounts_profile_changelist")).text
    assert "Marie Curie" in changelist and "Paul Langevin" not in changelist
    assert client.get(change_url(other.profile)).status_code in (302, 403, 404)
    assert client.post(change_url(other.profile), {"public_slug": "vole"}).status_code in (
        302,
        403,
        404,
    )
    other.profile.refresh_from_db()
    assert other.profile.public_slug == "paul-langevin"

    response = client.post(change_url(marie.profile), {"public_slug": "marie-s-curie"})
    assert response.status_code == 302
    marie.profile.refresh_from_db()
    assert marie.profile.public_slug == "marie-s-curie"


def test_the_admin_refuses_a_taken_or_malformed_slug_with_a_message(client, marie, english):
    make_user("pierre", first_name="Pierre", last_name="Curie")
    client.force_login(marie)

    taken = client.post(change_url(marie.profile), {"public_slug": "pierre-curie"})
    malformed = client.post(change_url(marie.profile), {"public_slug": "Marie Curie!"})

    assert taken.status_code == 200
    assert "Another person’s page already has this address." in taken.text
    assert malformed.status_code == 200
    assert "Use lowercase letters without accents" in malformed.text
    marie.profile.refresh_from_db()
    assert marie.profile.public_slug == "marie-curie"


def test_the_admin_speaks_french_about_slugs(client, marie, settings):
    settings.LANGUAGE_CODE = "fr"
    make_user("pierre", first_name="Pierre", last_name="Curie")
    client.force_login(marie)

    taken = client.post(change_url(marie.profile), {"public_slug": "pierre-curie"})

    assert "Another person" not in taken.text
    assert "adresse" in taken.text


def test_nobody_adds_or_deletes_profiles_in_the_admin(client, marie):
    root = get_user_model().objects.create_superuser("racine", "r@example.test", "pw")
    client.force_login(root)
    assert client.get(reverse("admin:accounts_profile_add")).status_code == 403
    assert (
        client.get(reverse("admin:accounts_profile_delete", args=[marie.profile.pk])).status_code
        == 403
    )


# The data migration -----------------------------------------------------------------------


@pytest.fixture
def executor():
    executor = MigrationExecutor(connection)
    yield executor
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_users_made_before_profiles_existed_get_one(executor):
    executor.migrate([("accounts", None)])
    old = executor.loader.project_state([("auth", "0012_alter_user_first_name_max_length")]).apps
    User = old.get_model("auth", "User")
    User.objects.create(username="anne.login", first_name="Anne", last_name="Hébert")
    User.objects.create(username="anne2.login", first_name="Anne", last_name="Hébert")
    User.objects.create(username="sansnom")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    slugs = dict(Profile.objects.values_list("user__username", "public_slug"))
    assert slugs["anne.login"] == "anne-hebert"
    assert slugs["anne2.login"] == "anne-hebert-2"
    assert slugs["sansnom"] == "auteur"  # never the username


def test_staff_without_a_name_are_never_shown_to_readers_by_their_username(client, site_base_url):
    """An account made with a username alone (the admin's "add user" form) writes and
    reviews: readers see "The newsroom" and an address that is not the username."""
    from articles.vocabulary import WritingMethod

    nameless = make_user("zq7-sans-nom", AUTHORS, email="")
    reviewer = make_user("zq7-relecteur", EDITORS, email="")
    assert nameless.profile.public_slug == "auteur"
    tag = Tag.objects.create(name="Physique")
    article = make_article(
        "Le radium expliqué", authors=[nameless], tags=[tag],
        writing_method=WritingMethod.AI_GENERATED, review_done=True, reviewed_by=reviewer,
        reviewed_at=timezone.now(),
    )
    pages = [
        article.get_absolute_url(),
        "/auteurs/auteur/",
        "/auteurs/auteur/feed/rss/",
        "/auteurs/auteur/feed/atom/",
        "/feeds/rss/",
        "/feeds/atom/",
        f"/tags/{tag.slug}/",
        "/sitemap-authors.xml",
        "/en" + article.get_absolute_url(),
    ]
    for address in pages:
        response = client.get(address)
        assert response.status_code == 200, address
        assert "zq7" not in response.content.decode(), address
    # The check can fail: the names readers are given are on those pages.
    page = client.get(article.get_absolute_url()).content.decode()
    assert page.count("The newsroom") >= 2  # the byline, the review's mention


def test_the_admin_names_staff_by_their_name_in_the_authors_filter_and_choices(client):
    marie = make_user(SECRET_LOGIN, AUTHORS, first_name="Marie", last_name="Curie")
    make_article("Le radium expliqué", authors=[marie])
    editor = make_user("chef", EDITORS, first_name="Rita", last_name="Chef")
    client.force_login(editor)

    changelist = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "Marie Curie" in changelist and SECRET_LOGIN not in changelist
    answer = client.get(
        reverse("admin:autocomplete"),
        {"term": "Curie", "app_label": "articles", "model_name": "article",
         "field_name": "authors"},
    ).json()
    assert [result["text"] for result in answer["results"]] == ["Marie Curie"]
