"""The reader site: what each page shows, to whom, in which language."""

import re
from datetime import timedelta

import pytest
from django.contrib.flatpages.models import FlatPage
from django.contrib.messages import constants as message_levels
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sites.models import Site
from django.test import Client, RequestFactory
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from articles.models import Article
from comments.models import Comment
from newsroom.views import server_error

pytestmark = pytest.mark.django_db


def html(response):
    return response.content.decode()


def count_h1(response):
    return len(re.findall(r"<h1[\s>]", html(response)))


def section(response, start_marker, end_marker):
    """The part of the page between two markers, to look inside one landmark."""
    text = html(response)
    start = text.index(start_marker)
    return text[start : text.index(end_marker, start)]


@pytest.fixture
def site_story(site_make_article, site_make_image, site_make_tag, site_authors):
    energy, society = site_make_tag("Énergie"), site_make_tag("Société")
    return site_make_article(
        "Le vent tourne pour les petites éoliennes",
        slug="vent-petites-eoliennes",
        standfirst="Les modèles domestiques séduisent les communes rurales.",
        body="<p>" + "mot " * 500 + "</p>",
        authors=site_authors,
        tags=[energy, society],
        sources=[("Revue des énergies", "https://example.com/revue")],
        featured_image=site_make_image(caption="Un parc au printemps."),
    )


# Home -------------------------------------------------------------------------


def test_a_card_names_the_topic_of_its_article_and_nothing_without_one(
    client, site_make_article, site_make_tag, site_authors
):
    site_make_article("Le plus récent", authors=site_authors, ago=timedelta(minutes=5))
    site_make_article(
        "Avec un sujet", authors=site_authors, tags=[site_make_tag("Énergie")],
        ago=timedelta(hours=1),
    )
    site_make_article("Sans sujet", authors=site_authors, ago=timedelta(hours=2))

    page = html(client.get("/"))

    assert page.count('class="card__kicker"') == 1
    assertContains(
        client.get("/"), '<p class="card__kicker"><a href="/tags/energie/">Énergie</a></p>',
        html=True,
    )


def test_home_leads_with_the_latest_published_article(client, site_make_article, site_authors):
    site_make_article("Le plus récent", authors=site_authors, ago=timedelta(minutes=5))
    site_make_article("Un peu plus ancien", authors=site_authors, ago=timedelta(hours=3))
    site_make_article("Brouillon caché", status=Article.Status.DRAFT)
    site_make_article("En relecture cachée", status=Article.Status.REVIEW)
    site_make_article("Programmé caché", published_at=timezone.now() + timedelta(days=1))

    response = client.get("/")

    assert response.status_code == 200
    assert response.context["lead_article"].title == "Le plus récent"
    assert [a.title for a in response.context["latest_articles"]] == ["Un peu plus ancien"]
    lead = section(response, 'class="lead"', "</article>")
    assert "Le plus récent" in lead
    assertContains(response, "Derniers articles")
    for hidden in ("Brouillon caché", "En relecture cachée", "Programmé caché"):
        assertNotContains(response, hidden)
    assert count_h1(response) == 1


def test_home_second_page_has_no_lead_and_links_back(client, site_make_article):
    for index in range(14):
        site_make_article(f"Article {index}", ago=timedelta(hours=index + 1))

    first = client.get("/")
    second = client.get("/?page=2")

    assertContains(first, 'href="/?page=2" rel="next"')
    assert "lead_article" not in second.context
    assert [a.title for a in second.context["latest_articles"]] == ["Article 12", "Article 13"]
    # Page 1 is linked at its clean address, which is the one search engines should keep.
    assertContains(second, 'href="/" rel="prev"')
    assertContains(second, 'href="/?page=2" aria-current="page"')
    assertContains(second, 'aria-label="Pagination"')
    assert count_h1(second) == 1


def test_home_without_articles_says_so(client):
    response = client.get("/")

    assertContains(response, "Aucun article n’a encore été publié.")
    assert count_h1(response) == 1


