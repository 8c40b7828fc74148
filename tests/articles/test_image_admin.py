"""The media library in the admin, and credits enforced when an article is published."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.actions import PublishArticle
from articles.models import Article, Image
from tests.articles.fixtures_admin import *  # noqa: F403
from tests.articles.fixtures_admin import article_form_data, client_for, make_article
from tests.articles.image_files import (
    animated_gif,
    camera_jpeg,
    camera_traces,
    huge_png,
    jpeg_bytes,
    opened,
    read,
    svg_with_script,
    truncated_jpeg,
    upload,
    xmp_fields,
)

pytestmark = pytest.mark.django_db

IMAGES = "/admin/articles/image/"
ARTICLES = "/admin/articles/article/"


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def form_data(file="", **overrides):
    data = {
        "file": file,
        "alt_text": "Une grue dans le port de Brest",
        "caption": "",
        "credit": "Jeanne Roux",
        "credit_source": "Agence Plein Champ",
        "source_url": "",
        "licence_name": "CC BY 4.0",
        "licence_url": "",
        "digital_source_type": "digitalCapture",
        "focal_point_x": "",
        "focal_point_y": "",
        "_save": "Save",
    }
    data.update(overrides)
    return data


@pytest.fixture
def make_image(django_capture_on_commit_callbacks):
    def make(alt_text="Une grue dans le port", size=(1000, 700), **fields):
        image = Image(file=upload(jpeg_bytes(size)), alt_text=alt_text, **fields)
        with django_capture_on_commit_callbacks(execute=True):
            image.save()
        return image

    return make


def stored_files(settings):
    return [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()]


# Uploading


def test_an_upload_is_stored_clean_with_its_renditions(
    editor_client, editor, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(IMAGES + "add/", form_data(upload(camera_jpeg())))

    assert response.status_code == 302
    image = Image.objects.get()
    assert image.uploaded_by == editor
    assert image.renditions.count() == 5  # 480 and 640 px, WebP and JPEG; the social card
    stored = opened(read(image.file))
    assert camera_traces(stored) == set()
    assert xmp_fields(stored)["credit"] == "Jeanne Roux / Agence Plein Champ"


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"Ceci n'est pas une image.", "photo.jpg", "not an image"),
        (truncated_jpeg(), "photo.jpg", "damaged or incomplete"),
        (huge_png(), "immense.png", "too many pixels"),
        (svg_with_script(), "dessin.svg", "SVG drawings are not accepted"),
        (b"", "vide.jpg", "empty"),
    ],
    ids=["text-as-jpg", "truncated-jpeg", "20000x20000-png", "svg-with-script", "zero-bytes"],
)
def test_bad_files_are_form_errors_never_500_nor_stored(
    editor_client, settings, content, name, message
):
    response = editor_client.post(IMAGES + "add/", form_data(upload(content, name)))

    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors.get("file", []))
    assert message in errors
    assert not Image.objects.exists()
    assert stored_files(settings) == []


def test_an_animated_gif_is_accepted_with_a_warning(editor_client):
    response = editor_client.post(
        IMAGES + "add/", form_data(upload(animated_gif(), "anim.gif", "image/gif")),
        follow=True,
    )

    assert response.status_code == 200
    assert any("only its first frame is kept" in message for message in messages_of(response))
    assert Image.objects.get().file.name.endswith(".png")


def test_a_new_credit_in_the_admin_is_written_into_the_files(
    editor_client, make_image, django_capture_on_commit_callbacks
):
    image = make_image(credit="Jeanne Roux")

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            f"{IMAGES}{image.pk}/change/",
            form_data(credit="Paul Martin", credit_source="", digital_source_type="humanEdits"),
        )

    assert response.status_code == 302
    image = Image.objects.get()
    for field_file in [image.file] + [r.file for r in image.renditions.all()]:
        fields = xmp_fields(opened(read(field_file)))
        assert fields["creator"] == "Paul Martin"
        assert fields["digital_source_type"].endswith("/humanEdits")


# Focal point


def test_the_change_form_offers_the_focal_point_picker_and_its_numeric_fallback(
    editor_client, make_image
):
    image = make_image()

    html = editor_client.get(f"{IMAGES}{image.pk}/change/").content.decode()

    assert "data-focal-point-picker" in html
    assert "articles/admin/focal-point.js" in html
    assert 'name="focal_point_x"' in html and 'data-focal-point="x"' in html
    assert 'name="focal_point_y"' in html and 'step="0.001"' in html
    assert "-w800.webp" in html  # the preview is a rendition, not the original


def test_the_focal_point_is_saved_and_the_social_card_follows(
    editor_client, make_image, django_capture_on_commit_callbacks
):
    image = make_image(credit="Jeanne")
    before = image.rendition("social").file.name

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            f"{IMAGES}{image.pk}/change/",
            form_data(focal_point_x="0.25", focal_point_y="0.8", credit="Jeanne",
                      credit_source="", licence_name=""),
        )

    assert response.status_code == 302
    image = Image.objects.get()
    assert image.focal_point == (0.25, 0.8)
    assert image.rendition("social").file.name != before


@pytest.mark.parametrize(
    ("x", "y", "message"),
    [
        ("0.5", "", "both coordinates"),
        ("1.5", "0.5", "less than or equal to 1"),
        ("-0.1", "0.5", "greater than or equal to 0"),
    ],
)
def test_a_wrong_focal_point_is_a_form_error(editor_client, make_image, x, y, message):
    image = make_image()

    response = editor_client.post(
        f"{IMAGES}{image.pk}/change/", form_data(focal_point_x=x, focal_point_y=y)
    )

    assert response.status_code == 200
    assert message in response.content.decode()


# The library: thumbnails, search, filters, where used


def test_the_list_shows_rendition_thumbnails_and_where_each_image_is_used(
    editor_client, make_image, editor
):
    used = make_image(alt_text="Une grue", credit="Jeanne")
    make_image(alt_text="Un phare", credit="Paul")
    make_article("La grue du port", authors=[editor], featured_image=used)
    make_article("Le port la nuit", authors=[editor], featured_image=used)

    html = editor_client.get(IMAGES).content.decode()

    assert "-w480.webp" in html and 'class="newsroom-thumbnail"' in html
    assert f'href="{ARTICLES}?image={used.pk}">2 articles</a>' in html
    assert "Not used" in html
    listed = editor_client.get(f"{ARTICLES}?image={used.pk}")
    assert {a.title for a in listed.context["cl"].result_list} == {
        "La grue du port", "Le port la nuit"
    }

    change = editor_client.get(f"{IMAGES}{used.pk}/change/").content.decode()
    article = Article.objects.get(title="La grue du port")
    assert f'<a href="{ARTICLES}{article.pk}/change/">La grue du port</a>' in change


def test_search_by_caption_alt_text_and_credit_and_filters(editor_client, make_image, editor):
    make_image(alt_text="Une grue", caption="Au port de Brest", credit="Jeanne",
               credit_source="AFP")
    make_image(alt_text="Un phare breton", credit="Paul", credit_source="Unsplash")
    uncredited = make_image(alt_text="Un chalutier")
    make_article("Pêche", authors=[editor], featured_image=uncredited)

    def alts(query):
        response = editor_client.get(IMAGES + query)
        assert response.status_code == 200
        return {image.alt_text for image in response.context["cl"].result_list}

    assert alts("?q=Brest") == {"Une grue"}
    assert alts("?q=phare") == {"Un phare breton"}
    assert alts("?q=Jeanne") == {"Une grue"}
    assert alts("?q=Unsplash") == {"Un phare breton"}
    assert alts("?credit_source=AFP") == {"Une grue"}
    assert alts("?credited=no") == {"Un chalutier"}
    assert alts("?credited=yes") == {"Une grue", "Un phare breton"}
    assert alts("?used=yes") == {"Un chalutier"}
    assert alts("?used=no") == {"Une grue", "Un phare breton"}


def test_the_list_costs_the_same_queries_for_more_images(
    editor_client, make_image, django_assert_max_num_queries
):
    make_image(size=(500, 300))
    editor_client.get(IMAGES)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        editor_client.get(IMAGES)
    for _ in range(4):
        make_image(size=(500, 300))
    with CaptureQueriesContext(connection) as more:
        editor_client.get(IMAGES)

    assert len(more) == len(few)


# Deleting: never an image in use


def test_an_image_in_use_cannot_be_deleted_from_its_page(editor_client, make_image, editor):
    image = make_image(alt_text="Une grue")
    make_article("La grue du port", authors=[editor], featured_image=image)

    for method in ("get", "post"):
        response = getattr(editor_client, method)(
            f"{IMAGES}{image.pk}/delete/", {"post": "yes"} if method == "post" else None,
            follow=True,
        )
        assert response.status_code == 200
        assert any(
            "featured image of the article “La grue du port”" in message
            and "cannot be deleted" in message
            for message in messages_of(response)
        )
    assert Image.objects.filter(pk=image.pk).exists()


def test_the_bulk_delete_refuses_images_in_use_and_names_the_articles(
    editor_client, make_image, editor
):
    used = make_image(alt_text="Une grue")
    unused = make_image(alt_text="Un phare")
    make_article("La grue du port", authors=[editor], featured_image=used)

    response = editor_client.post(
        IMAGES,
        {"action": "delete_selected", "_selected_action": [used.pk, unused.pk], "post": "yes"},
        follow=True,
    )

    assert response.status_code == 200
    assert any("“La grue du port”" in message for message in messages_of(response))
    assert Image.objects.count() == 2


def test_the_bulk_delete_removes_unused_images_and_their_files(
    editor_client, make_image, settings, django_capture_on_commit_callbacks
):
    first, second = make_image(), make_image()
    assert len(stored_files(settings)) == 2 * 8  # original, 480, 800, 1000 ×2, social

    confirmation = editor_client.post(
        IMAGES, {"action": "delete_selected", "_selected_action": [first.pk, second.pk]}
    )
    assert confirmation.status_code == 200
    assert "Are you sure" in confirmation.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            IMAGES,
            {"action": "delete_selected", "_selected_action": [first.pk, second.pk],
             "post": "yes"},
        )

    assert not Image.objects.exists()
    assert stored_files(settings) == []


# Least privilege: where an image is used is told only to whom may open the articles


@pytest.fixture
def image_in_two_drafts(make_image, author, other_author):
    image = make_image(alt_text="Une grue")
    make_article("Mon brouillon sur la grue", authors=[author], featured_image=image)
    make_article("Le brouillon secret de Colette", authors=[other_author], featured_image=image)
    return image


@pytest.mark.parametrize("role", ["moderator", "author"])
def test_the_delete_page_is_refused_before_saying_where_the_image_is_used(
    request, role, image_in_two_drafts
):
    client = request.getfixturevalue(f"{role}_client")
    url = f"{IMAGES}{image_in_two_drafts.pk}/delete/"

    for response in (client.get(url, follow=True), client.post(url, {"post": "yes"}, follow=True)):
        assert response.status_code == 403
        told = response.content.decode() + " ".join(messages_of(response))
        assert "brouillon" not in told
    assert Image.objects.filter(pk=image_in_two_drafts.pk).exists()


def test_an_author_sees_only_their_own_articles_where_an_image_is_used(
    author_client, image_in_two_drafts
):
    response = author_client.get(f"{IMAGES}{image_in_two_drafts.pk}/change/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Mon brouillon sur la grue" in html
    assert "Le brouillon secret de Colette" not in html
    assert "<li>1 other article</li>" in html


def test_writers_read_who_uploaded_an_image_and_its_history_by_name_not_username(
    author_client, make_image, editor
):
    image = make_image(uploaded_by=editor)
    LogEntry.objects.log_actions(
        editor.pk, [image], CHANGE, change_message="[]", single_object=True
    )

    for url in [f"{IMAGES}{image.pk}/change/", f"{IMAGES}{image.pk}/history/"]:
        html = author_client.get(url).content.decode()
        assert "Edith Piaf" in html
        assert editor.username not in html


def test_the_editor_sees_every_article_where_an_image_is_used(editor_client, image_in_two_drafts):
    html = editor_client.get(f"{IMAGES}{image_in_two_drafts.pk}/change/").content.decode()

    assert "Mon brouillon sur la grue" in html and "Le brouillon secret de Colette" in html
    assert "other article" not in html


def test_a_refused_deletion_names_only_the_articles_the_user_may_open(
    author, image_in_two_drafts, make_image
):
    # An author trusted with deleting images, yet not with the other authors' articles.
    from django.contrib.auth.models import Permission

    author.user_permissions.add(Permission.objects.get(codename="delete_image"))
    client = client_for(author)
    single = client.post(
        f"{IMAGES}{image_in_two_drafts.pk}/delete/", {"post": "yes"}, follow=True
    )
    bulk = client.post(
        IMAGES,
        {"action": "delete_selected", "_selected_action": [image_in_two_drafts.pk],
         "post": "yes"},
        follow=True,
    )

    for response in (single, bulk):
        told = " ".join(messages_of(response))
        assert "featured image of the article “Mon brouillon sur la grue”." in told
        assert "It is also the featured image of 1 other article." in told
        assert "Colette" not in told
    assert Image.objects.filter(pk=image_in_two_drafts.pk).exists()


def test_the_refusal_sentence_counts_the_articles_it_does_not_name(make_image, editor):
    from articles.admin.images import usage_sentence

    image = make_image(alt_text="Une grue")
    assert usage_sentence(image, [], 2) == (
        f"“{image}” is the featured image of 2 articles you cannot open."
    )


# Credits enforced at publication


@pytest.fixture
def uncredited_article(make_image, author):
    image = make_image(alt_text="Une grue", caption="La grue Nord")
    return make_article("Le port de Brest", authors=[author], featured_image=image)


def test_publishing_with_an_uncredited_image_is_refused_by_the_action(
    uncredited_article, editor
):
    with pytest.raises(ValidationError) as refusal:
        PublishArticle(uncredited_article, editor).execute()

    assert refusal.value.messages == [
        "The featured image “La grue Nord” has no credit (its creator or source): "
        "add it in the media library before publishing."
    ]
    uncredited_article.refresh_from_db()
    assert uncredited_article.status == Article.Status.DRAFT


def test_publishing_with_an_image_without_alt_text_is_refused(uncredited_article, editor):
    Image.objects.update(alt_text="  ", credit="Jeanne")
    article = Article.objects.get()

    with pytest.raises(ValidationError) as refusal:
        PublishArticle(article, editor).execute()

    assert "has no alternative text" in refusal.value.messages[0]


def test_both_missing_are_named_together(uncredited_article):
    Image.objects.update(alt_text="")

    article = Article.objects.select_related("featured_image").get()
    assert article.publication_problems() == [
        f"The featured image “{article.featured_image}” has no alternative text and no "
        "credit: add them in the media library before publishing."
    ]


def test_the_admin_bulk_action_refuses_and_says_what_is_missing(
    editor_client, uncredited_article
):
    response = editor_client.post(
        ARTICLES,
        {"action": "publish_selected", "_selected_action": [uncredited_article.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert any(
        "“Le port de Brest” was not published" in message and "has no credit" in message
        for message in messages_of(response)
    )
    assert Article.objects.get().status == Article.Status.DRAFT


def test_the_article_form_refuses_publishing_with_an_uncredited_image(
    editor_client, uncredited_article, editor
):
    image = uncredited_article.featured_image
    response = editor_client.post(
        f"{ARTICLES}{uncredited_article.pk}/change/",
        article_form_data(
            title=uncredited_article.title, status="published", authors=[editor.pk],
            featured_image=image.pk,
            published_at_0=timezone.localdate().isoformat(), published_at_1="08:00:00",
        ),
    )

    assert response.status_code == 200
    assert "has no credit" in response.content.decode()
    assert Article.objects.get().status == Article.Status.DRAFT


def test_a_credited_image_publishes(make_image, editor, author):
    image = make_image(credit_source="AFP")
    article = make_article("Avec crédit", authors=[author], featured_image=image,
                           published_at=timezone.now() - timedelta(minutes=5))

    PublishArticle(article, editor).execute()

    assert Article.objects.published().get() == article
