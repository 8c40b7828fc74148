"""Script injection, tried as an attacker would: every vector of vectors.py typed by the role
that may write each text field, through the forms that role uses, then every page,
attribute, JSON-LD block, feed, sitemap and e-mail that shows it, parsed as a browser does.

Who writes what:
- an author (admin): an article's title, standfirst, body, AI system, the tags typed in the
  tag field, its sources (name, address);
- an editor (admin): the site's pages (title, content), a tag's description, an image's
  alternative text, caption, credit, credit source, licence and addresses, the site settings;
- a reader (the public form): a comment's name, website and text; a search; an address.

tests/e2e/test_injection.py opens a representative part of the same pages in Chromium.
"""

from urllib.parse import quote

import pytest
from django import forms
from django.contrib.sites.models import Site
from django.core import mail
from django.test import Client

from articles.actions import PublishArticle
from articles.models import Article, Image, Tag
from comments.actions import ApproveComment
from comments.models import Comment
from core.models import SiteSettings
from tests.comments.conftest import comment_data, post_url
from tests.factories import make_user

from .inspection import email_problems, feed_problems, html_problems, json_ld, text_of
from .vectors import VECTORS, vector_id

pytestmark = pytest.mark.django_db

SAFE_URL = "https://example.org/"


@pytest.fixture(autouse=True)
def comments_without_obstacles(settings):
    """Spam defenses would hold most vectors back as spam: here every comment may pass,
    so that every one is shown, and e-mailed, once approved."""
    settings.COMMENTS_SPAM_CHECKS = []
    settings.COMMENTS_RATE_LIMIT_PER_IP = 0
    settings.COMMENTS_RATE_LIMIT_PER_EMAIL = 0
    settings.COMMENTS_AUTO_APPROVE_KNOWN = False
    settings.COMMENTS_NOTIFY_MODERATORS = True
    settings.COMMENTS_NOTIFY_AUTHORS = True
    settings.COMMENTS_SITE_URL = "https://magazine.test"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def as_url(vector):
    """What an attacker types into an address field: the vector itself when it is an
    address, else the vector in a query string (a space becomes "+", as browsers send)."""
    if vector.lower().startswith(("javascript:", "data:")):
        return vector
    return SAFE_URL + "?q=" + vector.replace(" ", "+")


def form_errors(response):
    """Every error of an admin form and its inlines, by field (inline fields prefixed)."""
    context = response.context
    errors = dict(context["adminform"].form.errors) if "adminform" in context else {}
    for inline in context.get("inline_admin_formsets", []):
        for form in inline.formset.forms:
            errors.update({f"{form.prefix}-{name}": value for name, value in form.errors.items()})
    return errors


def save(client, url, data, url_fields=()):
    """Post an admin form. An address field may refuse the vector (a clear form error, never
    a 500); the form is then sent again with a harmless address there."""
    response = client.post(url, data)
    if response.status_code == 200:
        errors = form_errors(response)
        assert errors and set(errors) <= set(url_fields), errors
        for value in data.values():
            if hasattr(value, "seek"):
                value.seek(0)  # an upload, read by the first post
        response = client.post(url, {**data, **dict.fromkeys(errors, SAFE_URL)})
    assert response.status_code == 302, form_errors(response)
    return response


