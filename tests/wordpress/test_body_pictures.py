"""Pictures inside WordPress posts: they become the text's figures, their files imported into
the media library once, with the attachment's alternative text and credit."""

import pytest

from articles.models import Article, Image
from wordpress.models import ImportedItem

from . import exports as wx
from .test_import_wordpress import jpeg_bytes, run_import

pytestmark = pytest.mark.django_db

UPLOADS = f"{wx.SITE}/wp-content/uploads/2024/03"
CLASSIC = (
    "Le port se réveille.\n\n"
    '[caption id="attachment_11" align="alignnone" width="300"]'
    f'<a href="{UPLOADS}/port.jpg"><img class="size-medium wp-image-11" '
    f'src="{UPLOADS}/port-300x200.jpg" alt="" width="300" height="200" /></a>'
    " Le port au matin. Crédit photo : Jeanne Martin[/caption]\n\n"
    "La suite du texte."
)
BLOCKS = (
    "<!-- wp:paragraph -->\n<p>Au large.</p>\n<!-- /wp:paragraph -->\n\n"
    '<!-- wp:image {"id":13,"sizeSlug":"large","linkDestination":"none"} -->\n'
    f'<figure class="wp-block-image size-large"><img src="{UPLOADS}/vague-1024x683.jpg" '
    'alt="" class="wp-image-13"/><figcaption class="wp-element-caption">La vague de '
    "midi</figcaption></figure>\n<!-- /wp:image -->"
)


@pytest.fixture
def uploads(tmp_path):
    folder = tmp_path / "uploads"
    (folder / "2024" / "03").mkdir(parents=True)
    for name in ("port.jpg", "vague.jpg", "carte.jpg"):
        (folder / "2024" / "03" / name).write_bytes(jpeg_bytes())
    return folder


def pictures_export(*posts):
    return wx.export(
        wx.author("jeanne", "jeanne@mag.example", "Jeanne", "Martin"),
        wx.attachment(11, "2024/03/port.jpg",
                      caption="Le port au matin. Crédit photo : Jeanne Martin",
                      alt="Des bateaux à quai au lever du jour"),
        wx.attachment(13, "2024/03/vague.jpg", description="Alice Doe / Unsplash",
                      alt="Une vague"),
        *posts,
    )


def import_pictures(tmp_path, uploads, *posts, capture):
    with capture(execute=True):
        return run_import(tmp_path, pictures_export(*posts), "--uploads", str(uploads))


def test_captions_and_image_blocks_show_the_attachments_with_rendition_and_credit(
    tmp_path, uploads, client, django_capture_on_commit_callbacks
):
    output, error = import_pictures(
        tmp_path, uploads,
        wx.item(100, "Le port", slug="le-port", content=CLASSIC),
        wx.item(101, "La vague", slug="la-vague", content=BLOCKS),
        capture=django_capture_on_commit_callbacks,
    )
    assert error is None, output
    port = Image.objects.get(alt_text="Des bateaux à quai au lever du jour")
    # The picture of the text is the attachment's, not a second copy of its file.
    assert Image.objects.count() == 2

    html = client.get("/articles/le-port/").content.decode()
    body = html[html.index("article__body"):]
    assert '<figure class="figure">' in body
    assert 'alt="Des bateaux à quai au lever du jour"' in body
    assert "-w480.webp 480w" in body
    assert "Le port au matin." in body and "Jeanne Martin" in body
    assert "Crédit photo" not in body  # The credit is the library's, not repeated as text.
    assert body.index("Le port se réveille.") < body.index("Le port au matin.")
    assert body.index("Le port au matin.") < body.index("La suite du texte.")

    html = client.get("/articles/la-vague/").content.decode()
    body = html[html.index("article__body"):]
    assert 'alt="Une vague"' in body
    assert "La vague de midi" in body and "Alice Doe / Unsplash" in body
    assert Article.objects.get(slug="le-port").body_image_links.get().image == port


def test_admin_lists_the_article_among_the_uses_of_the_picture(
    tmp_path, uploads, superuser_client, django_capture_on_commit_callbacks
):
    import_pictures(tmp_path, uploads, wx.item(100, "Le port", slug="le-port", content=CLASSIC),
                    capture=django_capture_on_commit_callbacks)
    port = Image.objects.get(alt_text="Des bateaux à quai au lever du jour")

    response = superuser_client.get(f"/admin/articles/article/?image={port.pk}")
    assert response.status_code == 200
    assert "Le port" in response.content.decode()
    response = superuser_client.get(f"/admin/articles/image/{port.pk}/change/")
    assert response.status_code == 200
    assert "Le port" in response.content.decode()


