"""Browser-level tests: Playwright for Python driving Debian's Chromium against a live server.

The whole folder is skipped, with the reason printed, on a machine without Chromium,
Java or the npm validators (`npm ci`); CI installs all three.
"""

import io
import json
import os
import shutil
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile

from core.roles import AUTHORS, EDITORS, MODERATORS
from tests.factories import PASSWORD, make_user

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
NODE_MODULES = Path(settings.BASE_DIR) / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def _missing_tools():
    missing = []
    if not Path(CHROMIUM).exists():
        missing.append(f"Chromium ({CHROMIUM}; apt-get install chromium)")
    if not shutil.which("java"):
        missing.append("Java (apt-get install default-jre-headless)")
    if not VNU_JAR.exists() or not AXE_JS.exists():
        missing.append("the npm validators (npm ci)")
    return missing


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    missing = _missing_tools()
    here = Path(__file__).parent
    for item in items:
        if Path(item.fspath).is_relative_to(here):
            item.add_marker(pytest.mark.e2e)
            if missing:
                item.add_marker(
                    pytest.mark.skip(reason="browser tests skipped: missing " + ", ".join(missing))
                )


@pytest.fixture(autouse=True)
def _comments_as_in_production(settings):
    """The documented comment settings, whatever the environment says, except two: a form
    may be sent at once (a test types faster than the minimum delay that holds robots back)
    and Akismet is never called."""
    settings.COMMENTS_MIN_SUBMIT_SECONDS = 0
    settings.AKISMET_API_KEY = ""
    settings.COMMENTS_CLOSE_AFTER_DAYS = 0
    settings.COMMENTS_MAX_DEPTH = 3
    settings.COMMENTS_PER_PAGE = 50
    settings.COMMENTS_RATE_LIMIT_PER_IP = 10
    settings.COMMENTS_RATE_LIMIT_PER_EMAIL = 5
    settings.LANGUAGE_CODE = "fr"


@pytest.fixture(scope="session", autouse=True)
def _allow_orm_beside_playwright():
    # Playwright's sync API keeps an event loop on the test thread; the ORM calls the
    # tests make there are still plain synchronous calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield


@pytest.fixture(scope="session")
def browser(django_db_setup):
    from django.db import connections
    from playwright.sync_api import expect, sync_playwright

    # As patient as actions are (see new_context): a loaded CI machine is slow, not broken.
    expect.set_options(timeout=15_000)

    # While Playwright's sync API runs, the test thread counts as running an event loop, and
    # asgiref then gives Django other database connections than the thread's own: the copy
    # of the migrated database that serialized rollbacks restore (the groups and pages the
    # data migrations made) stays on the first ones. Hand it over to the new ones.
    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        for alias, contents in serialized.items():
            connections[alias]._test_serialized_contents = contents
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser, live_server):
    """Open more browser contexts (another person, a phone, the dark scheme), each closed
    at the end of the test: ``new_context(color_scheme="dark")``."""
    contexts = []

    def open_context(**options):
        options = {"base_url": live_server.url, "locale": "fr-FR", **options}
        context = browser.new_context(**options)
        context.set_default_timeout(15_000)
        # Chromium fetches icons lazily, sometimes after the test, while the database is
        # being reset on the shared connection of the in-memory database; answer them here.
        context.route("**/favicon.*", lambda route: route.fulfill(status=204))
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()


@pytest.fixture
def browser_context(new_context):
    return new_context()


@pytest.fixture
def page(browser_context):
    return browser_context.new_page()


@pytest.fixture
def screenshot():
    """Save a full-page screenshot under var/screenshots/ at the page's current width."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


# Every page of the context reports the violations it meets, from its first script on.
RECORD_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} `
    + `at ${event.sourceFile}:${event.lineNumber} (${event.sample})`
  );
});
"""