def test_topic_menu_lists_only_sections_with_published_articles(
    client, site_make_article, site_make_tag
):
    shown = site_make_tag("Logiciel libre", is_section=True)
    only_draft = site_make_tag("Robotique", is_section=True)
    site_make_tag("Espace", is_section=True)
    site_make_article("Publié", tags=[shown])
    site_make_article("Brouillon", tags=[only_draft], status=Article.Status.DRAFT)

    nav = section(client.get("/"), 'class="primary-nav"', "</nav>")

    assert 'href="/tags/logiciel-libre/"' in nav
    assert "Robotique" not in nav
    assert "Espace" not in nav


# Article page -----------------------------------------------------------------


def test_article_page_shows_the_article_with_its_credits(client, site_story):
    response = client.get("/articles/vent-petites-eoliennes/")

    assert response.status_code == 200
    assert count_h1(response) == 1
    assertContains(
        response,
        '<h1 class="article__title">Le vent tourne pour les petites éoliennes</h1>',
        html=True,
    )
    assertContains(response, 'alt="Deux éoliennes au-dessus d’un champ de colza"')
    assertContains(response, 'width="120" height="80"')
    assertContains(response, "Un parc au printemps.")
    assertContains(response, "Crédit image : Jeanne Roux / Agence Plein Champ")
    assertContains(response, 'href="/tags/energie/"')
    assertContains(response, 'href="/tags/societe/"')
    assertContains(response, "0 commentaire<")
    assertContains(response, "Lecture : 3 min")
    assertContains(response, "Les modèles domestiques séduisent les communes rurales.")
    assertContains(
        response,
        '<p>Source : <a href="https://example.com/revue">Revue des énergies</a></p>',
        html=True,
    )
    byline = section(response, 'class="byline"', "</p>")
    assert '<a href="/auteurs/camille-lefevre/" rel="author">Camille Lefèvre</a>' in byline
    assert '<a href="/auteurs/noor-haddad/" rel="author">Noor Haddad</a>' in byline
    assert " et " in byline
    assert "Publié le" in byline
    assert "<time datetime=" in byline
    assert "Mis à jour" not in byline
    assertNotContains(response, 'name="robots"')


def test_article_page_orders_its_parts_like_a_magazine(client, site_story):
    text = section(client.get("/articles/vent-petites-eoliennes/"), "<main", "</main>")

    positions = [
        text.index("<figure"),
        text.index('class="tag-list"'),
        text.index("0 commentaire"),
        text.index("<h1"),
        text.index('class="byline"'),
        text.index("Les modèles domestiques"),
        text.index("Lecture :"),
        text.index("mot mot"),
        text.index("Source :"),
        text.index('id="comments"'),
    ]
    assert positions == sorted(positions)


def test_article_page_lists_several_sources_with_and_without_links(client, site_make_article):
    site_make_article(
        "Deux sources",
        slug="deux-sources",
        sources=[("Agence liée", "https://example.com/a"), "Entretien avec l’auteur"],
    )

    response = client.get("/articles/deux-sources/")

    assertContains(response, "Sources :")
    assertContains(response, '<li><a href="https://example.com/a">Agence liée</a></li>', html=True)
    assertContains(response, "<li>Entretien avec l’auteur</li>", html=True)


def test_article_without_image_or_credit_prints_neither(client, site_make_article, site_make_image):
    site_make_article("Sans image", slug="sans-image")
    site_make_article(
        "Sans crédit",
        slug="sans-credit",
        featured_image=site_make_image(credit="", credit_source=""),
    )

    assertNotContains(client.get("/articles/sans-image/"), "<figure")
    assertNotContains(client.get("/articles/sans-credit/"), "Crédit image")


