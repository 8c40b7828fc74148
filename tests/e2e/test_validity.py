"""Every kind of page a reader can reach is valid HTML for the Nu Html Checker: zero errors.

The checked HTML is what the server sends (the response body), not the browser's DOM, and
all pages go to the checker in one run.
"""

import pytest
from django.test import Client
from django.urls import reverse

from .conftest import error_pages, validate_documents

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def reader_pages(magazine):
    """{page type: (method, address, data, expected status)} for every reader page type."""
    lead = magazine.lead
    return {
        "home": ("get", "/", None, 200),
        "home in English": ("get", "/en/", None, 200),
        "article": ("get", lead.get_absolute_url(), None, 200),
        "article in English": ("get", f"/en{lead.get_absolute_url()}", None, 200),
        "article, replying to a comment": (
            "get",
            f"{lead.get_absolute_url()}?reply_to={magazine.comment.pk}",
            None,
            200,
        ),
        "article without image nor comments": (
            "get",
            magazine.third.get_absolute_url(),
            None,
            200,
        ),
        "tag": ("get", magazine.sciences.get_absolute_url(), None, 200),
        "author": ("get", reverse("articles:author", args=["albert-londres"]), None, 200),
        "search with results": ("get", "/search/?q=b%C3%A9ton", None, 200),
        "search with results in a topic": ("get", "/search/?q=ville&tag=societe", None, 200),
        "search without results": ("get", "/search/?q=zeppelin", None, 200),
        "search without words": ("get", "/search/?q=%3F%21", None, 200),
        "search form": ("get", "/search/", None, 200),
        "year archive": ("get", "/2025/", None, 200),
        "month archive": ("get", "/2025/03/", None, 200),
        "404": ("get", "/cette-page-n-existe-pas/", None, 404),
        "400": ("get", "/auteurs/%00/", None, 400),
        "page (comment data)": ("get", "/confidentialite-commentaires/", None, 200),
        "page (AI disclosure)": ("get", "/a-propos-de-l-ia/", None, 200),
        "comment form with errors": (
            "post",
            reverse("comments:post", args=[lead.pk]),
            {"name": "", "email": "pas-une-adresse", "website": "ftp://x", "body": " "},
            200,
        ),
    }


def test_every_reader_page_type_is_valid_html(magazine, settings):
    client = Client()
    documents = {}
    for name, (method, url, data, status) in reader_pages(magazine).items():
        response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
        assert response.status_code == status, f"{name}: {url} answered {response.status_code}"
        assert response["Content-Type"].startswith("text/html"), name
        documents[name] = response.content.decode()
    assert "error-summary" in documents["comment form with errors"]
    documents.update(error_pages(magazine, settings))

    errors = validate_documents(documents)

    assert {name: found for name, found in errors.items() if found} == {}


def test_the_checker_reports_errors():
    """The check above would pass on anything if the checker never said a word."""
    errors = validate_documents(
        {
            "valid": '<!doctype html><html lang="fr"><title>Oui</title><p>Bien.</p></html>',
            "broken": '<!doctype html><html lang="fr"><title>Non</title><p><div></span>',
        }
    )

    assert errors["valid"] == []
    assert any("span" in error for error in errors["broken"])
