"""The site's pages: written with the articles' editor, sanitized whatever the path, and
each carrying the site-wide AI disclosure."""

import pytest
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError
from pytest_django.asserts import assertContains, assertNotContains

from core.models import SiteSettings

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def page_form_data(**overrides):
    data = {
        "url": "/a-propos/",
        "title": "À propos",
        "content": "<p>Une rédaction indépendante.</p>",
        "sites": [str(Site.objects.get_current().pk)],
        "template_name": "",
        "_save": "Save",
    }
    data.update(overrides)
    return data


def test_the_page_form_uses_the_articles_rich_text_editor(superuser_client):
    response = superuser_client.get("/admin/flatpages/flatpage/add/")

    assertContains(response, "django_prose_editor")
    assertContains(response, "data-django-prose-editor")


def test_a_page_edited_in_the_admin_renders_sanitized(superuser_client, client):
    response = superuser_client.post(
        "/admin/flatpages/flatpage/add/",
        page_form_data(
            content=(
                '<p onclick="steal()">Qui sommes-nous ?</p>'
                "<script>alert('x')</script>"
                '<p><a href="javascript:alert(1)">piège</a> <strong>gras</strong></p>'
                '<iframe src="https://example.com"></iframe>'
            )
        ),
    )
    assert response.status_code == 302

    page = FlatPage.objects.get(url="/a-propos/")
    assert "<script" not in page.content
    assert "onclick" not in page.content
    assert "javascript:" not in page.content
    assert "<iframe" not in page.content
    rendered = client.get("/a-propos/")
    assertContains(rendered, "<p>Qui sommes-nous ?</p>", html=True)
    assertContains(rendered, "<strong>gras</strong>", html=True)
    assertNotContains(rendered, "alert(")


def test_a_page_saved_outside_the_admin_is_sanitized_too():
    page = FlatPage.objects.create(
        url="/x/", title="X", content='<p>Bonjour</p><script>alert("x")</script>'
    )

    page.refresh_from_db()
    assert page.content == "<p>Bonjour</p>"


def test_the_demo_pages_of_a_new_site_include_the_disclosure_and_comment_data_pages(client):
    for url in ("/a-propos-de-l-ia/", "/confidentialite-commentaires/"):
        assert client.get(url).status_code == 200, url


def test_the_disclosure_page_names_who_holds_editorial_responsibility(client):
    site_settings = SiteSettings.objects.get()
    site_settings.editorial_responsibility = "Sophie Garnier, directrice de la publication"
    site_settings.save()

    response = client.get("/a-propos-de-l-ia/")

    # In the page's own note, and in the footer of every page.
    assertContains(response, "Sophie Garnier, directrice de la publication", count=2)
    assertContains(response, 'id="responsibility-heading"')
    other_page = client.get("/confidentialite-commentaires/")
    assertContains(other_page, "Sophie Garnier, directrice de la publication", count=1)
    assertNotContains(other_page, 'id="responsibility-heading"')


def test_the_footer_lists_the_site_pages(client):
    response = client.get("/")

    assertContains(response, 'href="/a-propos-de-l-ia/"')
    assertContains(response, 'href="/confidentialite-commentaires/"')


HOSTILE_TITLE = (
    '</title><script src="https://evil.example/x.js"></script>"><img src=x onerror=alert(1)>'
)


def test_a_page_title_is_text_wherever_it_is_printed(client):
    # Django's flat page view marks the title safe: the template must escape it itself.
    FlatPage.objects.create(url="/piege/", title=HOSTILE_TITLE, content="<p>Texte</p>").sites.add(
        Site.objects.get_current()
    )

    response = client.get("/piege/")

    html = response.content.decode()
    assert "<script src=" not in html
    assert "<img src=x" not in html
    assert '"><img' not in html
    escaped = '&lt;/title&gt;&lt;script src=&quot;https://evil.example/x.js&quot;&gt;'
    assert f"<title>{escaped}" in html
    assert f'<h1 class="page-title">{escaped}' in html
    assert f'<meta property="og:title" content="{escaped}' in html
    assert f'<meta name="twitter:title" content="{escaped}' in html
    # The footer lists every page, this one too.
    assert f'<a href="/piege/" aria-current="page">{escaped}' in html


@pytest.mark.parametrize(
    "url",
    [
        "//another-site.example/",
        "/\\another-site.example/",
        "https://another-site.example/",
        "javascript:alert(1)//",
        "a-propos/",
        "/pages//a-propos/",
        "/a propos/",
        "/\t/another-site.example/",
    ],
)
def test_a_page_address_outside_the_site_is_refused_in_the_admin(superuser_client, url):
    response = superuser_client.post("/admin/flatpages/flatpage/add/", page_form_data(url=url))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["url"]
    assert not FlatPage.objects.filter(url=url).exists()


def test_the_admin_says_why_a_double_slash_is_refused(superuser_client):
    response = superuser_client.post(
        "/admin/flatpages/flatpage/add/", page_form_data(url="//another-site.example/")
    )

    assertContains(response, "browsers read it as the address of another site")


@pytest.mark.parametrize(
    "url", ["//another-site.example/", "/\\another-site.example/", "javascript:alert(1)"]
)
def test_a_page_address_outside_the_site_is_refused_whatever_saves_it(url):
    with pytest.raises(ValidationError):
        FlatPage.objects.create(url=url, title="Ailleurs", content="<p>Texte</p>")

    page = FlatPage.objects.create(url="/ici/", title="Ici", content="<p>Texte</p>")
    page.url = url
    with pytest.raises(ValidationError):
        page.save()
    page.refresh_from_db()
    assert page.url == "/ici/"