@pytest.mark.parametrize(
    ("approved", "wording"),
    [(0, "0 commentaire"), (1, "1 commentaire"), (3, "3 commentaires")],
)
def test_comment_count_counts_approved_comments_in_french(client, site_story, approved, wording):
    for index in range(approved):
        Comment.objects.create(
            article=site_story,
            name=f"Lecteur {index}",
            body="Merci.",
            status=Comment.Status.APPROVED,
        )
    Comment.objects.create(article=site_story, name="Attente", body="?")

    response = client.get("/articles/vent-petites-eoliennes/")

    assertContains(response, f'<a class="comment-count" href="#comments">{wording}</a>', html=True)


def test_update_date_appears_when_the_article_changed_after_publication(client, site_make_article):
    article = site_make_article("Corrigé", slug="corrige", ago=timedelta(days=2))
    # updated_at is set on save; a later correction moves it past the publication.
    Article.objects.filter(pk=article.pk).update(updated_at=timezone.now())

    byline = section(client.get("/articles/corrige/"), 'class="byline"', "</p>")

    assert "Mis à jour le <time datetime=" in byline


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.REVIEW},
        {"published_at": timezone.now() + timedelta(days=3)},
    ],
    ids=["draft", "review", "scheduled"],
)
def test_unpublished_articles_are_not_found(client, site_make_article, fields):
    site_make_article("Pas encore", slug="pas-encore", **fields)

    assert client.get("/articles/pas-encore/").status_code == 404


def test_editor_previews_a_draft_with_a_warning(site_make_article, site_editor, site_authors):
    draft = site_make_article("Brouillon", status=Article.Status.DRAFT, authors=site_authors)
    client = Client()
    client.force_login(site_editor)

    response = client.get(f"/apercu/{draft.pk}/")

    assert response.status_code == 200
    assertContains(response, "Aperçu — cet article n’est pas publié")
    assertContains(response, '<meta name="robots" content="noindex')
    assertContains(response, "Pas encore publié")


def test_preview_is_not_found_for_anonymous_readers(client, site_make_article):
    draft = site_make_article("Brouillon", status=Article.Status.DRAFT)

    assert client.get(f"/apercu/{draft.pk}/").status_code == 404


def test_renamed_article_redirects_permanently_from_its_old_address(client, site_make_article):
    article = site_make_article("Titre", slug="ancienne-adresse")
    article.slug = "nouvelle-adresse"
    article.save()

    response = client.get("/articles/ancienne-adresse/")

    assertRedirects(response, "/articles/nouvelle-adresse/", status_code=301)


def test_related_articles_share_tags(client, site_story, site_make_article):
    energy = site_story.tags.get(name="Énergie")
    site_make_article("Voisin par le sujet", tags=[energy])
    site_make_article("Sans rapport")

    related = section(
        client.get("/articles/vent-petites-eoliennes/"), 'class="related', "</section>"
    )

    assert "Voisin par le sujet" in related
    assert "Sans rapport" not in related
    assert "<h3" in related


# Archives ---------------------------------------------------------------------


def test_tag_archive_lists_the_published_articles_of_the_tag(
    client, site_make_article, site_make_tag
):
    tag = site_make_tag("Énergie", description="Le coût électrique du numérique.")
    other = site_make_tag("Société")
    site_make_article("Dans le thème", tags=[tag])
    site_make_article("Autre thème", tags=[other])
    site_make_article("Brouillon du thème", tags=[tag], status=Article.Status.DRAFT)

    response = client.get("/tags/energie/")

    assert response.status_code == 200
    assertContains(response, '<h1 class="page-title">Énergie</h1>', html=True)
    assertContains(response, "Le coût électrique du numérique.")
    assert [a.title for a in response.context["articles"]] == ["Dans le thème"]
    assertNotContains(response, "Brouillon du thème")


def test_tag_archive_paginates(client, site_make_article, site_make_tag):
    tag = site_make_tag("Énergie")
    for index in range(13):
        site_make_article(f"Énergie {index}", tags=[tag], ago=timedelta(hours=index + 1))

    first = client.get("/tags/energie/")
    second = client.get("/tags/energie/?page=2")

    assert len(first.context["articles"]) == 12
    assertContains(first, 'href="/tags/energie/?page=2" rel="next"')
    assert [a.title for a in second.context["articles"]] == ["Énergie 12"]
    assertContains(second, "page 2")
    assert client.get("/tags/energie/?page=3").status_code == 404