def current_values(client, url):
    """What an admin change form sends when nothing is changed in it."""
    form = client.get(url).context["adminform"].form
    values = {"_save": "Save"}
    for field in form:
        value = field.value()
        if isinstance(field.field, forms.FileField) or value is None or value is False:
            continue
        values[field.html_name] = "on" if value is True else value
    return values


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def png_file():
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "steelblue").save(buffer, "PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


class HostileMagazine:
    """A magazine whose every text field, written by the role that may write it, holds
    ``vector``."""

    def __init__(self, vector, capture_on_commit):
        self.vector = vector
        self.author = make_user("autrice", "Authors", email="autrice@magazine.test")
        self.editor = make_user("editeur", "Editors", email="editeur@magazine.test")
        self.moderator = make_user("moderatrice", "Moderators", email="moderatrice@magazine.test")
        self.capture_on_commit = capture_on_commit
        editor, author = logged_in(self.editor), logged_in(self.author)
        self.write_site_settings(editor)
        self.write_page(editor)
        self.image = self.upload_image(editor)
        self.article = self.write_article(author)
        self.describe_tags(editor)
        draft = Article.objects.get(pk=self.article.pk)
        self.article = PublishArticle(draft, self.editor).execute()
        self.comment = self.post_comment()

    def write_site_settings(self, editor):
        url = f"/admin/core/sitesettings/{SiteSettings.current().pk}/change/"
        v = self.vector
        save(editor, url, {
            **current_values(editor, url),
            "site_name": v,
            "tagline": v,
            "disclosure_text": v,
            "disclosure_link_text": v,
            "editorial_responsibility": v,
        })

    def write_page(self, editor):
        save(editor, "/admin/flatpages/flatpage/add/", {
            "url": "/piege/",
            "title": self.vector,
            "content": self.vector,
            "sites": [str(Site.objects.get_current().pk)],
            "template_name": "",
            "_save": "Save",
        })

    def upload_image(self, editor):
        v = self.vector
        save(
            editor,
            "/admin/articles/image/add/",
            {
                "file": png_file(),
                "alt_text": v,
                "caption": v,
                "credit": v,
                "credit_source": v,
                "source_url": as_url(v),
                "licence_name": v,
                "licence_url": as_url(v),
                "digital_source_type": "digitalCapture",
                "focal_point_x": "",
                "focal_point_y": "",
                "_save": "Save",
            },
            url_fields=("source_url", "licence_url"),
        )
        return Image.objects.get()

    def write_article(self, author):
        v = self.vector
        # Typed as a quoted name, so the tag field keeps it whole (when its quotes allow).
        tags = '"' + v.replace('"', "") + '", Énergie'
        save(
            author,
            "/admin/articles/article/add/",
            {
                "title": v,
                "slug": "",
                "standfirst": v,
                # Some vectors are nothing once cleaned, and an article needs a text.
                "body": f"<p>Du texte.</p>{v}<p>{v}</p>",
                "status": "draft",
                "published_at_0": "",
                "published_at_1": "",
                "featured_image": str(self.image.pk),
                "authors": [str(self.author.pk)],
                "tags": tags,
                "comments_open": "on",
                "writing_method": "ai_assisted",
                "ai_system": v,
                "sources-TOTAL_FORMS": "1",
                "sources-INITIAL_FORMS": "0",
                "sources-MIN_NUM_FORMS": "0",
                "sources-MAX_NUM_FORMS": "1000",
                "sources-0-name": v,
                "sources-0-url": as_url(v),
                "sources-0-order": "0",
                "_save": "Save",
            },
            url_fields=("sources-0-url",),
        )
        return Article.objects.get()

    def describe_tags(self, editor):
        for tag in Tag.objects.all():
            url = f"/admin/articles/tag/{tag.pk}/change/"
            save(editor, url, {**current_values(editor, url), "description": self.vector})

    def post_comment(self):
        reader = Client()
        data = comment_data(
            self.article,
            name=self.vector,
            website=as_url(self.vector),
            body=self.vector,
            confirm_address="on",  # the confirmation e-mail shows the name and title too
        )
        with self.capture_on_commit(execute=True):
            response = reader.post(post_url(self.article), data)
            if response.status_code == 200:  # the website refused, with a message
                response = reader.post(post_url(self.article), {**data, "website": SAFE_URL})
        assert response.status_code == 302
        comment = Comment.objects.get()
        with self.capture_on_commit(execute=True):
            ApproveComment(comment, self.moderator).execute()
        return comment

    # What shows it

    def reader_pages(self):
        article, tag = self.article, self.article.tags.exclude(name="Énergie").first()
        tag = tag or self.article.tags.get()
        year, month = article.published_at.year, article.published_at.month
        return {
            "home": "/",
            "article": article.get_absolute_url(),
            "tag": tag.get_absolute_url(),
            "author": f"/auteurs/{self.author.profile.public_slug}/",
            "year": f"/{year}/",
            "month": f"/{year}/{month:02d}/",
            "search for the vector": "/search/?q=" + quote(self.vector),
            "search by tag": f"/search/?q=a&tag={tag.slug}",
            "flat page": "/piege/",
            "disclosure page": SiteSettings.current().disclosure_url,
            "a missing page named by the vector": "/" + quote(self.vector, safe="") + "/",
        }

    def feeds(self):
        tag = self.article.tags.exclude(name="Énergie").first() or self.article.tags.get()
        return [
            "/feeds/rss/",
            "/feeds/atom/",
            f"/tags/{tag.slug}/feed/rss/",
            f"/tags/{tag.slug}/feed/atom/",
            f"/auteurs/{self.author.profile.public_slug}/feed/rss/",
            f"/auteurs/{self.author.profile.public_slug}/feed/atom/",
            "/sitemap.xml",
            "/sitemap-articles.xml",
            "/sitemap-tags.xml",
            "/sitemap-pages.xml",
            "/news-sitemap.xml",
        ]

    def admin_pages(self):
        article, image = self.article, self.image
        tag = self.article.tags.first()
        return {
            self.editor: [
                f"/admin/articles/article/{article.pk}/change/",
                f"/admin/articles/article/{article.pk}/history/",
                "/admin/articles/image/",
                f"/admin/articles/image/{image.pk}/change/",
                f"/admin/articles/tag/{tag.pk}/change/",
                "/admin/flatpages/flatpage/",
                f"/admin/core/sitesettings/{SiteSettings.current().pk}/change/",
                f"/apercu/{article.pk}/",
            ],
            self.author: ["/admin/articles/article/"],
            self.moderator: [
                "/admin/",
                f"/admin/comments/comment/{self.comment.pk}/change/",
            ],
        }


@pytest.fixture
def magazine(request, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    return HostileMagazine(request.param, django_capture_on_commit_callbacks)


@pytest.mark.parametrize("magazine", VECTORS, ids=vector_id, indirect=True)
def test_no_vector_runs_anywhere_it_is_shown_and_each_shows_as_typed(client, magazine):
    problems = []
    for name, url in magazine.reader_pages().items():
        response = client.get(url)
        assert response.status_code in (200, 404), f"{name} answered {response.status_code}"
        problems += html_problems(response.content.decode(), f"{name} ({url})")
    for url in magazine.feeds():
        response = client.get(url)
        assert response.status_code == 200, url
        problems += feed_problems(response.content, url)
    for user, urls in magazine.admin_pages().items():
        staff = logged_in(user)
        for url in urls:
            response = staff.get(url)
            assert response.status_code == 200, f"{url} for {user}"
            problems += html_problems(response.content.decode(), f"{url} for {user}")
    assert len(mail.outbox) >= 3, "the commenter, moderators and authors were e-mailed"
    for message in mail.outbox:
        problems += email_problems(message, f"e-mail {message.subject!r}")

    assert problems == [], "\n".join(problems)
    # Escaped, not mangled: the reader sees exactly what was typed, and structured data
    # carries it intact; template syntax is printed, never evaluated.
    vector = magazine.vector
    html = client.get(magazine.article.get_absolute_url()).content.decode()

    assert text_of(html, "h1") == vector
    assert text_of(html, "title").startswith(vector)
    (data,) = json_ld(html)
    assert data["headline"] == vector
    assert data["description"] == vector
    page = client.get("/piege/").content.decode()
    assert text_of(page, "h1") == vector
    comment = magazine.comment
    assert comment.body == vector and comment.name == vector
    # Plain-text e-mails (to the commenter, the moderators, the authors) quote it as is.
    assert all(vector in message.body for message in mail.outbox)