@pytest.fixture
def watched_page(browser_context):
    """A page whose CSP violations, console errors, script errors and dialogs (an ``alert``
    that ran), on every page it opens, are kept: ``page.violations()`` returns them."""
    problems = []
    browser_context.expose_function("reportCspViolation", lambda text: problems.append(text))
    browser_context.add_init_script(RECORD_VIOLATIONS)

    def on_console(message):
        # A missing page is an answer the tests ask for, not an error of the page.
        if message.type == "error" and "status of 404" not in message.text:
            problems.append(f"console: {message.text}")

    def on_dialog(dialog):
        problems.append(f"dialog: {dialog.type} {dialog.message!r} on {dialog.page.url}")
        dialog.dismiss()

    def on_page(page):
        page.on("console", on_console)
        page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
        page.on("dialog", on_dialog)

    browser_context.on("page", on_page)
    page = browser_context.new_page()

    def violations():
        page.wait_for_timeout(100)  # events of the last action are delivered
        found = list(problems)
        problems.clear()
        return found

    page.violations = violations
    return page


def assert_no_violations(page):
    found = page.violations()
    assert found == [], "\n".join(found)



def _readable(message):
    return f"line {message.get('lastLine')}: {message['message']} ({message.get('extract', '')!r})"


def validate_html(html):
    """The Nu Html Checker's errors for ``html``, as a list of readable strings."""
    result = subprocess.run(
        ["java", "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", "--stdout", "-"],
        input=html.encode(),
        capture_output=True,
        check=False,
        timeout=120,
    )
    messages = json.loads(result.stdout or b'{"messages": []}')["messages"]
    return [_readable(message) for message in messages if message.get("type") == "error"]


def validate_documents(documents):
    """The Nu Html Checker's errors for each of ``documents`` ({name: html}), all checked in
    one run of the checker (starting Java costs about two seconds): {name: [errors]}."""
    with tempfile.TemporaryDirectory(prefix="newsroom-vnu-") as folder:
        files = {}
        for number, (name, html) in enumerate(documents.items()):
            path = Path(folder) / f"document-{number}.html"
            path.write_text(html, encoding="utf-8")
            files[path.name] = name
        result = subprocess.run(
            ["java", "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", "--stdout"]
            + [str(Path(folder) / file) for file in files],
            capture_output=True,
            check=False,
            timeout=180,
        )
    errors = {name: [] for name in documents}
    # The checker answers 0 (valid) or 1 (errors found); anything else is its own failure.
    if result.returncode not in (0, 1) or not result.stdout:
        errors["(the checker)"] = [result.stderr.decode(errors="replace")[-2000:]]
        return errors
    for message in json.loads(result.stdout)["messages"]:
        if message.get("type") == "error":
            name = files.get(message.get("url", "").rsplit("/", 1)[-1], "(the checker)")
            errors.setdefault(name, []).append(_readable(message))
    return errors


