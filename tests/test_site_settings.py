"""Site settings: one row edited in the admin, cached, and shown without a restart."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.flatpages.models import FlatPage
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains

from core.models import CACHE_KEY, SiteSettings
from core.roles import AUTHORS, EDITORS
from tests.factories import make_article

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def settings_form_data(site_settings, **overrides):
    data = {
        "site_name": site_settings.site_name,
        "tagline": site_settings.tagline,
        "disclosure_text": site_settings.disclosure_text,
        "disclosure_page": site_settings.disclosure_page_id or "",
        "disclosure_link_text": site_settings.disclosure_link_text,
        "editorial_responsibility": site_settings.editorial_responsibility,
        "editorial_responsibility_kind": site_settings.editorial_responsibility_kind,
        "comment_policy_page": site_settings.comment_policy_page_id or "",
        "default_social_image": "",
        "_save": "Save",
    }
    data.update(overrides)
    return data


def test_a_new_site_has_settings_linking_the_disclosure_and_comment_pages():
    site_settings = SiteSettings.current()

    assert site_settings.pk == 1
    assert site_settings.site_name
    assert site_settings.disclosure_url == "/a-propos-de-l-ia/"
    assert site_settings.comment_policy_url == "/confidentialite-commentaires/"


def test_there_is_only_ever_one_row():
    SiteSettings(site_name="Une autre").save()

    assert SiteSettings.objects.count() == 1
    assert SiteSettings.current().site_name == "Une autre"


def test_the_settings_are_read_from_the_cache_after_the_first_request(client):
    client.get("/")
    assert cache.get(CACHE_KEY) is not None

    with CaptureQueriesContext(connection) as queries:
        client.get("/")

    assert not any("newsroom_sitesettings" in query["sql"] for query in queries)


def test_a_page_asks_the_cache_for_the_settings_once(client, monkeypatch):
    # With a shared cache (Redis), every read is a round trip: a page needs a score of them
    # (site name, every absolute address, footer), the first one's copy serves the rest.
    article = make_article(tags=["Énergie"], sources=[("Rapport", "https://example.com/")])
    client.get(article.get_absolute_url())
    reads = []
    original_get = cache.get
    monkeypatch.setattr(
        cache, "get", lambda key, *args: reads.append(key) or original_get(key, *args)
    )

    assert client.get(article.get_absolute_url()).status_code == 200

    assert reads.count(CACHE_KEY) == 1


def test_a_change_made_by_another_process_shows_on_the_next_page(client):
    client.get("/")
    # Another server process saved the settings: this one's cache copy is dropped, and
    # no copy kept by the previous request may stand in for it.
    SiteSettings.objects.update(site_name="Le Fil du Soir")
    cache.delete(CACHE_KEY)

    assertContains(client.get("/"), "Le Fil du Soir")


def test_footer_text_changes_as_soon_as_the_setting_is_saved_in_the_admin(
    client, superuser_client
):
    assertContains(client.get("/"), "may be written with artificial intelligence")
    site_settings = SiteSettings.current()

    response = superuser_client.post(
        f"/admin/core/sitesettings/{site_settings.pk}/change/",
        settings_form_data(
            site_settings,
            disclosure_text="Tous nos textes sont écrits par une IA et relus par la rédaction.",
            disclosure_link_text="Notre charte",
        ),
    )

    assert response.status_code == 302
    page = client.get("/")
    assertContains(page, "Tous nos textes sont écrits par une IA et relus par la rédaction.")
    assertContains(page, '<a href="/a-propos-de-l-ia/">Notre charte</a>', html=True)
    assertNotContains(page, "may be written with artificial intelligence")


def test_site_name_and_editorial_responsibility_follow_the_settings(client):
    client.get("/")  # cached now
    site_settings = SiteSettings.objects.get()
    site_settings.site_name = "Le Fil Techno"
    site_settings.editorial_responsibility = "Éditions du Fil SAS"
    site_settings.save()

    page = client.get("/")

    assertContains(page, '<a class="site-name" href="/">Le Fil Techno</a>', html=True)
    assertContains(page, "Éditions du Fil SAS")


def test_renaming_the_disclosure_page_updates_every_footer(client):
    client.get("/")
    page = SiteSettings.objects.get().disclosure_page
    page.url = "/notre-usage-de-l-ia/"
    page.save()

    assertContains(client.get("/"), 'href="/notre-usage-de-l-ia/"')


def test_the_comment_form_links_to_the_chosen_comment_policy_page():
    policy = FlatPage.objects.create(url="/charte-commentaires/", title="Charte")
    site_settings = SiteSettings.objects.get()
    site_settings.comment_policy_page = policy
    site_settings.save()

    assert SiteSettings.current().comment_policy_url == "/charte-commentaires/"


def test_the_admin_list_opens_the_one_row_and_offers_no_add_or_delete(superuser_client):
    response = superuser_client.get("/admin/core/sitesettings/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/core/sitesettings/1/change/"
    assert superuser_client.get("/admin/core/sitesettings/add/").status_code == 403
    assert superuser_client.get("/admin/core/sitesettings/1/delete/").status_code == 403
    change = superuser_client.get("/admin/core/sitesettings/1/change/")
    assertContains(change, "editorial responsibility")


def test_an_empty_tagline_and_disclosure_fall_back_to_translated_defaults(settings):
    site_settings = SiteSettings.current()
    site_settings.tagline = ""
    site_settings.disclosure_text = ""

    assert site_settings.description == settings.NEWSROOM_SITE_DESCRIPTION
    assert site_settings.footer_disclosure
    assert site_settings.disclosure_link_label


@pytest.mark.parametrize("page", ["home", "article", "tag", "author", "missing", "flatpage"])
def test_every_reader_page_discloses_ai_writing_one_click_from_its_page(client, page):
    from django.utils import timezone

    from articles.models import Article, Tag

    author = get_user_model().objects.create_user("ines", first_name="Inès", last_name="Roy")
    tag = Tag.objects.create(name="Société")
    article = Article.objects.create(
        title="Un article",
        body="<p>Du texte.</p>",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    article.authors.add(author)
    article.tags.add(tag)
    url = {
        "home": "/",
        "article": article.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "author": "/auteurs/ines-roy/",
        "missing": "/nulle-part/",
        "flatpage": "/confidentialite-commentaires/",
    }[page]

    response = client.get(url)

    assert response.status_code == (404 if page == "missing" else 200)
    html = response.content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert "may be written with artificial intelligence" in footer
    assert '<a href="/a-propos-de-l-ia/">Learn more</a>' in footer


def test_editors_edit_the_settings_and_pages_authors_do_not():
    from django.contrib.auth.models import Group
    from django.test import Client

    editor = get_user_model().objects.create_user("edith", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    author = get_user_model().objects.create_user("albert", password="pw", is_staff=True)
    author.groups.add(Group.objects.get(name=AUTHORS))
    editor_client, author_client = Client(), Client()
    editor_client.force_login(editor)
    author_client.force_login(author)

    assert editor_client.get("/admin/core/sitesettings/1/change/").status_code == 200
    assert editor_client.get("/admin/flatpages/flatpage/add/").status_code == 200
    assert author_client.get("/admin/core/sitesettings/1/change/").status_code == 403
    assert author_client.get("/admin/flatpages/flatpage/").status_code == 403
