"""`manage.py load_demo_content`: a realistic French magazine on a fresh database, once."""

import datetime
import io
import re
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone
from django.utils.html import strip_tags
from PIL import Image as PILImage

from articles.demo import images
from articles.demo.base import DemoImage
from articles.demo.content import ARTICLES
from articles.demo.loader import typeset
from articles.demo.people import AUTHORS, EDITOR
from articles.demo.taxonomy import SOURCES, TAGS
from articles.models import Article, Image, Source, Tag, TaggedArticle
from articles.sanitizer import ALLOWED_TAGS
from core import roles

EXPECTED_TAGS = {"Hardware", "Intelligence Artificielle", "Société", "Technologie"}


@pytest.fixture(autouse=True)
def small_images(monkeypatch):
    """Thumbnails instead of 1600×900 pictures: the same drawing code, a fraction of the time."""
    monkeypatch.setattr(images, "IMAGE_SIZE", (160, 90))


@pytest.fixture(autouse=True)
def debug(settings):
    """The command is for development databases, where DEBUG is on."""
    settings.DEBUG = True


def load(*args):
    out = StringIO()
    call_command("load_demo_content", *args, stdout=out)
    return out.getvalue()


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Article, Image, Tag, TaggedArticle, Source, get_user_model(), LogEntry)
    }


def media_files(settings):
    return sorted(path.name for path in settings.MEDIA_ROOT.rglob("*") if path.is_file())


# The data, before anything touches the database.


def test_every_article_is_real_prose_in_the_allowed_html():
    assert len(ARTICLES) >= 30
    assert len({demo.title for demo in ARTICLES}) == len(ARTICLES)
    for demo in ARTICLES:
        words = len(re.findall(r"\w+", strip_tags(demo.body)))
        assert 250 <= words <= 500, (demo.title, words)
        paragraphs = demo.body.count("<p>") - demo.body.count("<blockquote><p>")
        assert 4 <= paragraphs <= 7, demo.title
        assert set(re.findall(r"</?(\w+)", demo.body)) <= ALLOWED_TAGS, demo.title
        assert demo.standfirst and len(demo.standfirst) <= 600
        assert "lorem" not in (demo.title + demo.standfirst + demo.body).lower()
    used = set().union(*(re.findall(r"<(\w+)", demo.body) for demo in ARTICLES))
    assert {"h2", "blockquote", "ul", "ol", "strong", "em", "a"} <= used


def test_every_article_has_tags_sources_authors_and_a_coherent_date():
    usernames = {user.username for user in AUTHORS}
    for demo in ARTICLES:
        assert 1 <= len(demo.tags) <= 3 and set(demo.tags) <= EXPECTED_TAGS, demo.title
        assert 1 <= len(demo.sources) <= 2 and set(demo.sources) <= SOURCES.keys(), demo.title
        assert demo.authors and set(demo.authors) <= usernames, demo.title
        assert demo.status in {"published", "review", "draft"}
        # Published in the past or scheduled in the future, never "today at some hour".
        assert demo.day != 0 and -60 <= demo.day <= 7, demo.title
        if demo.status != "published":
            assert demo.day < 0, demo.title


def test_typesetting_keeps_punctuation_with_its_word():
    assert typeset("« Pourquoi ? » : voilà ; enfin !") == (
        "«\u00a0Pourquoi\u202f?\u00a0»\u00a0: voilà\u202f; enfin\u202f!"
    )


def test_sources_are_publication_homepages():
    for name, url in SOURCES.values():
        parts = urlsplit(url)
        assert name and parts.scheme == "https" and parts.path == "/" and not parts.query


def test_every_image_has_its_own_colours_and_a_known_motif():
    pictures = [demo.image for demo in ARTICLES if demo.image]
    assert len({picture.colours for picture in pictures}) == len(pictures)
    assert {picture.motif for picture in pictures} <= images.MOTIFS.keys()


