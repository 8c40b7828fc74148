"""Moving from WordPress: the import command, read back through the reader site and the admin."""

import io
import re
from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.flatpages.models import FlatPage
from django.core.management import CommandError, call_command
from django.utils import translation
from PIL import Image as PILImage

from articles.models import Article, ArticleNote, Image, Tag
from comments.models import Comment
from core.roles import AUTHORS
from tests.factories import make_user
from wordpress.management.commands.import_wordpress import ProgressBar

from . import exports as wx

pytestmark = pytest.mark.django_db

BLOCKS = (
    "<!-- wp:paragraph -->\n<p>Premier <strong>paragraphe</strong>.</p>\n<!-- /wp:paragraph -->\n"
    '<!-- wp:heading {"level":2} -->\n<h2>Un intertitre</h2>\n<!-- /wp:heading -->\n'
    "<!-- wp:my-plugin/map {\"lat\":48} -->\n<p>Carte du port</p>\n<!-- /wp:my-plugin/map -->\n"
    "<!-- wp:latest-posts /-->"
)
CLASSIC = (
    "Un premier paragraphe\nsur deux lignes.\n\nUn second paragraphe.\n\n"
    '[caption id="attachment_11" align="alignnone" width="640"]'
    '<img src="https://mag.example/wp-content/uploads/2024/03/port-300x200.jpg" alt="Le port" />'
    " Le port au matin. Crédit photo : Jeanne Martin[/caption]\n\n"
    '[gallery ids="1,2"]\n\n<script>alert(1)</script>Fin.'
)


