"""Pictures of the media library inside an article's text: stored as references, shown with
their renditions and credit, held to the publishing policy, never deleted while shown."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import ProtectedError
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from reversion.models import Version

from articles.actions import PublishArticle, RestoreRevision, SaveArticle, SaveImage
from articles.images.renditions import build_renditions
from articles.models import Article, ArticleBodyImage, Image
from articles.sanitizer import sanitize_html
from tests.articles.fixtures_admin import *  # noqa: F403
from tests.articles.fixtures_admin import (
    article_form_data,
    make_article,
    png_bytes,
    upload,
)

pytestmark = pytest.mark.django_db

ARTICLES = "/admin/articles/article/"
IMAGES = "/admin/articles/image/"


def make_image(alt_text="Un phare dans la tempête", credit="Jeanne Roux", **fields):
    image = Image(alt_text=alt_text, credit=credit, **fields)
    image.file.save("photo.png", upload(png_bytes(1000, 600)), save=False)
    image.save()
    return image


def figure(image, *, decorative=False, caption=""):
    flag = "true" if decorative else "false"
    inside = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f'<figure data-image-id="{image.pk}" data-decorative="{flag}">{inside}</figure>'


def published(title="Le phare", body="<p>Du texte.</p>", **fields):
    return make_article(
        title,
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(hours=1),
        body=body,
        **fields,
    )


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# Stored as a reference, kept by the one sanitizer


def test_a_figure_is_stored_as_a_reference_whatever_it_holds():
    dirty = (
        '<figure data-image-id="42" data-decorative="true" onclick="x()" class="big" '
        'style="color:red"><img src="https://evil.example/x.png" onerror="y()">'
        "<figcaption>Au <b>large</b> &amp; loin</figcaption><p>texte</p></figure>"
    )

    assert sanitize_html(dirty) == (
        '<figure data-image-id="42" data-decorative="true">'
        "<figcaption>Au large &amp; loin</figcaption></figure>"
    )


@pytest.mark.parametrize(
    "hostile",
    [
        '<figure data-image-id="42 onload=x"></figure>',
        '<figure data-image-id="-1"></figure>',
        '<figure data-image-id="0"></figure>',
        '<figure data-image-id="javascript:alert(1)"></figure>',
    ],
)
def test_a_figure_without_a_valid_image_id_is_dropped(hostile):
    assert "data-image-id" not in sanitize_html(hostile)


def test_an_unknown_decorative_value_means_not_decorative():
    cleaned = sanitize_html('<figure data-image-id="7" data-decorative="yes"></figure>')

    assert cleaned == '<figure data-image-id="7" data-decorative="false"></figure>'


def test_the_sanitizer_keeps_tables_and_pull_quotes_and_nothing_more():
    html = (
        '<table><tbody><tr><th colspan="2"><p>Année</p></th></tr>'
        '<tr><td rowspan="1"><p>2025</p></td><td><p>12 %</p></td></tr></tbody></table>'
        '<blockquote class="pullquote"><p>« La mer monte. »</p></blockquote>'
    )
    assert sanitize_html(html) == html
    assert sanitize_html('<td style="x" onclick="y">a</td>') == "a"
    assert sanitize_html('<blockquote class="pullquote shout"><p>Q</p></blockquote>') == (
        '<blockquote class="pullquote"><p>Q</p></blockquote>'
    )


def test_the_sanitizer_is_stable_on_its_own_output():
    html = sanitize_html(
        '<p>a</p><figure data-image-id="3" data-decorative="false"><figcaption>« x » &lt;'
        "</figcaption></figure><figure data-embed-url=\"https://youtu.be/dQw4w9WgXcQ\">"
        "</figure>"
    )

    assert sanitize_html(html) == html


# Rendered on the page, in the feed, with the featured image's markup


def test_a_figure_shows_the_picture_with_its_renditions_alt_text_and_credit(client):
    image = make_image(credit_source="Agence Mer", caption="Sa légende")
    build_renditions(image)
    published(body=f"<p>Avant.</p>{figure(image)}<p>Après.</p>")

    html = client.get("/articles/le-phare/").content.decode()

    body = html[html.index("article__body"):]
    assert '<figure class="figure">' in body
    assert 'alt="Un phare dans la tempête"' in body
    assert "-w480.webp 480w" in body and 'sizes="(min-width: 41rem) 39rem, 100vw"' in body
    assert 'loading="lazy"' in body
    assert "Jeanne Roux / Agence Mer" in body
    assert "Sa légende" in body
    assert "data-image-id" not in body


def test_a_caption_written_in_the_text_replaces_the_images_own(client):
    image = make_image(caption="La légende de la photothèque")
    published(body=figure(image, caption="Vu depuis la jetée"))

    html = client.get("/articles/le-phare/").content.decode()

    assert "Vu depuis la jetée" in html
    assert "La légende de la photothèque" not in html


def test_a_decorative_figure_has_an_empty_alt_text(client):
    image = make_image(alt_text="")
    published(body=figure(image, decorative=True))

    html = client.get("/articles/le-phare/").content.decode()

    body = html[html.index("article__body"):]
    assert 'alt=""' in body


def test_an_unknown_image_renders_nothing(client):
    published(body='<p>Texte.</p><figure data-image-id="999999" data-decorative="false">'
                   "<figcaption>Perdue</figcaption></figure>")

    response = client.get("/articles/le-phare/")

    assert response.status_code == 200
    assert "Perdue" not in response.content.decode()
    assert "Texte." in response.content.decode()


def test_the_feed_shows_the_figure_with_absolute_addresses(client):
    image = make_image(credit_source="Agence Mer")
    build_renditions(image)
    published(body=f"<p>Texte.</p>{figure(image)}")

    xml = client.get("/feeds/rss/").content.decode()

    assert "Jeanne Roux / Agence Mer" in xml
    assert "https://" in xml and "-w480.webp 480w" in xml
    assert 'src="/media/' not in xml.replace("&quot;", '"')


def test_the_pictures_of_a_text_cost_one_query_whatever_their_number(client, editor):
    author = editor
    featured = make_image()
    images = [make_image(alt_text=f"Photo {n}") for n in range(3)]
    for image in (featured, *images):
        build_renditions(image)
    published("Sans figure", featured_image=featured, authors=[author])
    published(
        "Une figure", featured_image=featured, authors=[author], body=figure(images[0])
    )
    published(
        "Trois figures",
        featured_image=featured,
        authors=[author],
        body="".join(f"<p>Paragraphe {n}.</p>{figure(image)}" for n, image in enumerate(images)),
    )

    def queries(url):
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured.captured_queries), response.content.decode()

    none, _ = queries("/articles/sans-figure/")
    one, _ = queries("/articles/une-figure/")
    three, html = queries("/articles/trois-figures/")

    assert html.count('<figure class="figure">') == 3
    # A text without pictures does not ask for them.
    assert one == three == none + 1


# The relation table: where an image is used, and no deletion while it is


def test_saving_keeps_the_list_of_pictures_a_text_shows():
    first, second = make_image(), make_image()
    article = make_article(body=figure(first) + figure(second))
    assert set(article.body_image_links.values_list("image_id", flat=True)) == {
        first.pk, second.pk
    }

    article.body = figure(second)
    article.save()

    assert list(article.body_image_links.values_list("image_id", flat=True)) == [second.pk]
    assert list(second.usage()) == [article]


def test_an_image_shown_in_a_text_cannot_be_deleted(editor, editor_client):
    image = make_image()
    make_article("Le phare", authors=[editor], body=figure(image))

    with pytest.raises(ProtectedError):
        image.delete()

    response = editor_client.post(f"{IMAGES}{image.pk}/delete/", {"post": "yes"}, follow=True)
    assert Image.objects.filter(pk=image.pk).exists()
    assert any(
        "is shown in the text of the article “Le phare”" in message
        and "take it out of this text first" in message
        for message in messages_of(response)
    )

    response = editor_client.post(
        IMAGES, {"action": "delete_selected", "_selected_action": [image.pk]}, follow=True
    )
    assert Image.objects.filter(pk=image.pk).exists()
    assert any("“Le phare”" in message for message in messages_of(response))


def test_the_media_library_lists_the_articles_that_show_an_image(editor, editor_client):
    image = make_image()
    article = make_article("Le phare", authors=[editor], body=figure(image))

    listing = editor_client.get(IMAGES).content.decode()
    change = editor_client.get(f"{IMAGES}{image.pk}/change/").content.decode()
    chosen = editor_client.get(f"{ARTICLES}?image={image.pk}")

    assert f'href="{ARTICLES}?image={image.pk}">1 article</a>' in listing
    assert f'<a href="{ARTICLES}{article.pk}/change/">Le phare</a>' in change
    assert [a.title for a in chosen.context["cl"].result_list] == ["Le phare"]
    assert editor_client.get(f"{ARTICLES}?image=abc").status_code == 200


# The publishing policy holds for every picture of the text


def test_publishing_with_an_uncredited_figure_is_refused_in_the_admin(editor, editor_client):
    image = make_image(credit="")
    article = make_article("Le phare", authors=[editor], body=f"<p>Texte.</p>{figure(image)}")

    response = editor_client.post(
        f"{ARTICLES}{article.pk}/change/",
        article_form_data(
            title="Le phare", body=article.body, status="published", authors=[editor.pk]
        ),
    )

    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors["status"])
    assert "The picture “Un phare dans la tempête” in the text has no credit" in errors
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_publishing_with_a_figure_without_alt_text_is_refused_by_the_action(editor):
    image = make_image(alt_text="", caption="Le phare")
    article = make_article(authors=[editor], body=f"<p>Texte.</p>{figure(image)}")

    with pytest.raises(ValidationError) as refusal:
        PublishArticle(article, editor).execute()

    assert "has no alternative text" in " ".join(refusal.value.messages)

    article.body = f"<p>Texte.</p>{figure(image, decorative=True)}"
    SaveArticle(article, editor).execute()
    PublishArticle(Article.objects.get(pk=article.pk), editor).execute()
    assert Article.objects.get(pk=article.pk).is_published


def test_the_bulk_publish_refuses_an_uncredited_figure(editor, editor_client):
    image = make_image(credit="")
    article = make_article("Le phare", authors=[editor], body=f"<p>Texte.</p>{figure(image)}")

    response = editor_client.post(
        ARTICLES, {"action": "publish_selected", "_selected_action": [article.pk]}, follow=True
    )

    assert any("in the text has no credit" in message for message in messages_of(response))
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_restoring_a_version_with_an_uncredited_figure_is_refused(editor, editor_client):
    image = make_image()
    article = make_article("Le phare", authors=[editor], body=f"<p>Texte.</p>{figure(image)}")
    SaveArticle(article, editor).execute()
    with_figure = Version.objects.get_for_object(article).first()
    article.body = "<p>Texte sans photo.</p>"
    SaveArticle(article, editor).execute()
    PublishArticle(Article.objects.get(pk=article.pk), editor).execute()
    image.credit = ""
    SaveImage(image, editor).execute()  # Shown by no live article: allowed.

    response = editor_client.post(
        f"{ARTICLES}{article.pk}/history/{with_figure.pk}/", follow=True
    )

    assert any("in the text has no credit" in message for message in messages_of(response))
    assert Article.objects.get(pk=article.pk).body == "<p>Texte sans photo.</p>"
    with pytest.raises(ValidationError):
        RestoreRevision(Article.objects.get(pk=article.pk), with_figure, editor).execute()


def test_clearing_the_credit_of_a_figure_of_a_live_article_is_refused(editor, editor_client):
    image = make_image()
    published("Le phare", authors=[editor], body=figure(image))

    response = editor_client.post(
        f"{IMAGES}{image.pk}/change/",
        {
            "file": "",
            "alt_text": image.alt_text,
            "caption": "",
            "credit": "",
            "credit_source": "",
            "source_url": "",
            "licence_name": "",
            "licence_url": "",
            "digital_source_type": "digitalCapture",
            "focal_point_x": "",
            "focal_point_y": "",
            "_save": "Save",
        },
    )

    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert "in the text has no credit" in errors and "“Le phare”" in errors
    image.refresh_from_db()
    assert image.credit == "Jeanne Roux"


def test_the_alt_text_of_a_picture_shown_only_as_decorative_may_be_cleared(editor):
    image = make_image()
    published("Le phare", authors=[editor], body=figure(image, decorative=True))
    image.alt_text = ""
    SaveImage(image, editor).execute()

    image.credit = ""
    with pytest.raises(ValidationError) as refusal:
        SaveImage(image, editor).execute()
    assert "“Le phare”" in refusal.value.messages[0]


# A change of credit shows at once on every page that shows the picture


def test_a_new_credit_shows_on_the_cached_page_of_every_article(
    settings, client, editor, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    image = make_image()
    published("Le phare", authors=[editor], body=figure(image))
    published("La jetée", authors=[editor], body=f"<p>Texte.</p>{figure(image)}")
    for url in ("/articles/le-phare/", "/articles/la-jetee/"):
        assert "Jeanne Roux" in client.get(url).content.decode()
        assert "Jeanne Roux" in client.get(url).content.decode()  # now from the cache

    image.credit = "Paul Marin"
    with django_capture_on_commit_callbacks(execute=True):
        SaveImage(image, editor).execute()

    for url in ("/articles/le-phare/", "/articles/la-jetee/"):
        html = client.get(url).content.decode()
        assert "Paul Marin" in html and "Jeanne Roux" not in html


def test_an_article_page_names_the_pictures_of_its_text_for_the_cache(
    client, editor, settings
):
    settings.PAGE_CACHE_ENABLED = True
    settings.VARNISH_PURGE_URLS = ["http://127.0.0.1:1/"]
    image = make_image()
    published("Le phare", authors=[editor], body=figure(image))

    response = client.get("/articles/le-phare/")

    assert f"image-{image.pk}" in response.headers.get("xkey", "")
    assert ArticleBodyImage.objects.filter(image=image).count() == 1


# The editor's side


def test_the_article_editor_knows_the_media_library_and_speaks_french(editor_client, settings):
    settings.LANGUAGE_CODE = "fr"
    html = editor_client.get(f"{ARTICLES}add/").content.decode()

    assert "body-editor.js" in html
    assert "/admin/articles/image/__fk__/thumbnail/" in html
    assert "chooserUrl" in html and "/admin/articles/image/" in html
    assert "admin/js/admin/RelatedObjectLookups.js" in html


def test_the_editor_shows_a_thumbnail_of_a_chosen_picture(editor_client, client):
    image = make_image()
    build_renditions(image)

    response = editor_client.get(f"{IMAGES}{image.pk}/thumbnail/")

    assert response.status_code == 302 and response["Location"].endswith("-w480.webp")
    assert editor_client.get(f"{IMAGES}999999/thumbnail/").status_code == 404
    assert editor_client.get(f"{IMAGES}abc/thumbnail/").status_code == 404
    assert client.get(f"{IMAGES}{image.pk}/thumbnail/").status_code == 302  # to the login
    assert "/admin/login/" in client.get(f"{IMAGES}{image.pk}/thumbnail/")["Location"]


def test_a_flat_page_shows_its_pictures_too(client):
    from django.contrib.flatpages.models import FlatPage
    from django.contrib.sites.models import Site

    image = make_image()
    page = FlatPage.objects.create(
        url="/le-port/", title="Le port", content=f"<p>Texte.</p>{figure(image)}"
    )
    page.sites.add(Site.objects.get_current())

    html = client.get("/le-port/").content.decode()

    assert "Jeanne Roux" in html and 'alt="Un phare dans la tempête"' in html