def test_unknown_tag_is_not_found(client):
    assert client.get("/tags/inconnu/").status_code == 404


def test_author_archive_lists_the_published_articles_of_the_author(
    client, site_make_article, site_authors
):
    camille, noor = site_authors
    site_make_article("Par Camille", authors=[camille])
    site_make_article("Par Noor", authors=[noor])
    site_make_article("Brouillon de Camille", authors=[camille], status=Article.Status.DRAFT)

    response = client.get("/auteurs/camille-lefevre/")

    assert response.status_code == 200
    assertContains(response, '<h1 class="page-title">Camille Lefèvre</h1>', html=True)
    assert [a.title for a in response.context["articles"]] == ["Par Camille"]


def test_author_without_full_name_is_never_shown_by_username(
    client, site_make_article, site_make_user
):
    # The username is half of what signing in asks: readers get "the newsroom".
    site_make_article("Anonyme", authors=[site_make_user("plume")])

    assert client.get("/auteurs/plume/").status_code == 404
    response = client.get("/auteurs/auteur/")

    assert response.status_code == 200
    assert "plume" not in response.text
    assert re.search(
        r'<h1 class="page-title">(La rédaction|The newsroom)</h1>', response.text
    )


def test_author_archive_paginates(client, site_make_article, site_authors):
    for index in range(13):
        site_make_article(f"Texte {index}", authors=site_authors[:1], ago=timedelta(hours=index))

    second = client.get("/auteurs/camille-lefevre/?page=2")

    assert [a.title for a in second.context["articles"]] == ["Texte 12"]
    assertContains(second, 'href="/auteurs/camille-lefevre/" rel="prev"')


def test_unknown_or_inactive_author_is_not_found(client, site_make_user):
    site_make_user("parti", is_active=False)

    assert client.get("/auteurs/personne/").status_code == 404
    assert client.get("/auteurs/parti/").status_code == 404


# Languages --------------------------------------------------------------------


def test_english_pages_live_under_en(client, site_story):
    home = client.get("/en/")
    article = client.get("/en/articles/vent-petites-eoliennes/")

    assertContains(home, '<html lang="en">')
    assertContains(home, "Newsroom: front page")
    assertContains(home, "Skip to main content")
    assertContains(article, "Image credit: Jeanne Roux / Agence Plein Champ")
    assertContains(article, "0 comments")
    assertContains(article, "Reading time: 3 min")
    assertContains(article, "Source:")
    assertContains(article, 'href="/en/tags/energie/"')


def test_french_is_the_default_language(client, site_story):
    response = client.get("/articles/vent-petites-eoliennes/")

    assertContains(response, '<html lang="fr">')
    assertContains(response, "Aller au contenu principal")


def test_language_switch_links_to_the_same_page_in_the_other_language(client, site_story):
    french = section(
        client.get("/articles/vent-petites-eoliennes/"), 'class="language-switch"', "</nav>"
    )
    english = section(
        client.get("/en/articles/vent-petites-eoliennes/"), 'class="language-switch"', "</nav>"
    )

    assert 'href="/en/articles/vent-petites-eoliennes/" hreflang="en"' in french
    assert 'href="/articles/vent-petites-eoliennes/" hreflang="fr"' in english
    assert 'aria-current="true">Français' in french
    assert 'aria-current="true">English' in english


def test_language_switch_keeps_the_page_number(client, site_make_tag, site_make_article):
    site_make_article("Un", tags=[site_make_tag("Énergie")])

    response = client.get("/tags/energie/?page=1")

    assertContains(response, 'href="/en/tags/energie/?page=1" hreflang="en"')
    assertContains(
        response,
        '<link rel="alternate" hreflang="en" href="http://testserver/en/tags/energie/?page=1">',
    )
    assertContains(
        response,
        '<link rel="alternate" hreflang="x-default" href="http://testserver/tags/energie/?page=1">',
    )