def jpeg_bytes(size=(640, 480), colour=(40, 120, 200)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def uploads(tmp_path):
    folder = tmp_path / "uploads"
    (folder / "2024" / "03").mkdir(parents=True)
    for name in ("port.jpg", "phare.jpg", "vague.jpg"):
        (folder / "2024" / "03" / name).write_bytes(jpeg_bytes())
    return folder


def full_export(**overrides):
    """A site with two authors, categories and tags, three images, posts in every status,
    comments in every status with a thread, a page and an unknown post type."""
    first_post = overrides.get(
        "first_post",
        wx.item(
            100, "Le port renaît", slug="le-port-renait", content=CLASSIC,
            excerpt="<em>Un chapeau</em> pour le port.",
            categories=[("mer", "Mer")], tags=[("port", "Port")],
            meta={"_thumbnail_id": 11},
            comments=[
                wx.comment(1, "Bravo <b>!</b>", author="Alice", url="https://alice.example"),
                wx.comment(2, "Merci Alice", author="Bob", parent=1,
                           date_gmt="2024-03-02 10:00:00"),
                wx.comment(3, "En attente", approved="0"),
                wx.comment(4, "Achetez !", approved="spam", email="spam@spam.example"),
                wx.comment(5, "Effacé", approved="trash"),
                wx.comment(6, "Lien", comment_type="pingback"),
            ],
        ),
    )
    return wx.export(
        wx.author("jeanne", "jeanne@mag.example", "Jeanne", "Martin", author_id=1),
        wx.author("paul", "paul@mag.example", "Paul", "Durand", author_id=2),
        wx.category(3, "mer", "Mer", "Tout sur la mer."),
        wx.category(1, "uncategorized", "Uncategorized"),
        wx.tag(7, "port", "Port", "Les ports."),
        wx.attachment(11, "2024/03/port.jpg",
                      caption="Le port au matin. Crédit photo : Jeanne Martin",
                      alt="Des bateaux à quai au lever du jour", parent=100,
                      link=f"{wx.SITE}/2024/03/le-port-renait/port/"),
        wx.attachment(12, "2024/03/phare.jpg", caption="Le phare", alt="Un phare blanc"),
        wx.attachment(13, "2024/03/vague.jpg", description="Alice Doe / Unsplash",
                      alt="Une vague"),
        first_post,
        wx.item(101, "Un brouillon", status="draft", content=BLOCKS, creator="paul",
                date_gmt="0000-00-00 00:00:00", date_local="2024-03-05 10:00:00"),
        wx.item(102, "En relecture", status="pending", creator="paul"),
        wx.item(103, "Demain", status="future", date_gmt="2099-01-01 06:00:00"),
        wx.item(104, "Privé", status="private"),
        wx.item(105, "Phare sans crédit", meta={"_thumbnail_id": 12},
                categories=[("mer", "Mer")]),
        wx.item(106, "Vague", meta={"_thumbnail_id": 13}, creator="paul"),
        wx.item(200, "À propos", post_type="page", slug="a-propos",
                link=f"{wx.SITE}/a-propos/", content="Nous sommes un magazine.\n\nÉcrivez-nous."),
        wx.item(300, "Un produit", post_type="product"),
        wx.item(301, "Menu", post_type="nav_menu_item"),
    )


def run_import(tmp_path, text, *args, name="export.xml", language="en"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    error = None
    try:
        with translation.override(language):
            call_command("import_wordpress", str(path), *args, stdout=out, stderr=io.StringIO())
    except CommandError as raised:
        error = raised
    return out.getvalue(), error


@pytest.fixture
def imported(tmp_path, uploads, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        output, error = run_import(tmp_path, full_export(), "--uploads", str(uploads))
    return output, error


def test_posts_become_articles_with_their_status_dates_authors_and_tags(imported, client):
    output, error = imported
    article = Article.objects.get(slug="le-port-renait")
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at == datetime(2024, 3, 1, 8, 30, tzinfo=UTC)
    assert article.standfirst == "Un chapeau pour le port."
    assert [a.username for a in article.authors.all()] == ["jeanne"]
    assert sorted(t.slug for t in article.tags.all()) == ["mer", "port"]
    statuses = dict(Article.objects.values_list("title", "status"))
    assert statuses["Un brouillon"] == "draft"
    assert statuses["En relecture"] == "review"
    assert statuses["Privé"] == "draft"
    tomorrow = Article.objects.get(title="Demain")
    assert tomorrow.is_scheduled
    # The unknown post type failed, clearly, and the rest was imported.
    assert error is not None
    assert "unknown post type “product”" in output

    page = client.get("/articles/le-port-renait/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Premier" not in body  # (that is the draft's)
    assert "<p>Un premier paragraphe<br>" in article.body
    assert "<p>Un second paragraphe.</p>" in article.body
    assert "<figcaption>" in article.body and "Le port au matin" in article.body
    assert "<script>" not in article.body
    assert client.get("/articles/demain/").status_code == 404


def test_authors_are_created_as_staff_without_password_or_matched_by_email(
    tmp_path, uploads
):
    existing = make_user("paul.durand", email="PAUL@mag.example")
    run_import(tmp_path, full_export(), "--uploads", str(uploads))
    jeanne = get_user_model().objects.get(username="jeanne")
    assert jeanne.is_staff and not jeanne.has_usable_password()
    assert jeanne.get_full_name() == "Jeanne Martin"
    assert list(jeanne.groups.values_list("name", flat=True)) == [AUTHORS]
    assert not get_user_model().objects.filter(username="paul").exists()
    assert Article.objects.get(title="En relecture").authors.get() == existing


def test_categories_become_sections_and_tags_keep_their_descriptions(imported, client):
    sea = Tag.objects.get(slug="mer")
    assert sea.is_section and sea.description == "Tout sur la mer."
    port = Tag.objects.get(slug="port")
    assert not port.is_section and port.description == "Les ports."
    assert not Tag.objects.get(slug="uncategorized").is_section
    archive = client.get("/tags/mer/")
    assert "Tout sur la mer." in archive.content.decode()
    assert "Le port renaît" in archive.content.decode()


def test_comments_keep_status_thread_dates_and_commenter(imported, client):
    article = Article.objects.get(slug="le-port-renait")
    comments = {c.body: c for c in Comment.objects.filter(article=article)}
    assert set(comments) == {"Bravo !", "Merci Alice", "En attente", "Achetez !", "Effacé"}
    assert comments["Bravo !"].status == Comment.Status.APPROVED
    assert comments["Bravo !"].website == "https://alice.example"
    assert comments["Merci Alice"].parent == comments["Bravo !"]
    assert comments["Merci Alice"].created_at == datetime(2024, 3, 2, 10, tzinfo=UTC)
    assert comments["En attente"].status == Comment.Status.PENDING
    assert comments["Achetez !"].status == Comment.Status.SPAM
    assert comments["Effacé"].status == Comment.Status.REMOVED
    # Older than the retention window: the IP address is not kept.
    assert comments["Bravo !"].ip_address is None
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Merci Alice" in page and "En attente" not in page and "Achetez" not in page


def test_recent_comments_keep_their_ip_address(tmp_path, uploads):
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
    post = wx.item(100, "Récent", comments=[wx.comment(1, "Tout frais", date_gmt=now)])
    run_import(tmp_path, wx.export(wx.author("jeanne", "j@mag.example"), post))
    assert Comment.objects.get().ip_address == "203.0.113.5"


def test_images_get_alt_text_and_credit_and_uncredited_ones_are_reported(imported):
    output, _ = imported
    port = Image.objects.get(alt_text="Des bateaux à quai au lever du jour")
    assert port.credit == "Jeanne Martin"
    assert port.caption == "Le port au matin."
    assert port.renditions.exists()  # Cleaned and rendered as an upload is.
    wave = Image.objects.get(alt_text="Une vague")
    assert (wave.credit, wave.credit_source) == ("Alice Doe", "Unsplash")
    lighthouse = Image.objects.get(alt_text="Un phare blanc")
    assert not lighthouse.has_credit
    assert "Images without a credit" in output and "phare" in output
    article = Article.objects.get(slug="le-port-renait")
    assert article.featured_image == port


def test_article_whose_image_has_no_credit_is_kept_in_review_and_reported(imported, client):
    output, _ = imported
    article = Article.objects.get(title="Phare sans crédit")
    assert article.status == Article.Status.REVIEW
    assert article.featured_image.alt_text == "Un phare blanc"
    assert "Kept in review" in output and "Phare sans crédit" in output
    assert client.get(article.get_absolute_url()).status_code == 404
    assert Article.objects.get(title="Vague").status == Article.Status.PUBLISHED


def test_article_whose_image_has_no_credit_carries_a_note_for_its_next_editor(
    imported, client, tmp_path, uploads
):
    article = Article.objects.get(title="Phare sans crédit")
    client.force_login(make_user("redaction", "Editors"))
    change_page = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    notes = change_page.split('id="notes"')[1].split("</section>")[0]
    assert "<strong>L’import</strong>" in notes  # Not "a former member of staff".
    assert "Imported from WordPress" in notes and "credit" in notes
    assert 'article-notes__count">1 ' in notes
    # Articles whose pictures are complete carry no such note.
    assert not ArticleNote.objects.filter(article__title="Vague").exists()

    run_import(tmp_path, full_export(), "--uploads", str(uploads))
    assert ArticleNote.objects.filter(article=article, resolved=False).count() == 1

    note = ArticleNote.objects.get(article=article)
    client.post(f"/admin/articles/article/{article.pk}/notes/{note.pk}/resolve/")
    note.refresh_from_db()
    assert note.resolved


def test_pages_become_flat_pages_at_the_same_address(imported, client):
    page = FlatPage.objects.get(url="/a-propos/")
    assert page.title == "À propos"
    assert "<p>Nous sommes un magazine.</p>" in page.content
    assert client.get("/a-propos/").status_code == 200
    response = client.get("/?page_id=200")
    assert (response.status_code, response["Location"]) == (301, "/a-propos/")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/2024/03/le-port-renait/", "/articles/le-port-renait/"),
        ("/2024/03/01/le-port-renait/", "/articles/le-port-renait/"),
        ("/le-port-renait/", "/articles/le-port-renait/"),
        ("/?p=100", "/articles/le-port-renait/"),
        ("/2024/03/le-port-renait/feed/", "/articles/le-port-renait/"),
        ("/category/mer/", "/tags/mer/"),
        ("/?cat=3", "/tags/mer/"),
        ("/category/mer/feed/", "/tags/mer/feed/rss/"),
        ("/tag/port/", "/tags/port/"),
        ("/?tag=port", "/tags/port/"),
        ("/author/jeanne/", "/auteurs/jeanne-martin/"),
        ("/?author=1", "/auteurs/jeanne-martin/"),
        ("/author/jeanne/feed/", "/auteurs/jeanne-martin/feed/rss/"),
        ("/feed/", "/feeds/rss/"),
        ("/?feed=rss2", "/feeds/rss/"),
        ("/feed/atom/", "/feeds/atom/"),
        ("/category/mer/page/3/", "/tags/mer/"),
        ("/tag/port/page/2/", "/tags/port/"),
        ("/author/jeanne/page/2/", "/auteurs/jeanne-martin/"),
        # A picture's own page leads to the post it belongs to.
        ("/?attachment_id=11", "/articles/le-port-renait/"),
        ("/2024/03/le-port-renait/port/", "/articles/le-port-renait/"),
        # Date archives: by day (none here) to the month, paged to the first page.
        ("/2024/03/01/", "/2024/03/"),
        ("/2024/03/page/2/", "/2024/03/"),
        ("/2024/page/3/", "/2024/"),
        ("/en/2024/03/01/", "/en/2024/03/"),
    ],
)
def test_every_old_address_answers_a_permanent_redirect(imported, client, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


def test_a_picture_of_no_post_leads_from_its_page_to_the_picture(imported, client):
    response = client.get("/?attachment_id=12")
    assert response.status_code == 301
    assert response["Location"] == Image.objects.get(alt_text="Un phare blanc").file.url


def test_an_impossible_date_is_not_taken_for_an_archive(imported, client):
    assert client.get("/2024/13/01/").status_code == 404
    # Other addresses that end in four digits are not dates: their 404 stays a 404.
    for path in ("/apercu/2024/", "/admin/r/9/2024/", "/xx/2024/03/01/", "/2999/01/01/"):
        assert client.get(path).status_code != 301, path
    # Where this site has no article, the archive itself says so: no loop.
    assert client.get("/1999/01/").status_code == 404


def test_custom_permalink_structure_is_redirected(tmp_path, client):
    post = wx.item(100, "Titre", slug="titre", categories=[("mer", "Mer")])
    run_import(
        tmp_path, wx.export(wx.author("jeanne", "j@mag.example"), post),
        "--permalink-structure", "/%category%/%post_id%-%postname%.html",
    )
    response = client.get("/mer/100-titre.html")
    assert response.status_code == 301 and response["Location"] == "/articles/titre/"


def test_existing_addresses_are_not_taken_over(imported, client):
    # The home page still answers, with or without unrelated queries.
    assert client.get("/").status_code == 200
    assert client.get("/category/ailleurs/page/2/").status_code == 404
    assert client.get("/?page=1").status_code in (200, 404)
    assert client.get("/articles/le-port-renait/").status_code == 200


def test_a_second_run_creates_nothing_twice_and_updates_what_changed(tmp_path, uploads):
    run_import(tmp_path, full_export(), "--uploads", str(uploads))
    counts = (Article.objects.count(), Comment.objects.count(), Image.objects.count(),
              Tag.objects.count(), get_user_model().objects.count(), FlatPage.objects.count())
    output, _ = run_import(tmp_path, full_export(), "--uploads", str(uploads))
    assert counts == (Article.objects.count(), Comment.objects.count(), Image.objects.count(),
                      Tag.objects.count(), get_user_model().objects.count(),
                      FlatPage.objects.count())
    assert "created" in output
    post_line = next(line for line in output.splitlines() if line.strip().startswith("post "))
    assert post_line.split()[1:] == ["0", "0", "7", "0"]

    changed = wx.item(100, "Le port renaît de ses cendres", slug="le-port-renait",
                      content="Nouveau texte.", meta={"_thumbnail_id": 11},
                      comments=[wx.comment(1, "Bravo, modifié", author="Alice")])
    output, _ = run_import(tmp_path, full_export(first_post=changed), "--uploads", str(uploads))
    article = Article.objects.get(slug="le-port-renait")
    assert article.title == "Le port renaît de ses cendres"
    assert article.body == "<p>Nouveau texte.</p>"
    assert Comment.objects.filter(body="Bravo, modifié").count() == 1
    assert Article.objects.count() == counts[0]


def test_unknown_blocks_and_shortcodes_are_reported_by_name(imported):
    output, _ = imported
    assert "my-plugin/map: 1" in output
    assert "latest-posts: 1" in output
    assert "gallery: 1" in output
    draft = Article.objects.get(title="Un brouillon")
    assert "<p>Carte du port</p>" in draft.body  # Kept, not dropped.
    assert "[gallery" in Article.objects.get(slug="le-port-renait").body


def test_truncated_file_imports_what_comes_before_and_fails(tmp_path):
    text = wx.export(
        wx.author("jeanne", "j@mag.example"), wx.item(1, "Entier"), wx.item(2, "Coupé")
    )
    truncated = text[: text.index("Coupé") + 20]
    output, error = run_import(tmp_path, truncated)
    assert error is not None
    assert "Stopped reading the export" in output
    assert Article.objects.filter(title="Entier").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<html><body>Hello</body></html>", "not a WordPress export"),
        ('<?xml version="1.0"?><rss><channel><item><title>x</title></item></channel></rss>',
         "no <wp:wxr_version>"),
        ("", "Stopped reading the export"),
        ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><rss>&a;</rss>',
         "Stopped reading the export"),
    ],
)
def test_files_that_are_not_exports_are_refused_clearly(tmp_path, text, message):
    output, error = run_import(tmp_path, text)
    assert error is not None
    assert message in output
    assert not Article.objects.exists()