def test_images_are_full_hd_jpegs_by_default(monkeypatch):
    monkeypatch.undo()  # the real IMAGE_SIZE, for this one picture
    demo = DemoImage("Alt", "Légende", "Théo Vasseur", ("#0b1f3a", "#1fb5a8"), "chip")
    picture = PILImage.open(io.BytesIO(images.render(demo, seed="essai").read()))
    assert (picture.format, picture.size) == ("JPEG", (1600, 900))


# The command.


@pytest.mark.django_db
def test_loads_about_thirty_published_articles_that_readers_see():
    output = load()

    published = Article.objects.published()
    expected = sum(1 for demo in ARTICLES if demo.status == "published" and demo.day < 0)
    assert published.count() == expected and 25 <= expected <= 35
    assert "30 published, 2 scheduled, 2 in review, 3 drafts" in output

    now = timezone.now()
    dates = sorted(published.values_list("published_at", flat=True))
    assert dates[0] >= now - datetime.timedelta(days=61)
    assert dates[-1] < now
    assert dates[-1] - dates[0] > datetime.timedelta(days=45)


@pytest.mark.django_db
def test_drafts_review_and_scheduled_articles_stay_hidden():
    load()

    hidden = Article.objects.exclude(pk__in=Article.objects.published())
    assert hidden.filter(status=Article.Status.DRAFT).count() == 3
    assert hidden.filter(status=Article.Status.REVIEW).count() == 2
    assert Article.objects.scheduled().count() == 2
    assert hidden.count() == 7
    assert all(article.is_scheduled for article in Article.objects.scheduled())


@pytest.mark.django_db
def test_articles_are_published_by_the_editor_through_the_publish_action():
    load()

    editor = get_user_model().objects.get(username=EDITOR.username)
    published_ids = {
        str(pk)
        for pk in Article.objects.filter(status=Article.Status.PUBLISHED).values_list(
            "pk", flat=True
        )
    }
    logged = set(
        LogEntry.objects.filter(user=editor, change_message="Published.").values_list(
            "object_id", flat=True
        )
    )
    assert logged == published_ids


@pytest.mark.django_db
def test_every_published_article_has_a_credited_featured_image_on_disk(settings):
    load()

    for article in Article.objects.filter(status=Article.Status.PUBLISHED):
        image = article.featured_image
        assert image is not None, article.title
        assert image.alt_text and image.caption and image.has_credit
        assert image.credit_source and image.licence_name == "CC BY 4.0"
        assert image.licence_url == "https://creativecommons.org/licenses/by/4.0/"
        assert (image.width, image.height) == (160, 90)
        assert image.file.storage.exists(image.file.name)
        assert image.file.name.startswith("images/") and image.file.name.endswith(".jpg")


@pytest.mark.django_db
def test_creates_the_four_tags_with_descriptions():
    load()

    assert {tag.name: tag.description for tag in Tag.objects.all()} == {
        name: typeset(description) for name, description in TAGS.items()
    }
    assert set(Tag.objects.values_list("name", flat=True)) == EXPECTED_TAGS
    for article in Article.objects.prefetch_related("tags"):
        assert 1 <= len(article.tags.all()) <= 3


@pytest.mark.django_db
def test_authors_and_editor_have_full_names_roles_and_no_password():
    load()

    users = get_user_model().objects
    authors = users.filter(groups__name=roles.AUTHORS)
    assert 2 <= authors.count() <= 3
    for user in [*authors, users.get(groups__name=roles.EDITORS)]:
        assert user.first_name and user.last_name
        assert user.get_full_name() == f"{user.first_name} {user.last_name}"
        assert not user.has_usable_password()
    for article in Article.objects.prefetch_related("authors", "sources"):
        assert set(article.authors.all()) <= set(authors), article.title
        assert 1 <= len(article.sources.all()) <= 2


