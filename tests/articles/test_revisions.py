"""Revisions: every saved change of an article is kept with who and when; editors see the
history, compare two versions and restore one, under the same rules as any change."""

import pytest
from django.contrib.auth import get_user_model
from pytest_django.asserts import assertContains, assertNotContains
from reversion.models import Version

from articles.actions import BackToDraft, PublishArticle, RecordReview
from articles.models import Article, ArticleSlugRedirect, Image, Source, Tag, WritingMethod
from core.roles import EDITORS
from tests.articles.fixtures_admin import *  # noqa: F403
from tests.articles.fixtures_admin import (
    article_form_data,
    client_for,
    make_user,
    png_bytes,
    publication_fields,
    upload,
)

pytestmark = pytest.mark.django_db

ARTICLES = "/admin/articles/article/"


def change_url(article):
    return f"{ARTICLES}{article.pk}/change/"


def history_url(article):
    return f"{ARTICLES}{article.pk}/history/"


def versions_of(article):
    return list(Version.objects.get_for_object(article).select_related("revision__user"))


def make_image(alt_text):
    image = Image(alt_text=alt_text)
    image.file.save("photo.png", upload(png_bytes(40, 30)), save=False)
    image.save()
    return image


def with_sources(data, *sources, initial=0):
    data.update(
        {
            "sources-TOTAL_FORMS": str(len(sources)),
            "sources-INITIAL_FORMS": str(initial),
        }
    )
    for index, (name, url) in enumerate(sources):
        data[f"sources-{index}-name"] = name
        data[f"sources-{index}-url"] = url
        data[f"sources-{index}-order"] = str(index)
    return data


@pytest.fixture
def written(editor_client, editor):
    """An article written in the admin, then changed: text, image, tags, sources, provenance."""
    first_image, second_image = make_image("Premier visuel"), make_image("Second visuel")
    Tag.objects.create(name="Société")
    editor_client.post(
        ARTICLES + "add/",
        with_sources(
            article_form_data(
                title="Les batteries au sodium",
                body="<p>Le sodium remplace le lithium dans les petites voitures.</p>",
                authors=[editor.pk],
                featured_image=first_image.pk,
                tags="Société",
            ),
            ("Agence A", "https://a.example/"),
        ),
    )
    article = Article.objects.get()
    source = article.sources.get()
    data = article_form_data(
        title="Les batteries au sodium arrivent",
        slug=article.slug,
        body="<p>Le sodium remplace déjà le lithium dans les petites voitures urbaines.</p>",
        authors=[editor.pk],
        featured_image=second_image.pk,
        tags="Société, Énergie",
        writing_method=WritingMethod.AI_ASSISTED,
        ai_system="Modèle Exemple 3",
    )
    with_sources(data, ("Agence B", "https://b.example/"), initial=1)
    data["sources-0-id"] = str(source.pk)
    data["sources-0-article"] = str(article.pk)
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    return article, first_image, second_image


def test_every_admin_save_is_a_revision_with_who_and_what(written, editor):
    article, first_image, second_image = written

    versions = versions_of(article)

    assert len(versions) == 2
    assert {version.revision.user for version in versions} == {editor}
    latest, first = versions  # newest first
    assert first.field_dict["title"] == "Les batteries au sodium"
    assert first.field_dict["featured_image_id"] == first_image.pk
    assert latest.field_dict["writing_method"] == "ai_assisted"
    assert latest.field_dict["featured_image_id"] == second_image.pk
    assert "Changed" in latest.revision.get_comment()
    # Tags and sources are saved in the same revision.
    latest_models = {v.content_type.model for v in latest.revision.version_set.all()}
    assert {"article", "source", "taggedarticle"} <= latest_models


def test_actions_make_revisions_of_their_own(editor):
    article = Article.objects.create(title="Titre", body="<p>Texte.</p>")
    article.authors.add(editor)

    PublishArticle(article, editor).execute()
    BackToDraft(article, editor).execute()

    comments = [v.revision.get_comment() for v in versions_of(article)]
    assert comments == ["Back to draft.", "Published."]
    assert all(v.revision.user == editor for v in versions_of(article))


def test_a_bulk_action_gives_each_article_its_own_revision(editor_client, editor):
    first = Article.objects.create(title="Un", body="<p>Texte.</p>")
    second = Article.objects.create(title="Deux", body="<p>Texte.</p>")
    for article in (first, second):
        article.authors.add(editor)

    editor_client.post(
        ARTICLES,
        {"action": "publish_selected", "_selected_action": [first.pk, second.pk], "index": "0"},
    )

    first_revision = versions_of(first)[0].revision
    articles = first_revision.version_set.filter(content_type__model="article")
    assert [version.object_id for version in articles] == [str(first.pk)]