@pytest.mark.parametrize("language", ["fr", "en"])
def test_language_links_are_the_addresses_translate_url_gives(
    client, site_story, site_make_tag, language
):
    import html as html_module

    from django.urls import reverse, translate_url
    from django.utils import translation

    author = site_story.authors.first().profile.public_slug
    prefix = "" if language == "fr" else "/en"
    paths = [
        "/", "/articles/vent-petites-eoliennes/", "/articles/vent-petites-eoliennes/?comments=2",
        "/tags/energie/?page=1&x=%3Cb%3E", f"/auteurs/{author}/", "/search/?q=%C3%A9t%C3%A9",
        f"/{timezone.now().year}/",
    ]
    for path in paths:
        response = client.get(prefix + path)
        assert response.status_code == 200, path
        switch = section(response, 'class="language-switch"', "</nav>")
        links = {code: url for url, code in re.findall(r'href="([^"]*)" hreflang="(\w+)"', switch)}
        with translation.override(language):
            full_path = response.wsgi_request.get_full_path()
            for code in ("fr", "en"):
                expected = translate_url(full_path, code)
                if expected == full_path and code != language:
                    with translation.override(code):
                        expected = reverse("articles:home")
                assert html_module.unescape(links[code]) == expected, (path, code)


# Site-wide parts --------------------------------------------------------------


def test_every_page_has_the_landmarks_and_a_skip_link(client, site_story):
    response = client.get("/")

    text = html(response)
    assert '<a class="skip-link" href="#content">' in text
    assert '<main id="content"' in text
    for landmark in ("<header", "<nav", "<footer"):
        assert landmark in text
    assertContains(response, 'role="search" aria-label="Recherche sur le site" action="/search/"')
    assertContains(response, '<label class="sr-only" for="site-search">')
    assert "style=" not in text
    # Structured data blocks are not run; anything else would need a CSP exception.
    assert not re.search(r"<script(?![^>]*application/ld\+json)", text)


def test_messages_are_announced(client, site_story):
    request = RequestFactory().get("/")
    storage = CookieStorage(request)
    client.cookies["messages"] = storage._encode(
        [Message(message_levels.SUCCESS, "Merci pour votre commentaire.")]
    )

    response = client.get("/")

    messages = section(response, 'class="messages', "</div>")
    assert 'role="status"' in messages
    assert "Merci pour votre commentaire." in messages


def test_missing_page_is_friendly(client):
    response = client.get("/page-qui-n-existe-pas/")

    assert response.status_code == 404
    assertContains(response, "Cette page est introuvable", status_code=404)
    assertContains(response, 'href="/"', status_code=404)
    assert count_h1(response) == 1


def test_missing_english_page_links_to_the_english_home(client):
    response = client.get("/en/nothing-here/")

    assertContains(response, "This page cannot be found", status_code=404)
    assertContains(response, 'class="button" href="/en/"', status_code=404)


def test_server_error_page_needs_neither_context_nor_database(django_assert_num_queries):
    request = RequestFactory().get("/")

    with django_assert_num_queries(0):
        response = server_error(request)

    assert response.status_code == 500
    text = response.content.decode()
    assert "/static/css/site.css" in text
    assert 'href="/"' in text
    assert text.count("<h1") == 1


def test_flat_pages_use_the_site_layout(client):
    page = FlatPage.objects.create(
        url="/a-propos/", title="À propos", content="<p>Une rédaction indépendante.</p>"
    )
    page.sites.add(Site.objects.get_current())

    response = client.get("/a-propos/")

    assert response.status_code == 200
    assertContains(response, '<h1 class="page-title">À propos</h1>', html=True)
    assertContains(response, "<p>Une rédaction indépendante.</p>", html=True)
    assertContains(response, '<main id="content"')