@pytest.mark.django_db
def test_running_twice_creates_nothing_twice(settings):
    load()
    before, files = counts(), media_files(settings)

    output = load()

    assert counts() == before
    assert media_files(settings) == files
    assert "nothing to add" in output


@pytest.mark.django_db
def test_if_empty_loads_an_empty_database():
    load("--if-empty")

    assert Article.objects.published().exists()


@pytest.mark.django_db
def test_if_empty_leaves_a_database_with_articles_alone():
    Article.objects.create(title="Un article déjà là", body="<p>Du texte.</p>")

    output = load("--if-empty")

    assert Article.objects.count() == 1
    assert not Tag.objects.exists() and not get_user_model().objects.exists()
    assert "not loaded" in output


@pytest.mark.django_db
def test_an_article_already_there_is_left_untouched():
    demo = ARTICLES[0]
    Article.objects.create(title=demo.title, standfirst="Ma version.", body="<p>Texte.</p>")

    output = load()

    kept = Article.objects.get(title=demo.title)
    assert kept.standfirst == "Ma version." and kept.status == Article.Status.DRAFT
    assert Article.objects.count() == len(ARTICLES)
    assert "left untouched: 1 demo article" in output


@pytest.mark.django_db
def test_demo_articles_say_how_they_were_written_and_who_reviewed_them():
    load()

    published = Article.objects.published()
    generated = published.filter(writing_method="ai_generated")
    assert generated.count() > published.count() / 2
    assert published.filter(writing_method="human").exists()
    assert published.filter(writing_method="ai_assisted").exists()
    for article in generated:
        assert article.reviewed_by.username == EDITOR.username, article.title
        assert article.reviewed_at <= article.published_at, article.title
        assert article.ai_system
    assert not published.filter(writing_method="human").exclude(ai_system="").exists()
    # Articles in review are AI-generated ones waiting for the editor.
    assert Article.objects.filter(status="review", review_done=False).exists()


@pytest.mark.django_db
def test_demo_articles_have_a_history():
    from reversion.models import Version

    load()

    article = Article.objects.published().filter(writing_method="ai_generated").first()
    comments = [
        version.revision.comment for version in Version.objects.get_for_object(article)
    ]
    assert comments == ["Published.", "Review recorded.", "Demo content."]


@pytest.mark.django_db
def test_demo_creates_the_magazine_pages_once():
    from django.contrib.flatpages.models import FlatPage

    from core.models import SiteSettings

    load()
    load()

    for url in ("/a-propos/", "/mentions-legales/", "/a-propos-de-l-ia/"):
        assert FlatPage.objects.filter(url=url).count() == 1, url
    # The comments app's page about commenters' data is reused, not duplicated.
    assert FlatPage.objects.filter(url="/confidentialite-commentaires/").count() == 1
    assert SiteSettings.current().editorial_responsibility.startswith("Sophie Garnier")


@pytest.mark.django_db
def test_refuses_to_publish_demo_articles_when_debug_is_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG is off"):
        load()

    assert not Article.objects.exists()


@pytest.mark.django_db
def test_force_loads_even_when_debug_is_off(settings):
    settings.DEBUG = False

    load("--force")

    assert Article.objects.published().count() >= 25


def test_a_damaged_data_file_is_named_in_the_error(tmp_path):
    from articles.demo.content import DemoContentError, read_articles

    folder = tmp_path / "1-rubrique"
    folder.mkdir()
    (folder / "01-article.html").write_text('+++\ntitle = "Sans fin\n+++\n<p>Texte</p>\n')

    with pytest.raises(DemoContentError, match="01-article.html"):
        read_articles(tmp_path)


@pytest.mark.django_db
def test_loading_the_demo_writes_to_nobody(settings, django_capture_on_commit_callbacks):
    from django.core import mail

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        load()

    assert callbacks  # the publications and submissions were announced…
    assert mail.outbox == []  # … to people who do not exist, who receive nothing
    assert not get_user_model().objects.filter(profile__email_notifications=True).exists()