def serious_axe_violations(page):
    """axe-core's serious and critical violations on the page, as readable strings."""
    # Evaluated through the browser's debugging protocol, not as a <script> element that the
    # site's Content-Security-Policy would rightly block.
    page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;true")
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] if node["target"] else "" for node in violation["nodes"][:5])
        for violation in results["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


# People and content ---------------------------------------------------------------------
#
# The tests mark themselves django_db(transaction=True, serialized_rollback=True): the live
# server reads what they write, so each test commits, and the database is emptied after it;
# the serialized rollback puts back what the data migrations made (the Editors, Authors and
# Moderators groups with their permissions, the site settings, the site's pages).

def make_staff(username, group, **extra):
    return make_user(username, group, email=f"{username}@redaction.test", **extra)


@pytest.fixture
def editor(transactional_db):
    return make_staff("edith", EDITORS, first_name="Édith", last_name="Piaf")


@pytest.fixture
def author(transactional_db):
    return make_staff("albert", AUTHORS, first_name="Albert", last_name="Londres")


@pytest.fixture
def moderator(transactional_db):
    return make_staff("marc", MODERATORS, first_name="Marc", last_name="Bloch")


def log_in(page, user, next_url="/admin/"):
    """Sign in through the admin's login page, typing as a person does."""
    page.goto(f"/admin/login/?next={next_url}")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#login-form [type=submit]").click()
    page.wait_for_url(f"**{next_url}")


def png_bytes(width=1200, height=675, colour="#1f5f8b"):
    """A PNG drawn by Pillow: a plain field with a light disc, the same bytes every time."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    image = PILImage.new("RGB", (width, height), colour)
    radius = min(width, height) // 3
    centre = (width // 2, height // 2)
    ImageDraw.Draw(image).ellipse(
        (centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius),
        fill="#f2c14e",
    )
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def png_path(tmp_path):
    """A PNG file on disk, for upload fields."""
    path = tmp_path / "pont-autoreparant.png"
    path.write_bytes(png_bytes())
    return path


BODY = (
    "<p>Des chercheurs ont mis au point un <strong>béton autocicatrisant</strong> : des "
    "bactéries enfermées dans le mélange referment les fissures au contact de l’eau.</p>"
    "<h2>Comment ça marche</h2>"
    "<p>Les spores restent <em>endormies</em> pendant des années. "
    '<a href="https://example.org/etude">L’étude complète</a> détaille les essais.</p>'
    "<ul><li>moins d’entretien ;</li><li>des ouvrages plus durables.</li></ul>"
    "<blockquote><p>Le pont répare lui-même ses blessures.</p></blockquote>"
)


class Magazine:
    """A small published magazine: three articles in two topics, an image with its credit,
    sources, and a conversation under the lead article. Every date is fixed (March 2025)."""

    def __init__(self, editor, author):
        from articles.actions import PublishArticle
        from articles.models import Article, Image, Source, Tag
        from comments.models import Comment

        self.editor, self.author = editor, author
        # The site's two sections, in the main menu.
        self.sciences = Tag.objects.create(
            name="Sciences", slug="sciences", description="Découvertes et recherches.",
            is_section=True, section_position=1,
        )
        self.societe = Tag.objects.create(
            name="Société", slug="societe", is_section=True, section_position=2
        )
        self.image = Image.objects.create(
            file=ContentFile(png_bytes(), name="pont.png"),
            alt_text="Un pont de béton au-dessus d’une rivière, au lever du jour.",
            caption="Le pont expérimental de Delft.",
            credit="Jeanne Morel",
            credit_source="Agence Horizon",
            source_url="https://example.org/photos/pont",
            licence_name="CC BY 4.0",
            licence_url="https://creativecommons.org/licenses/by/4.0/",
        )

        def publish(title, day, *, tags, authors, image=None, body=BODY, standfirst=""):
            article = Article.objects.create(
                title=title,
                standfirst=standfirst,
                body=body,
                featured_image=image,
                published_at=datetime(2025, 3, day, 8, 30, tzinfo=UTC),
            )
            article.set_authors(authors)
            article.tags.set(tags)
            return PublishArticle(article, editor).execute()

        self.lead = publish(
            "Des ponts en béton qui se réparent seuls",
            12,
            tags=[self.sciences],
            authors=[author],
            image=self.image,
            standfirst="Des bactéries referment les fissures : le béton vivant sort du labo.",
        )
        Source.objects.create(article=self.lead, name="Nature", url="https://www.nature.com/")
        Source.objects.create(article=self.lead, name="TU Delft", order=1)
        self.second = publish(
            "La ville qui voulait des arbres partout",
            10,
            tags=[self.societe, self.sciences],
            authors=[author, editor],
            image=self.image,
            body="<p>Planter un arbre par habitant : un pari municipal sur vingt ans.</p>",
        )
        Source.objects.create(article=self.second, name="Mairie de Nantes")
        self.third = publish(
            "Les bibliothèques ouvrent le dimanche",
            7,
            tags=[self.societe],
            authors=[editor],
            body="<p>Trois villes testent l’ouverture dominicale de leurs médiathèques.</p>",
        )
        self.comment = Comment.objects.create(
            article=self.lead,
            name="Camille",
            email="camille@lecteurs.test",
            website="https://camille.example.org",
            body="Passionnant !\nCombien coûte ce béton par rapport à l’ordinaire ?",
            status=Comment.Status.APPROVED,
            created_at=datetime(2025, 3, 12, 10, 0, tzinfo=UTC),
        )
        self.reply = Comment.objects.create(
            article=self.lead,
            parent=self.comment,
            name="Dominique",
            email="dominique@lecteurs.test",
            body="Environ deux fois plus cher à la construction, d’après l’étude.",
            status=Comment.Status.APPROVED,
            created_at=datetime(2025, 3, 12, 11, 0, tzinfo=UTC),
        )


@pytest.fixture
def magazine(editor, author):
    return Magazine(editor, author)


EMBEDDED_VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def rich_article(magazine):
    """A published article whose text shows a picture of the library, an embedded video,
    a table and a pull quote."""
    from articles.actions import PublishArticle
    from articles.models import Article

    article = Article.objects.create(
        title="Le port en images",
        standfirst="Des grues, des chiffres et une vidéo.",
        body=(
            "<p>Le port a changé de visage en dix ans.</p>"
            f'<figure data-image-id="{magazine.image.pk}" data-decorative="false">'
            "<figcaption>Le pont, vu depuis les quais.</figcaption></figure>"
            "<p>Les chiffres parlent d’eux-mêmes.</p>"
            "<table><tbody><tr><th><p>Année</p></th><th><p>Conteneurs</p></th></tr>"
            "<tr><td><p>2015</p></td><td><p>1,2 million</p></td></tr>"
            "<tr><td><p>2025</p></td><td><p>2,9 millions</p></td></tr></tbody></table>"
            '<blockquote class="pullquote"><p>« Le port ne dort jamais. »</p></blockquote>'
            f'<figure data-embed-url="{EMBEDDED_VIDEO}"></figure>'
            "<p>La visite continue en mai.</p>"
        ),
        published_at=datetime(2025, 3, 5, 8, 30, tzinfo=UTC),
    )
    article.set_authors([magazine.editor])
    article.tags.set([magazine.societe])
    return PublishArticle(article, magazine.editor).execute()


def error_pages(magazine, settings):
    """{page type: HTML} of the pages a reader meets when something goes wrong with a form
    or the server; only a POST, or a failure, shows them."""
    from django.test import Client, RequestFactory
    from django.urls import reverse

    from articles.models import Article
    from comments.commenters import confirmation_token
    from comments.models import CommenterKey
    from newsroom.views import bad_request, permission_denied, server_error

    closed = magazine.second
    Article.objects.filter(pk=closed.pk).update(comments_open=False)
    key, secret = CommenterKey.issue("lou@lecteurs.test", CommenterKey.Origin.EMAIL)
    confirm_path = reverse("comments:confirm", args=[confirmation_token(key, secret)])
    post = {"name": "Lou", "email": "lou@lecteurs.test", "body": "Un avis."}
    settings.COMMENTS_RATE_LIMIT_PER_IP = 1
    client = Client()
    client.post(reverse("comments:post", args=[magazine.third.pk]), {})
    responses = {
        "article with comments closed": (client.get(closed.get_absolute_url()), 200),
        "comment on a closed article": (
            client.post(reverse("comments:post", args=[closed.pk]), post),
            403,
        ),
        "too many comments": (
            client.post(reverse("comments:post", args=[magazine.third.pk]), post),
            429,
        ),
        "form sent without its CSRF cookie": (
            Client(enforce_csrf_checks=True).post(reverse("admin:login"), {}),
            403,
        ),
        "comment sent from another site's page": (
            Client(HTTP_ORIGIN="https://elsewhere.example").post(
                reverse("comments:post", args=[magazine.lead.pk]), post
            ),
            403,
        ),
        "address confirmation": (Client().get(confirm_path), 200),
        "address confirmed": (Client().post(confirm_path), 200),
        "address confirmation link that does not work": (
            Client().get(reverse("comments:confirm", args=["not-a-link"])),
            400,
        ),
        "403": (permission_denied(RequestFactory().get("/admin/"), None), 403),
        "400 (an unknown host)": (
            bad_request(RequestFactory().get("/", HTTP_HOST="scanner.example"), None),
            400,
        ),
        "500": (server_error(RequestFactory().get("/")), 500),
    }
    pages = {}
    for name, (response, status) in responses.items():
        assert response.status_code == status, f"{name} answered {response.status_code}"
        pages[name] = response.content.decode()
    return pages