def test_the_history_lists_versions_and_offers_a_comparison(written, editor_client):
    article, *_ = written

    response = editor_client.get(history_url(article))

    assertContains(response, 'name="older"', count=2)
    assertContains(response, 'name="newer"', count=2)
    assertContains(response, f"{ARTICLES}{article.pk}/history/compare/")
    assertContains(response, "Edith Piaf")


def test_the_comparison_shows_the_differences_field_by_field(written, editor_client):
    article, *_ = written
    latest, first = versions_of(article)

    response = editor_client.get(
        f"{ARTICLES}{article.pk}/history/compare/",
        {"older": first.pk, "newer": latest.pk},
    )

    assert response.status_code == 200
    html = response.content.decode()
    labels = [row["label"] for row in response.context["rows"]]
    assert labels == [
        "title",
        "body",
        "featured image",
        "tags",
        "sources",
        "how it was written",
        "AI system",
    ]
    assert "Les batteries au sodium <ins>arrivent</ins>" in html
    assert "remplace <ins>déjà</ins> le lithium" in html
    assert "<del>Premier visuel</del> → <ins>Second visuel</ins>" in html
    assert "Agence A (https://a.example/)" in html and "Agence B (https://b.example/)" in html
    assert "Written with the help of AI" in html
    # The order of the two choices does not matter.
    swapped = editor_client.get(
        f"{ARTICLES}{article.pk}/history/compare/",
        {"older": latest.pk, "newer": first.pk},
    )
    assert swapped.context["rows"] == response.context["rows"]


def test_comparing_versions_of_another_article_is_not_found(written, editor_client, editor):
    article, *_ = written
    other = Article.objects.create(title="Autre", body="<p>x</p>")
    latest, first = versions_of(article)

    response = editor_client.get(
        f"{ARTICLES}{other.pk}/history/compare/", {"older": first.pk, "newer": latest.pk}
    )

    assert response.status_code == 404