def test_a_picture_without_attachment_is_imported_once_and_flags_its_article(
    tmp_path, uploads, client, django_capture_on_commit_callbacks
):
    plain = (
        f'<p>Voici la carte <img src="{UPLOADS}/carte-1024x768.jpg" alt="La carte du port">'
        " du port.</p>"
    )
    second = f'<p>Encore elle.</p><p><img src="{UPLOADS}/carte.jpg" alt="La carte"></p>'
    output, error = import_pictures(
        tmp_path, uploads,
        wx.item(100, "La carte", slug="la-carte", content=plain),
        wx.item(101, "Encore la carte", slug="encore", content=second),
        capture=django_capture_on_commit_callbacks,
    )
    assert error is None, output
    card = Image.objects.get(alt_text="La carte du port")
    assert card.renditions.exists()  # Cleaned and rendered as an upload is.
    assert Image.objects.filter(file__contains="carte").count() == 1
    article = Article.objects.get(slug="la-carte")
    assert article.body == (
        "<p>Voici la carte</p>"
        f'<figure data-image-id="{card.pk}" data-decorative="false"></figure>'
        "<p>du port.</p>"
    )
    assert Article.objects.get(slug="encore").body_image_links.get().image == card
    # No credit anywhere for it: listed, and its articles wait for an editor.
    assert "Images without a credit" in output and "carte-1024x768.jpg" in output
    assert article.status == Article.Status.REVIEW
    assert "Kept in review" in output and "La carte" in output
    assert client.get("/articles/la-carte/").status_code == 404


def test_pictures_that_cannot_be_had_are_reported_and_their_caption_kept(
    tmp_path, uploads, django_capture_on_commit_callbacks
):
    content = (
        "<p>Début.</p>"
        f'[caption id="attachment_77"]<img src="{UPLOADS}/absente.jpg" class="wp-image-77"> '
        "La jetée disparue[/caption]"
        '<p><img src="https://cdn.ailleurs.example/photo.jpg" alt="Ailleurs"></p>'
        "<p>Fin.</p>"
    )
    output, error = import_pictures(
        tmp_path, uploads, wx.item(100, "Perdues", slug="perdues", content=content),
        capture=django_capture_on_commit_callbacks,
    )
    assert error is not None  # Something failed: the exit status says so.
    assert "absente.jpg" in output and "missing attachment" in output
    assert "cdn.ailleurs.example/photo.jpg" in output and "outside the site's uploads" in output
    article = Article.objects.get(slug="perdues")
    assert article.body == "<p>Début.</p><p>La jetée disparue</p><p>Fin.</p>"
    assert article.status == Article.Status.PUBLISHED
    notes = ImportedItem.objects.get(kind="post", wordpress_id="100").notes
    assert notes.count("picture not imported") == 2


def test_a_second_run_makes_no_second_copy_of_any_picture(
    tmp_path, uploads, django_capture_on_commit_callbacks
):
    plain = f'<p><img src="{UPLOADS}/carte.jpg" alt="La carte"></p>'
    posts = (
        wx.item(100, "Le port", slug="le-port", content=CLASSIC),
        wx.item(101, "La carte", slug="la-carte", content=plain),
    )
    import_pictures(tmp_path, uploads, *posts, capture=django_capture_on_commit_callbacks)
    bodies = dict(Article.objects.values_list("slug", "body"))
    images = Image.objects.count()

    changed = wx.item(101, "La carte", slug="la-carte", content="<p>Avant.</p>" + plain)
    output, _error = import_pictures(tmp_path, uploads, posts[0], changed,
                                     capture=django_capture_on_commit_callbacks)

    assert Image.objects.count() == images == 3
    assert Article.objects.get(slug="le-port").body == bodies["le-port"]
    assert Article.objects.get(slug="la-carte").body == "<p>Avant.</p>" + bodies["la-carte"]


def test_a_page_shows_its_pictures_too(tmp_path, uploads, client,
                                       django_capture_on_commit_callbacks):
    page = wx.item(200, "À propos", post_type="page", slug="a-propos",
                   link=f"{wx.SITE}/a-propos/", content="Notre port.\n\n" + CLASSIC)
    output, error = import_pictures(tmp_path, uploads, page,
                                    capture=django_capture_on_commit_callbacks)
    assert error is None, output

    html = client.get("/a-propos/").content.decode()

    assert 'alt="Des bateaux à quai au lever du jour"' in html
    assert "Le port au matin." in html and "Jeanne Martin" in html
    assert "[caption" not in html and "<img src=\"https://mag.example" not in html