def test_broken_date_and_missing_attachment_fail_alone(tmp_path, uploads):
    text = wx.export(
        wx.author("jeanne", "j@mag.example"),
        wx.attachment(50, "2024/03/absent.jpg", alt="Absent"),
        wx.item(1, "Mauvaise date", date_gmt="2024-13-45 99:00:00"),
        wx.item(2, "Image absente", meta={"_thumbnail_id": 50}),
        wx.item(3, "Bien"),
    )
    output, error = run_import(tmp_path, text, "--uploads", str(uploads))
    assert error is not None
    assert "broken date “2024-13-45 99:00:00”" in output
    assert "missing attachment" in output and "absent.jpg" in output
    assert not Article.objects.filter(title="Mauvaise date").exists()
    assert Article.objects.get(title="Image absente").featured_image is None
    assert Article.objects.get(title="Bien").is_published


def test_admin_lists_the_imported_articles_and_comments(imported, superuser_client):
    response = superuser_client.get("/admin/articles/article/?q=port")
    assert response.status_code == 200
    assert "Le port renaît" in response.content.decode()
    response = superuser_client.get("/admin/comments/comment/?status=all")
    assert response.status_code == 200
    assert "Merci Alice" in response.content.decode()


def test_old_addresses_cost_no_query_on_a_site_without_any(
    client, tmp_path, django_assert_num_queries
):
    client.get("/2024/03/nulle-part/")
    with django_assert_num_queries(1):  # The flat page lookup only.
        assert client.get("/2024/03/nulle-part/").status_code == 404

    # The flag that saved the query is forgotten as soon as an import adds an address.
    run_import(tmp_path, wx.export(wx.author("jeanne", "j@mag.example"),
                                   wx.item(12, "Ici", slug="nulle-part")))
    response = client.get("/2024/03/nulle-part/")
    assert (response.status_code, response["Location"]) == (301, "/articles/nulle-part/")


