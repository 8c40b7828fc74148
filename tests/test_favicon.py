"""Every page names the site's icon, and /favicon.ico answers without a 404."""

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_favicon_ico_redirects_to_the_static_icon(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"] == "/static/img/favicon.ico"
    assert finders.find("img/favicon.ico")


@pytest.mark.parametrize("url", ["/", "/page-qui-n-existe-pas/", "/admin/login/"])
def test_pages_link_their_icons(client, url):
    html = client.get(url).content.decode()

    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html
    assert '<link rel="apple-touch-icon" href="/static/img/apple-touch-icon.png">' in html
    for name in ("img/favicon.svg", "img/apple-touch-icon.png"):
        assert finders.find(name)
