"""The one HTML sanitizer, and the paths that must go through it."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from articles.forms import ArticleAdminForm
from articles.models import Article
from articles.sanitizer import sanitize_html
from tests.articles.fixtures_admin import *  # noqa: F403
from tests.articles.fixtures_admin import article_form_data, make_article

ATTACK = (
    '<p onclick="steal()" style="color:red">Bonjour'
    "<script>alert(1)</script>"
    '<a href="javascript:alert(1)">piège</a>'
    '<img src="x" onerror="alert(1)">'
    "</p>"
    '<iframe src="https://evil.example"></iframe>'
    "<style>body{display:none}</style>"
    '<h2 style="x" onmouseover="y">Titre</h2>'
)


def test_dangerous_markup_is_removed():
    cleaned = sanitize_html(ATTACK)

    for forbidden in ("<script", "alert(1)", "onclick", "onerror", "onmouseover", "style",
                      "javascript:", "<iframe", "<img", "evil.example", "display:none"):
        assert forbidden not in cleaned
    assert "<p>Bonjour" in cleaned
    assert "<h2>Titre</h2>" in cleaned
    assert "piège</a>" in cleaned


@pytest.mark.parametrize(
    "html",
    [
        "<p>Un <strong>texte</strong> <em>important</em>.</p>",
        "<h2>Deux</h2><h3>Trois</h3><h4>Quatre</h4>",
        "<ul><li>un</li></ul><ol><li>deux</li></ol>",
        "<blockquote><p>Citation</p></blockquote>",
        "<figure><blockquote>Q</blockquote><figcaption>Légende</figcaption></figure>",
        "<p>Ligne<br>suivante</p>",
    ],
)
def test_allowed_markup_is_kept(html):
    assert sanitize_html(html) == html


def test_links_keep_their_address_and_are_made_safe():
    cleaned = sanitize_html('<p><a href="https://example.org/a" target="_blank">lien</a></p>')

    assert 'href="https://example.org/a"' in cleaned
    assert 'rel="noopener noreferrer"' in cleaned
    assert "target" not in cleaned


def test_headings_outside_the_outline_are_dropped():
    assert sanitize_html("<h1>Un</h1><h5>Cinq</h5>") == "UnCinq"


@pytest.mark.parametrize("empty", [None, "", "<p></p>", "<p><br></p>", "<script>x</script>"])
def test_empty_documents_become_empty_strings(empty):
    assert sanitize_html(empty) == ""


@pytest.mark.django_db
def test_article_save_sanitizes_the_body():
    article = make_article(body=ATTACK)

    article.refresh_from_db()
    assert "<script" not in article.body
    assert "onclick" not in article.body
    assert article.body.startswith("<p>Bonjour")


@pytest.mark.django_db
def test_the_form_field_sanitizes_before_saving(editor):
    form_class = admin.site.get_model_admin(Article).get_form(_request_for(editor))
    form = form_class(data=article_form_data(body=ATTACK, authors=[editor.pk]))

    assert form.is_valid(), form.errors
    assert "<script" not in form.cleaned_data["body"]
    assert "onclick" not in form.cleaned_data["body"]


def test_the_admin_form_sanitizes_with_the_site_sanitizer():
    assert ArticleAdminForm().fields["body"].sanitize is sanitize_html


@pytest.mark.django_db
def test_a_body_posted_through_the_admin_is_stored_sanitized(editor_client, editor):
    response = editor_client.post(
        "/admin/articles/article/add/",
        article_form_data(title="Piégé", body=ATTACK, authors=[editor.pk]),
    )

    assert response.status_code == 302
    body = Article.objects.get().body
    assert "<script" not in body and "onclick" not in body and "javascript:" not in body
    assert "<h2>Titre</h2>" in body


def _request_for(user):
    request = RequestFactory().get("/admin/articles/article/add/")
    request.user = user
    return request