def test_admin_shows_the_notes_of_articles_kept_in_review(imported, superuser_client):
    response = superuser_client.get("/admin/wordpress/importeditem/?kind=post&q=105")
    page = response.content.decode()
    assert response.status_code == 200
    assert "105" in page and "no credit" in page


def test_the_report_speaks_french(tmp_path, uploads):
    output, error = run_import(tmp_path, full_export(), "--uploads", str(uploads), language="fr")
    assert "Rapport d’import" in output
    assert "Gardés en relecture au lieu d’être publiés" in output
    assert "type de contenu inconnu « product »" in output
    assert "Certains éléments n’ont pas pu être importés" in str(error)


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_terminal_shows_a_progress_bar_for_each_reading_of_the_export(tmp_path):
    path = tmp_path / "export.xml"
    path.write_text(wx.export(wx.author("jeanne", "j@mag.example"),
                              *(wx.item(n, f"Article {n}") for n in range(1, 4))))
    terminal = Terminal()
    with translation.override("en"):
        call_command("import_wordpress", str(path), stdout=io.StringIO(), stderr=terminal)
    shown = terminal.getvalue()
    assert "Authors, terms, images" in shown
    assert "Posts, pages, comments" in shown
    # At the end, both readings are full: the second knew how many entries the first counted.
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown)
    last_frame = [line for line in re.split(r"[\r\n]", plain) if line.strip()][-2:]
    assert ["4/4" in line for line in last_frame] == [True, True], last_frame
    assert "\x1b[" in shown  # Drawn in place, not printed line after line.


