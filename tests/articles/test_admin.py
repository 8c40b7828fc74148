"""The admin as editors use it: real requests through the test client."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag as TaggitTag

from articles.models import Article, ArticleSlugRedirect, Image, Tag
from tests.articles.fixtures_admin import *  # noqa: F403
from tests.articles.fixtures_admin import (
    article_form_data,
    bomb_png,
    make_article,
    png_bytes,
    publication_fields,
    upload,
)

pytestmark = pytest.mark.django_db

ARTICLES = "/admin/articles/article/"
ADD = ARTICLES + "add/"
IMAGES = "/admin/articles/image/"


def change_url(article):
    return f"{ARTICLES}{article.pk}/change/"


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def form_errors(response, field):
    return response.context["adminform"].form.errors.get(field, [])


def stored_files():
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def make_image(alt_text="Un chat sur un toit", **fields):
    image = Image(alt_text=alt_text, **fields)
    image.file.save("chat.png", upload(png_bytes(40, 30)), save=False)
    image.save()
    return image


# Adding and changing articles


def test_editor_adds_an_article_with_tags_and_sources(editor_client, editor):
    Tag.objects.create(name="Société")
    response = editor_client.post(
        ADD,
        article_form_data(
            title="Société : l'œuvre",
            standfirst="Le chapô.",
            body='<p onclick="x()">Le <strong>corps</strong>.</p><script>alert(1)</script>',
            authors=[editor.pk],
            tags="société, Intelligence artificielle",
            **{
                "sources-TOTAL_FORMS": "2",
                "sources-0-name": "AFP",
                "sources-0-url": "afp.com/depeche",
                "sources-0-order": "1",
                "sources-1-name": "Le Monde",
                "sources-1-url": "",
                "sources-1-order": "0",
            },
        ),
    )

    assert response.status_code == 302
    article = Article.objects.get()
    assert response["Location"] == ARTICLES
    assert article.slug == "societe-l-oeuvre"
    assert article.body == "<p>Le <strong>corps</strong>.</p>"
    assert article.status == Article.Status.DRAFT
    assert list(article.authors.all()) == [editor]
    assert sorted(article.tags.names()) == ["Intelligence artificielle", "Société"]
    assert Tag.objects.count() == 2  # "société" reused the existing tag
    assert [(s.name, s.url) for s in article.sources.all()] == [
        ("Le Monde", ""),
        ("AFP", "https://afp.com/depeche"),
    ]
    assert LogEntry.objects.filter(object_id=str(article.pk), action_flag=ADDITION).exists()


def test_add_form_loads_the_editor_the_suggestions_and_the_autocompletes(editor_client, editor):
    Tag.objects.create(name="Hardware")
    Tag.objects.create(name="Intelligence artificielle")

    response = editor_client.get(ADD)

    assert response.status_code == 200
    html = response.content.decode()
    # django-prose-editor's assets, served from the package's static files; its inline
    # import map runs under the Content-Security-Policy thanks to the request's nonce.
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])[1]
    assert f'<script type="importmap" nonce="{nonce}">' in html
    assert "/static/django_prose_editor/editor.js" in html
    assert "/static/django_prose_editor/configurable.js" in html
    assert "/static/django_prose_editor/editor.css" in html
    assert "data-django-prose-editor-configurable" in html
    # Tags: a plain text field, its datalist, and the local script.
    assert 'list="id_tags_suggestions"' in html
    assert '<option value="Hardware">' in html
    assert '<option value="Intelligence artificielle">' in html
    assert "/static/articles/admin/tag-suggest.js" in html
    # Autocompletes for authors and the featured image; slug filled from the title.
    form = response.context["adminform"].form
    assert "admin-autocomplete" in str(form["authors"])
    assert "admin-autocomplete" in str(form["featured_image"])
    assert form["authors"].initial == [editor.pk]
    assert "data-prepopulated-fields" in html and "#id_slug" in html
    assert "/static/articles/admin/slug-french.js" in html  # "œ" → "oe", as the server does
    # The status offers every choice to an editor.
    assert [value for value, _ in form.fields["status"].widget.choices] == [
        "draft",
        "review",
        "published",
    ]


def test_static_assets_of_the_admin_exist():
    from django.contrib.staticfiles import finders

    for path in (
        "django_prose_editor/editor.js",
        "django_prose_editor/configurable.js",
        "django_prose_editor/editor.css",
        "articles/admin/tag-suggest.js",
        "articles/admin/slug-french.js",
        "articles/admin/admin.css",
    ):
        assert finders.find(path), path


def test_a_single_tag_with_spaces_stays_one_tag(editor_client, editor):
    response = editor_client.post(
        ADD, article_form_data(authors=[editor.pk], tags="Intelligence artificielle")
    )

    assert response.status_code == 302
    assert list(Article.objects.get().tags.names()) == ["Intelligence artificielle"]


def test_editor_changes_an_article(editor_client, editor, author):
    article = make_article("Avant", authors=[author], tags=["Ancien"])

    page = editor_client.get(change_url(article))
    assert page.status_code == 200
    assert f'href="{article.get_preview_url()}"' in page.content.decode()  # the Preview link
    assert "viewsitelink" not in page.content.decode()  # a draft is not on the site

    response = editor_client.post(
        change_url(article),
        article_form_data(
            title="Après",
            slug=article.slug,
            authors=[author.pk, editor.pk],
            tags="Nouveau, Ancien",
        ),
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Après"
    assert set(article.authors.all()) == {author, editor}
    assert sorted(article.tags.names()) == ["Ancien", "Nouveau"]


def test_editor_publishes_from_the_form(editor_client, editor):
    article = make_article(authors=[editor])

    response = editor_client.post(
        change_url(article),
        article_form_data(title=article.title, slug=article.slug, authors=[editor.pk],
                          status="published"),
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at is not None
    assert article in Article.objects.published()
    assert LogEntry.objects.filter(object_id=str(article.pk), change_message="Published.").exists()

    page = editor_client.get(change_url(article)).content.decode()
    assert f'href="{article.get_absolute_url()}"' in page  # "View on site"


def test_authors_given_in_the_same_form_count_for_publication(editor_client, editor, author):
    article = make_article(authors=[])

    response = editor_client.post(
        change_url(article),
        article_form_data(title=article.title, slug=article.slug, authors=[author.pk],
                          status="published"),
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert list(article.authors.all()) == [author]


def test_editor_publishes_a_new_article_directly(editor_client, editor):
    response = editor_client.post(
        ADD, article_form_data(title="Tout de suite", authors=[editor.pk], status="published")
    )

    assert response.status_code == 302
    article = Article.objects.get()
    assert article.is_published
    assert list(article.authors.all()) == [editor]


def test_editor_schedules_from_the_form(editor_client, editor):
    article = make_article(authors=[editor])
    later = timezone.localtime() + timedelta(days=2)

    response = editor_client.post(
        change_url(article),
        article_form_data(
            title=article.title,
            slug=article.slug,
            authors=[editor.pk],
            status="published",
            **publication_fields(later),
        ),
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_scheduled
    assert article not in Article.objects.published()
    assert "Scheduled" in editor_client.get(ARTICLES).content.decode()


def test_a_refused_publication_is_a_form_error(editor_client, editor):
    article = make_article(authors=[editor])

    response = editor_client.post(
        change_url(article),
        article_form_data(title=article.title, slug=article.slug, authors=[editor.pk],
                          body="<p></p>", status="published"),
    )

    assert response.status_code == 200
    assert form_errors(response, "status") == ["The article has no body text."]
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.body == "<p>Du texte.</p>"


def test_a_new_article_refused_publication_is_not_created(editor_client, editor):
    response = editor_client.post(
        ADD, article_form_data(authors=[editor.pk], body="", status="published")
    )

    assert response.status_code == 200
    assert form_errors(response, "status") == ["The article has no body text."]
    assert not Article.objects.exists()


def test_editor_takes_an_article_back_to_draft_from_the_form(editor_client, editor):
    article = make_article(authors=[editor], status="published", published_at=timezone.now())

    response = editor_client.post(
        change_url(article),
        article_form_data(title=article.title, slug=article.slug, authors=[editor.pk],
                          status="draft"),
    )

    assert response.status_code == 302
    assert Article.objects.get().status == Article.Status.DRAFT
    assert LogEntry.objects.filter(change_message="Back to draft.").exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": ""}, "title"),
        ({"slug": "pris"}, "slug"),
        ({"slug": "pas une adresse !"}, "slug"),
        ({"authors": None}, "authors"),
        ({"status": "secret"}, "status"),
        ({"published_at_0": "demain", "published_at_1": "midi"}, "published_at"),
    ],
)
def test_bad_input_is_a_clear_form_error(editor_client, editor, data, field):
    make_article("Pris", slug="pris", authors=[editor])
    posted = article_form_data(title="Nouveau", authors=[editor.pk])
    posted.update(data)

    response = editor_client.post(ADD, {k: v for k, v in posted.items() if v is not None})

    assert response.status_code == 200
    assert form_errors(response, field)
    assert Article.objects.count() == 1


def test_an_old_address_cannot_be_reused(editor_client, editor):
    article = make_article("Premier", authors=[editor], status="published",
                           published_at=timezone.now())
    article.slug = "premier-renomme"
    article.save()

    response = editor_client.post(ADD, article_form_data(slug="premier", authors=[editor.pk]))

    assert response.status_code == 200
    assert form_errors(response, "slug")


# Bulk actions


def bulk(client, action, *articles):
    return client.post(
        ARTICLES,
        {"action": action, "_selected_action": [a.pk for a in articles], "index": "0"},
        follow=True,
    )


def test_bulk_publish(editor_client, editor):
    first, second = make_article("Un", authors=[editor]), make_article("Deux", authors=[editor])

    response = bulk(editor_client, "publish_selected", first, second)

    assert response.status_code == 200
    assert Article.objects.published().count() == 2
    assert "2 articles were published." in messages_of(response)
    assert LogEntry.objects.filter(change_message="Published.").count() == 2


def test_bulk_publish_reports_each_refusal(editor_client, editor):
    good = make_article("Complet", authors=[editor])
    empty = make_article("Sans corps", authors=[editor], body="")
    orphan = make_article("Sans auteur", authors=[])

    response = bulk(editor_client, "publish_selected", good, empty, orphan)

    assert set(Article.objects.published()) == {good}
    shown = messages_of(response)
    assert "1 article was published." in shown
    assert "“Sans corps” was not published: The article has no body text." in shown
    assert "“Sans auteur” was not published: The article has no author." in shown
    assert Article.objects.get(pk=empty.pk).status == Article.Status.DRAFT


def test_bulk_back_to_draft(editor_client, editor):
    now = timezone.now()
    first = make_article("Un", authors=[editor], status="published", published_at=now)
    second = make_article("Deux", authors=[editor], status="review")
    third = make_article("Trois", authors=[editor])

    response = bulk(editor_client, "back_to_draft_selected", first, second, third)

    assert set(Article.objects.values_list("status", flat=True)) == {"draft"}
    assert "2 articles were taken back to draft." in messages_of(response)


# The changelist


def test_changelist_shows_status_date_authors_tags_and_thumbnail(editor_client, editor):
    image = make_image(alt_text="Une forêt", credit="Jane", credit_source="AFP")
    article = make_article("Visible", authors=[editor], tags=["Nature"], featured_image=image,
                           status="published", published_at=timezone.now())

    response = editor_client.get(ARTICLES)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Visible" in html and "Published" in html
    assert "Edith Piaf" in html and "Nature" in html
    assert f'<img src="{image.file.url}" alt="Une forêt" width="80"' in html
    assert f'href="{article.get_preview_url()}"' in html
    assert f'href="{article.get_absolute_url()}"' in html


def test_changelist_filters_and_search(editor_client, editor, author):
    now = timezone.now()
    hardware = make_article("Des puces", authors=[editor], tags=["Hardware"],
                            status="published", published_at=now)
    make_article("Des fleurs", authors=[author], body="<p>Un jardin secret.</p>")

    def titles(query):
        response = editor_client.get(ARTICLES + query)
        assert response.status_code == 200
        return {a.title for a in response.context["cl"].result_list}

    tag = Tag.objects.get(name="Hardware")
    assert titles("?status__exact=published") == {"Des puces"}
    assert titles(f"?tags__id__exact={tag.pk}") == {"Des puces"}
    assert titles(f"?authors__id__exact={author.pk}") == {"Des fleurs"}
    assert titles("?q=jardin") == {"Des fleurs"}
    assert titles("?q=puces") == {"Des puces"}
    assert titles(f"?published_at__year={hardware.published_at.year}") == {"Des puces"}


def test_changelist_queries_do_not_grow_with_the_articles(editor_client, editor, author):
    def fill(count):
        for number in range(count):
            make_article(
                f"Article {number}",
                authors=[editor, author],
                tags=[f"Tag {number}", "Commun"],
                featured_image=make_image(),
                status="published",
                published_at=timezone.now(),
            )

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get(ARTICLES).status_code == 200
        return len(captured)

    fill(2)
    few = queries()
    fill(5)
    assert queries() == few


# Images


def image_data(file, **overrides):
    data = {
        "file": file,
        "alt_text": "Une photo",
        "caption": "",
        "credit": "Jane",
        "credit_source": "AFP",
        "source_url": "",
        "licence_name": "",
        "licence_url": "",
        "_save": "Save",
    }
    data.update(overrides)
    return data


def test_editor_uploads_an_image(editor_client, editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"

    response = editor_client.post(IMAGES + "add/", image_data(upload(png_bytes(40, 30))))

    assert response.status_code == 302
    image = Image.objects.get()
    assert image.uploaded_by == editor
    assert (image.width, image.height) == (40, 30)
    assert len(stored_files()) == 1


@pytest.mark.parametrize(
    ("content", "name", "limits", "message"),
    [
        (b"Ceci n'est pas une image.", "photo.jpg", {}, "not an image"),
        (b"", "photo.png", {}, "empty"),
        (png_bytes(64, 64, noise=True), "photo.png", {"IMAGE_MAX_UPLOAD_BYTES": 1000},
         "may not exceed"),
        (png_bytes(20, 20), "photo.png", {"IMAGE_MAX_PIXELS": 100}, "20 × 20 pixels"),
        (bomb_png(8_000, 8_000), "bombe.png", {}, "8000 × 8000 pixels"),
        (bomb_png(100_000, 100_000), "bombe.png", {}, "too many pixels"),
    ],
    ids=["text-as-jpg", "zero-bytes", "too-big", "too-many-pixels", "bomb", "huge-bomb"],
)
def test_a_bad_upload_is_a_form_error_and_nothing_is_stored(
    editor_client, settings, tmp_path, content, name, limits, message
):
    settings.MEDIA_ROOT = tmp_path / "media"
    for setting, value in limits.items():
        setattr(settings, setting, value)

    response = editor_client.post(
        IMAGES + "add/", image_data(upload(content, name, "image/jpeg"))
    )

    assert response.status_code == 200
    errors = form_errors(response, "file")
    assert errors and message in " ".join(errors), errors
    assert not Image.objects.exists()
    assert stored_files() == []


def test_a_non_web_image_format_is_refused(editor_client, settings, tmp_path):
    import io

    from PIL import Image as PILImage

    settings.MEDIA_ROOT = tmp_path / "media"
    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 4)).save(buffer, "TIFF")

    response = editor_client.post(
        IMAGES + "add/", image_data(upload(buffer.getvalue(), "scan.tif", "image/tiff"))
    )

    assert response.status_code == 200
    assert "TIFF images cannot be shown" in " ".join(form_errors(response, "file"))
    assert not Image.objects.exists()


def test_an_image_whose_file_went_missing_can_still_be_edited(editor_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    image = make_image()
    Path(image.file.path).unlink()

    response = editor_client.post(
        f"{IMAGES}{image.pk}/change/", image_data("", alt_text="Nouveau texte")
    )

    assert response.status_code == 302
    assert Image.objects.get().alt_text == "Nouveau texte"


def test_image_list_search_and_filter(editor_client):
    make_image(alt_text="Un chat", credit="Jane", credit_source="AFP",
               source_url="https://afp.com/photo")
    make_image(alt_text="Un chien", caption="Au parc", credit_source="Unsplash")

    response = editor_client.get(IMAGES)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'alt="Un chat" width="80"' in html
    assert "Image credit: Jane / AFP" in html
    assert 'href="https://afp.com/photo"' in html

    def alts(query):
        return {i.alt_text for i in editor_client.get(IMAGES + query).context["cl"].result_list}

    assert alts("?q=parc") == {"Un chien"}
    assert alts("?q=Jane") == {"Un chat"}
    assert alts("?credit_source=Unsplash") == {"Un chien"}


def test_featured_image_autocomplete(editor_client):
    make_image(alt_text="Un phare breton")
    make_image(alt_text="Une plage")

    response = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "article", "field_name": "featured_image",
         "term": "phare"},
    )

    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Un phare breton"]


def test_authors_autocomplete_for_editors(editor_client, author):
    response = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "article", "field_name": "authors",
         "term": "albert"},
    )

    assert response.status_code == 200
    assert [r["id"] for r in response.json()["results"]] == [str(author.pk)]


# Tags, old addresses, the site


def test_tag_admin_counts_articles_and_adds_tags(editor_client, editor):
    make_article("Un", authors=[editor], tags=["Hardware"])
    make_article("Deux", authors=[editor], tags=["Hardware", "Société"])

    response = editor_client.get("/admin/articles/tag/")
    counts = {t.name: t.article_count for t in response.context["cl"].result_list}
    assert counts == {"Hardware": 2, "Société": 1}
    assert {t.name for t in editor_client.get("/admin/articles/tag/?q=soc").context[
        "cl"].result_list} == {"Société"}

    form = editor_client.get("/admin/articles/tag/add/")
    assert "data-prepopulated-fields" in form.content.decode()
    response = editor_client.post(
        "/admin/articles/tag/add/",
        {"name": "Énergie", "slug": "energie", "description": "Tout sur l'énergie.",
         "section_position": "0", "_save": "Save"},
    )
    assert response.status_code == 302
    assert Tag.objects.get(slug="energie").description == "Tout sur l'énergie."


def test_slug_redirects_are_listed_read_only(editor_client, editor):
    article = make_article("Ancien", authors=[editor], status="published",
                           published_at=timezone.now())
    article.slug = "nouveau"
    article.save()
    redirect = ArticleSlugRedirect.objects.get()

    listing = editor_client.get("/admin/articles/articleslugredirect/")
    assert listing.status_code == 200
    assert "ancien" in listing.content.decode()
    assert editor_client.get("/admin/articles/articleslugredirect/add/").status_code == 403

    page = editor_client.get(f"/admin/articles/articleslugredirect/{redirect.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    response = editor_client.post(
        f"/admin/articles/articleslugredirect/{redirect.pk}/change/", {"old_slug": "pirate"}
    )
    assert response.status_code == 403
    assert ArticleSlugRedirect.objects.get().old_slug == "ancien"


def test_the_admin_is_titled_newsroom(editor_client):
    response = editor_client.get("/admin/")

    assert response.status_code == 200
    assert "<title>" in response.content.decode()
    assert admin.site.site_header == "Newsroom"
    assert "Newsroom" in response.content.decode()


def test_only_the_projects_tags_are_in_the_admin():
    assert not admin.site.is_registered(TaggitTag)
    assert admin.site.is_registered(Tag)


# Tags that only other authors' unpublished articles carry are not given away


@pytest.fixture
def tags_of_every_kind(author, other_author, editor):
    make_article("En ligne", authors=[other_author], tags=["Public"],
                 status=Article.Status.PUBLISHED, published_at=timezone.now())
    make_article("Mon brouillon", authors=[author], tags=["Le mien"])
    make_article("Son brouillon", authors=[other_author], tags=["Rachat secret"])
    make_article("Bientôt", authors=[other_author], tags=["Annonce à venir"],
                 status=Article.Status.PUBLISHED,
                 published_at=timezone.now() + timedelta(days=1))
    Tag.objects.create(name="Vocabulaire")  # unused: it names no article


def suggested(client, url):
    html = client.get(url).content.decode()
    datalist = html.split('<datalist id="id_tags_suggestions">')[1].split("</datalist>")[0]
    return set(re.findall(r'<option value="([^"]+)">', datalist))


def test_an_author_is_suggested_only_tags_that_give_no_one_away(
    author_client, tags_of_every_kind
):
    assert suggested(author_client, ADD) == {"Public", "Le mien", "Vocabulaire"}
    own = Article.objects.get(title="Mon brouillon")
    assert suggested(author_client, f"{ARTICLES}{own.pk}/change/") == {
        "Public", "Le mien", "Vocabulaire"
    }


def test_an_editor_is_suggested_every_tag(editor_client, tags_of_every_kind):
    assert suggested(editor_client, ADD) == {
        "Public", "Le mien", "Rachat secret", "Annonce à venir", "Vocabulaire"
    }


def test_the_tag_list_and_pages_hide_other_authors_unpublished_tags_from_an_author(
    author_client, editor_client, tags_of_every_kind
):
    listed = author_client.get("/admin/articles/tag/")
    assert {tag.name for tag in listed.context["cl"].result_list} == {
        "Public", "Le mien", "Vocabulaire"
    }
    secret = Tag.objects.get(name="Rachat secret")
    assert author_client.get(f"/admin/articles/tag/{secret.pk}/change/").status_code in (
        302, 404
    )
    assert "Rachat secret" not in author_client.get(
        "/admin/articles/tag/?q=Rachat"
    ).content.decode()
    assert editor_client.get(f"/admin/articles/tag/{secret.pk}/change/").status_code == 200


def test_an_author_counts_only_the_articles_of_a_tag_they_may_know_of(
    author_client, editor_client, author, other_author, tags_of_every_kind
):
    make_article("Son autre brouillon", authors=[other_author], tags=["Public", "Le mien"])

    def counts(client):
        listed = client.get("/admin/articles/tag/").context["cl"].result_list
        return {tag.name: tag.article_count for tag in listed}

    assert counts(author_client) == {"Public": 1, "Le mien": 1, "Vocabulaire": 0}
    assert counts(editor_client)["Public"] == 2
    assert counts(editor_client)["Le mien"] == 2
