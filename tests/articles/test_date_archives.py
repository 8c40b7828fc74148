"""Year and month archives: the published articles of a period, 404 when there are none."""

from datetime import datetime

import pytest
from django.utils import timezone

from articles.models import Article

from .discovery import make_article, make_author

pytestmark = pytest.mark.django_db


def at(year, month, day, hour=12):
    return timezone.make_aware(datetime(year, month, day, hour))


@pytest.fixture
def articles():
    author = make_author()
    return {
        "november": make_article("Novembre", authors=[author], published_at=at(2025, 11, 10)),
        # 30 November 23:30 in Paris is already 1 December in UTC: it belongs to November.
        "late": make_article("Fin novembre", authors=[author], published_at=at(2025, 11, 30, 23)),
        "march": make_article("Mars", authors=[author], published_at=at(2025, 3, 2)),
        "draft": make_article(
            "Brouillon", authors=[author], status=Article.Status.DRAFT, published_at=None
        ),
        "unpublished": make_article(
            "Retiré", authors=[author], status=Article.Status.REVIEW, published_at=at(2025, 11, 5)
        ),
    }


def titles(response):
    return [article.title for article in response.context["articles"]]


def test_a_month_lists_its_published_articles_newest_first(client, articles):
    response = client.get("/2025/11/")

    assert response.status_code == 200
    assert titles(response) == ["Fin novembre", "Novembre"]
    assert response.context["previous_month"].month == 3
    assert response.context["next_month"] is None
    assert "novembre 2025" in response.content.decode().lower()


def test_a_year_lists_its_articles_and_links_its_months(client, articles):
    response = client.get("/2025/")

    assert response.status_code == 200
    assert titles(response) == ["Fin novembre", "Novembre", "Mars"]
    html = response.content.decode()
    assert 'href="/2025/11/"' in html
    assert 'href="/2025/03/"' in html


@pytest.mark.parametrize("url", ["/2025/12/", "/2024/", "/2025/13/", "/2099/01/"])
def test_an_empty_or_impossible_period_is_a_404(client, articles, url):
    assert client.get(url).status_code == 404


def test_a_scheduled_article_does_not_open_its_month_early(client):
    make_article("Plus tard", authors=[make_author()], published_at=timezone.now().replace(
        year=timezone.now().year + 1
    ))
    year = timezone.now().year + 1
    assert client.get(f"/{year}/").status_code == 404


def test_article_dates_link_to_their_month(articles):
    assert articles["late"].get_month_archive_url() == "/2025/11/"
    assert articles["draft"].get_month_archive_url() == ""


def test_archive_pages_describe_themselves(client, articles):
    html = client.get("/2025/11/").content.decode()
    assert '<link rel="canonical" href="http://testserver/2025/11/">' in html
    assert "novembre 2025 — " in html