def test_a_log_file_gets_a_line_every_500_entries_instead_of_a_bar():
    log = io.StringIO()
    with translation.override("en"), ProgressBar(log) as progress:
        for done in range(1001):
            progress("Posts, pages, comments", done, 1000)
    assert log.getvalue().splitlines() == [
        "Posts, pages, comments: 500 entries read…",
        "Posts, pages, comments: 1000 entries read…",
    ]


def test_subcategories_answer_at_their_place_in_the_tree(tmp_path, client):
    text = wx.export(
        wx.author("jeanne", "j@mag.example"),
        wx.category(3, "mer", "Mer"),
        wx.category(4, "ports", "Ports", parent="mer"),
        wx.category(5, "bretons", "Bretons", parent="ports"),
        wx.item(100, "Titre", slug="titre", categories=[("bretons", "Bretons")]),
    )
    run_import(tmp_path, text, "--permalink-structure", "/%category%/%postname%/")
    for old, new in [
        ("/category/mer/ports/", "/tags/ports/"),
        ("/category/ports/", "/tags/ports/"),
        ("/category/mer/ports/bretons/", "/tags/bretons/"),
        ("/category/mer/ports/bretons/feed/", "/tags/bretons/feed/rss/"),
        ("/mer/ports/bretons/titre/", "/articles/titre/"),
    ]:
        response = client.get(old)
        assert (response.status_code, response.get("Location")) == (301, new), old