def test_restoring_a_version_brings_back_text_image_tags_and_sources(written, editor_client):
    article, first_image, _second = written
    _latest, first = versions_of(article)
    revision_url = f"{ARTICLES}{article.pk}/history/{first.pk}/"

    form = editor_client.get(revision_url)
    assert form.status_code == 200
    assertContains(form, "Les batteries au sodium")
    # Looking at an old version changes nothing.
    article.refresh_from_db()
    assert article.title == "Les batteries au sodium arrivent"

    data = article_form_data(
        title="Les batteries au sodium",
        slug=article.slug,
        body="<p>Le sodium remplace le lithium dans les petites voitures.</p>",
        authors=[a.pk for a in article.authors.all()],
        featured_image=first_image.pk,
        tags="Société",
    )
    restored_source = Source.objects.get(article=article)
    data.update(
        {
            "sources-TOTAL_FORMS": "1",
            "sources-INITIAL_FORMS": "1",
            "sources-0-id": str(restored_source.pk),
            "sources-0-article": str(article.pk),
            "sources-0-name": "Agence A",
            "sources-0-url": "https://a.example/",
            "sources-0-order": "0",
        }
    )
    response = editor_client.post(revision_url, data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Les batteries au sodium"
    assert article.featured_image == first_image
    assert article.writing_method == WritingMethod.HUMAN
    assert [tag.name for tag in article.tags.all()] == ["Société"]
    assert [source.name for source in article.sources.all()] == ["Agence A"]
    assert "Reverted" in versions_of(article)[0].revision.get_comment()


def test_restoring_keeps_the_current_status(editor, editor_client):
    article = Article.objects.create(title="Version publiée", body="<p>Texte.</p>")
    article.authors.add(editor)
    PublishArticle(article, editor).execute()
    BackToDraft(article, editor).execute()
    published_version = versions_of(article)[1]
    assert published_version.field_dict["status"] == "published"
    url = f"{ARTICLES}{article.pk}/history/{published_version.pk}/"

    page = editor_client.get(url)
    response = editor_client.post(url)

    assertContains(page, "keeps its status")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_restoring_keeps_the_review_of_the_same_words(editor, editor_client):
    """The restored text goes through the rules of any change: the same words, same review."""
    reviewer = make_user("sophie", EDITORS, first_name="Sophie", last_name="Garnier")
    article = Article.objects.create(
        title="Généré", body="<p>Texte.</p>", writing_method=WritingMethod.AI_GENERATED
    )
    article.authors.add(editor)
    RecordReview(article, reviewer).execute()
    PublishArticle(article, editor).execute()
    reviewed_version = versions_of(article)[0]

    response = editor_client.post(f"{ARTICLES}{article.pk}/history/{reviewed_version.pk}/")

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.reviewed_by == reviewer


def test_authors_cannot_open_revisions_of_others_articles(editor, author, other_author):
    article = Article.objects.create(title="À Colette", body="<p>Texte.</p>")
    article.authors.add(other_author)
    PublishArticle(article, editor).execute()
    version = versions_of(article)[0]
    client = client_for(author)

    assert client.get(history_url(article)).status_code == 404
    assert client.get(f"{ARTICLES}{article.pk}/history/{version.pk}/").status_code == 404
    assert client.post(f"{ARTICLES}{article.pk}/history/{version.pk}/", {}).status_code == 404
    assert (
        client.get(
            f"{ARTICLES}{article.pk}/history/compare/", {"older": version.pk, "newer": version.pk}
        ).status_code
        == 404
    )


def test_authors_cannot_restore_over_a_published_article(editor, author):
    article = Article.objects.create(title="Le mien", body="<p>Texte.</p>")
    article.authors.add(author)
    with_draft = client_for(author)
    with_draft.post(
        change_url(article),
        article_form_data(title="Le mien, corrigé", slug=article.slug, body="<p>Texte.</p>"),
    )
    article.refresh_from_db()
    PublishArticle(article, editor).execute()
    old = versions_of(article)[-1]

    response = with_draft.post(
        f"{ARTICLES}{article.pk}/history/{old.pk}/",
        article_form_data(title="Le mien", slug=article.slug, body="<p>Texte.</p>"),
    )

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title == "Le mien, corrigé"
    assert article.status == Article.Status.PUBLISHED


def test_restoring_an_old_slug_keeps_the_current_address_working(editor, editor_client):
    article = Article.objects.create(title="Ancien titre", body="<p>Texte.</p>")
    article.authors.add(editor)
    PublishArticle(article, editor).execute()
    first = versions_of(article)[0]
    editor_client.post(
        change_url(article),
        article_form_data(
            title="Nouveau titre",
            slug="nouveau-titre",
            body="<p>Texte.</p>",
            authors=[editor.pk],
            status="published",
            **publication_fields(article.published_at),
        ),
    )
    assert ArticleSlugRedirect.objects.filter(old_slug="ancien-titre").exists()

    response = editor_client.post(
        f"{ARTICLES}{article.pk}/history/{first.pk}/",
        article_form_data(
            title="Ancien titre",
            slug="ancien-titre",
            body="<p>Texte.</p>",
            authors=[editor.pk],
            status="published",
            **publication_fields(article.published_at),
        ),
    )

    assert response.status_code == 302
    assert ArticleSlugRedirect.objects.get(old_slug="nouveau-titre").article == article
    assert not ArticleSlugRedirect.objects.filter(old_slug="ancien-titre").exists()


def test_deleted_articles_are_recovered_by_editors_only_and_as_drafts(
    editor, editor_client, author_client
):
    article = Article.objects.create(title="Supprimé", body="<p>Texte.</p>")
    article.authors.add(editor)
    PublishArticle(article, editor).execute()
    version = versions_of(article)[0]
    editor_client.post(f"{ARTICLES}{article.pk}/delete/", {"post": "yes"})
    assert not Article.objects.exists()

    assert author_client.get(ARTICLES + "recover/").status_code == 403
    assert author_client.get(f"{ARTICLES}recover/{version.pk}/").status_code == 403
    listing = editor_client.get(ARTICLES + "recover/")
    assertContains(listing, "Supprimé")
    assert author_client.post(f"{ARTICLES}recover/{version.pk}/").status_code == 403
    page = editor_client.get(f"{ARTICLES}recover/{version.pk}/")
    assertContains(page, "comes back as a draft")
    response = editor_client.post(f"{ARTICLES}recover/{version.pk}/")
    recovered = Article.objects.get()
    assert response.status_code == 302
    assert recovered.title == "Supprimé"
    assert recovered.status == Article.Status.DRAFT
    assert list(recovered.authors.all()) == [editor]


def test_the_recover_link_is_for_editors(editor_client, author_client):
    assertContains(editor_client.get(ARTICLES), "recoverlink")
    assertNotContains(author_client.get(ARTICLES), "recoverlink")


def test_a_deleted_reviewer_account_is_protected(editor):
    reviewer = make_user("sophie", EDITORS)
    article = Article.objects.create(
        title="Généré", body="<p>x</p>", writing_method=WritingMethod.AI_GENERATED
    )
    article.authors.add(editor)
    RecordReview(article, reviewer).execute()

    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        get_user_model().objects.filter(pk=reviewer.pk).delete()
