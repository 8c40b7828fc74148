"""The page cache: anonymous readers get kept pages, and every change shows on the next
request, on every page concerned (core/pagecache.py, articles/caching.py)."""

import io
import re
from datetime import timedelta

import pytest
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from articles.actions import BackToDraft, PublishArticle
from articles.models import Article, Image, Tag
from comments.actions import ApproveComment
from comments.display import remember_own_comment
from comments.models import Comment
from core import pagecache
from core.models import SiteSettings
from tests.articles.image_files import jpeg_bytes
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a change and its after-commit purges, as a real request's transaction would."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


@pytest.fixture
def editor(db):
    return make_user("redaction", "Editors")


@pytest.fixture
def author(db):
    return make_user("plume", "Authors", first_name="Claire", last_name="Plume")


@pytest.fixture
def article(commit, author):
    return commit(
        make_article,
        "Les puces de demain",
        authors=[author],
        tags=["Hardware"],
        body="<p>Un texte sur les puces.</p>",
    )


def get(path, client=None):
    return (client or Client()).get(path)


def kept(path):
    """The page as an anonymous reader gets it, after making sure it is in the cache."""
    first = get(path)
    second = get(path)
    assert second.get("X-Page-Cache") == "hit", (path, first.get("X-Page-Cache"))
    return second


def credited_image_on_kept_page(commit, article):
    """A credited image, featured on ``article``, whose page is then kept."""
    image = commit(
        Image.objects.create,
        file=SimpleUploadedFile("puce.jpg", jpeg_bytes(), content_type="image/jpeg"),
        alt_text="Une puce",
        credit="Ancien Crédit",
    )
    article.featured_image = image
    commit(article.save)
    kept(article.get_absolute_url())
    return image


def reader_pages(article):
    tag = article.tags.get()
    return [
        reverse("articles:home"),
        article.get_absolute_url(),
        reverse("articles:tag", args=[tag.slug]),
        reverse("articles:feed_rss"),
        reverse("articles:tag_feed_atom", args=[tag.slug]),
        reverse("sitemap_section", args=["articles"]),
        f"/{article.published_at:%Y}/",
        f"/{article.published_at:%Y/%m}/",
    ]


class TestKeptPages:
    def test_an_anonymous_reader_gets_the_kept_page_with_no_cookie(self, article):
        for path in reader_pages(article):
            first = get(path)
            assert first.status_code == 200, path
            assert first["X-Page-Cache"] == "miss", path
            again = get(path)
            assert again["X-Page-Cache"] == "hit", path
            assert again.content == first.content, path
            assert not again.cookies, path
            assert "cookie" not in again.get("Vary", "").lower(), path
            cache_control = again["Cache-Control"]
            assert "public" in cache_control and "s-maxage=" in cache_control, path
            assert "stale-while-revalidate=" in cache_control, path

    def test_a_page_names_what_it_shows_for_varnish(self, article, settings):
        settings.VARNISH_PURGE_URLS = ["http://127.0.0.1:1/"]
        keys = set(get(article.get_absolute_url())["xkey"].split())
        tag = article.tags.get()
        author = article.authors.get()
        assert {f"article-{article.pk}", f"tag-{tag.pk}", f"author-{author.pk}", "site"} <= keys

    def test_readers_do_not_see_the_surrogate_keys_without_varnish(self, article):
        assert "xkey" not in get(article.get_absolute_url())

    def test_a_changed_row_the_cache_was_not_told_of_stays_hidden_from_anonymous(self, article):
        """The control for every test below: without a purge, the kept page is served."""
        kept(article.get_absolute_url())
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE articles_article SET title = %s WHERE id = %s",
                ["Titre changé en douce", article.pk],
            )
        assert "Titre changé en douce" not in get(article.get_absolute_url()).text

    def test_conditional_get_answers_304(self, article):
        for path in (article.get_absolute_url(), reverse("articles:home"),
                     reverse("articles:feed_rss"), reverse("sitemap")):
            response = get(path)
            assert response.has_header("ETag"), path
            again = Client().get(path, headers={"If-None-Match": response["ETag"]})
            assert again.status_code == 304, path
        page = get(article.get_absolute_url())
        assert page.has_header("Last-Modified")
        again = Client().get(
            article.get_absolute_url(), headers={"If-Modified-Since": page["Last-Modified"]}
        )
        assert again.status_code == 304

    def test_a_missing_page_is_not_kept(self, db):
        assert get("/articles/rien-du-tout/").status_code == 404
        assert "X-Page-Cache" not in get("/articles/rien-du-tout/")


class TestWhoGetsFreshPages:
    def test_staff_see_fresh_pages(self, article, editor):
        kept(article.get_absolute_url())
        Article.objects.filter(pk=article.pk).update(title="Nouveau titre")
        staff = Client()
        staff.force_login(editor)
        response = staff.get(article.get_absolute_url())
        assert "Nouveau titre" in response.text
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"]

    def test_a_reader_with_a_session_sees_fresh_pages(self, article):
        kept(article.get_absolute_url())
        Article.objects.filter(pk=article.pk).update(title="Nouveau titre")
        reader = Client()
        reader.cookies["sessionid"] = "whatever"
        assert "Nouveau titre" in reader.get(article.get_absolute_url()).text

    def test_a_reader_with_a_message_waiting_sees_fresh_pages(self, article):
        kept(reverse("articles:home"))
        Article.objects.filter(pk=article.pk).update(title="Nouveau titre")
        reader = Client()
        reader.cookies["messages"] = "a-message"
        assert "Nouveau titre" in reader.get(reverse("articles:home")).text

    def test_a_commenter_sees_their_pending_comment(self, article):
        kept(article.get_absolute_url())
        Comment.objects.create(
            article=article, name="Lina", email="lina@example.org", body="En attente, mais visible"
        )
        commenter = Client()
        response = HttpResponse()
        remember_own_comment(RequestFactory().get("/"), response, Comment.objects.get())
        commenter.cookies.update(response.cookies)
        assert "En attente, mais visible" in commenter.get(article.get_absolute_url()).text


class TestEveryChangeShowsOnTheNextRequest:
    def test_publishing(self, commit, editor, author):
        draft = commit(
            make_article, "Un brouillon prometteur", authors=[author], tags=["Hardware"],
            status=Article.Status.DRAFT, published_at=None,
        )
        make_article("Déjà là", tags=["Hardware"])
        pages = [reverse("articles:home"), reverse("articles:tag", args=["hardware"]),
                 reverse("articles:feed_rss"), reverse("sitemap_section", args=["articles"])]
        for path in pages:
            assert "un-brouillon-prometteur" not in kept(path).text
        commit(PublishArticle(draft, editor).execute)
        for path in pages:
            page = get(path).text
            assert "Un brouillon prometteur" in page or draft.get_absolute_url() in page, path

    def test_publishing_shows_in_the_related_articles_of_other_pages(
        self, commit, editor, author, article
    ):
        page = article.get_absolute_url()
        assert "Un voisin du même sujet" not in kept(page).text
        draft = commit(
            make_article, "Un voisin du même sujet", authors=[author], tags=["Hardware"],
            status=Article.Status.DRAFT, published_at=None,
        )
        commit(PublishArticle(draft, editor).execute)
        assert "Un voisin du même sujet" in get(page).text
        commit(BackToDraft(Article.objects.get(pk=draft.pk), editor).execute)
        assert "Un voisin du même sujet" not in get(page).text

    def test_editing(self, commit, article, editor):
        for path in reader_pages(article):
            kept(path)
        article.title = "Les puces d’après-demain"
        commit(article.save)
        for path in reader_pages(article):
            if "sitemap" in path:
                assert get(path)["X-Page-Cache"] == "miss"
                continue
            assert "Les puces d’après-demain" in get(path).text, path

    def test_a_process_that_already_served_a_page_sees_its_changes_too(self, commit, article):
        """A server process remembers which keys each page carries, to read the page and
        their generations at once: a change, or a page that now shows other things, is still
        seen on its next request."""
        same_process = Client()
        path = article.get_absolute_url()
        for _ in range(3):
            assert get(path, same_process)["X-Page-Cache"] in ("miss", "hit")
        assert get(path, same_process)["X-Page-Cache"] == "hit"
        article.title = "Les puces d’après-demain"
        commit(article.save)
        assert "Les puces d’après-demain" in get(path, same_process).text
        # The page now shows a second tag: it carries a key the process has not seen on it.
        commit(article.tags.add, "Énergie")
        assert "Énergie" in get(path, same_process).text
        assert get(path, same_process)["X-Page-Cache"] == "hit"
        tag = Tag.objects.get(name="Énergie")
        tag.name = "Énergies"
        commit(tag.save)
        assert "Énergies" in get(path, same_process).text

    def test_unpublishing(self, commit, article, editor):
        pages = reader_pages(article)
        for path in pages:
            kept(path)
        commit(BackToDraft(article, editor).execute)
        assert get(article.get_absolute_url()).status_code == 404
        for path in (reverse("articles:home"), reverse("articles:feed_rss"),
                     reverse("sitemap_section", args=["articles"])):
            assert "Les puces de demain" not in get(path).text, path

    @pytest.mark.parametrize("path_taken", ["form", "bulk", "code"])
    def test_unpublishing_by_any_path_purges_without_looking_the_status_up_again(
        self, commit, article, editor, path_taken
    ):
        """The actions read the stored status under their lock and hand it to the save: no
        second query for it, and no page left showing the article."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from articles.actions import SaveArticle

        home = reverse("articles:home")
        kept(home)
        kept(article.get_absolute_url())
        editor.is_superuser = True  # the bulk action asks the admin's permissions
        editor.save()
        with CaptureQueriesContext(connection) as queries:
            if path_taken == "form":
                commit(SaveArticle(article, editor, status=Article.Status.DRAFT).execute)
            elif path_taken == "bulk":
                admin = Client()
                admin.force_login(editor)
                response = commit(
                    admin.post, reverse("admin:articles_article_changelist"),
                    {"action": "back_to_draft_selected", "_selected_action": [article.pk]},
                )
                assert response.status_code == 302
            else:
                commit(BackToDraft(article, editor).execute)
        assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT
        status_lookups = [
            query["sql"] for query in queries.captured_queries
            if re.match(r'SELECT "articles_article"\."status"( AS "status")? FROM', query["sql"])
        ]
        assert status_lookups == []
        assert get(article.get_absolute_url()).status_code == 404
        assert "Les puces de demain" not in get(home).text

    def test_unpublishing_by_a_plain_save_still_purges(self, commit, article):
        home = reverse("articles:home")
        kept(home)
        article.status = Article.Status.DRAFT
        commit(article.save)
        assert "Les puces de demain" not in get(home).text

    def test_deleting(self, commit, article):
        path = reverse("articles:home")
        kept(path)
        commit(article.delete)
        assert "Les puces de demain" not in get(path).text

    def test_a_scheduled_article_appears_when_its_time_comes(self, commit, author):
        make_article("Déjà là")
        soon = timezone.now() + timedelta(seconds=3)
        commit(make_article, "Sous embargo", authors=[author], published_at=soon)
        home = kept(reverse("articles:home"))
        assert "Sous embargo" not in home.text
        shared = pagecache.shared_lifetime(home)
        assert 0 < shared <= 3
        # No save happens when the time comes: the page expires before it, however long
        # the page took to make and keep.
        while timezone.now() < soon:
            pass
        assert "Sous embargo" in get(reverse("articles:home")).text

    def test_approving_and_removing_a_comment(self, commit, article, editor):
        comment = Comment.objects.create(
            article=article, name="Lina", email="lina@example.org",
            body="Un avis fort bien argumenté",
        )
        kept(article.get_absolute_url())
        moderator = make_user("moderation", "Moderators")
        commit(ApproveComment(comment, moderator).execute)
        assert "Un avis fort bien argumenté" in get(article.get_absolute_url()).text
        kept(article.get_absolute_url())
        commit(Comment.objects.get(pk=comment.pk).delete)
        assert "Un avis fort bien argumenté" not in get(article.get_absolute_url()).text

    def test_a_comment_not_approved_leaves_the_kept_pages_kept(self, commit, article):
        """A spike of posts must not empty the cache: a pending or spam comment shows on no
        page, whether posted through the form or by the action itself."""
        from comments.actions import PostComment
        from tests.comments.conftest import comment_data

        paths = (article.get_absolute_url(), reverse("articles:home"))
        for path in paths:
            kept(path)
        data = comment_data(article, body="Un avis en attente")
        assert commit(Client().post, f"/commentaires/{article.pk}/", data).status_code == 302
        # Sent without a form: kept as spam, shown nowhere either.
        commit(PostComment(article, name="Lou", email="lou@example.org", body="Un autre").execute)
        assert not Comment.objects.filter(status=Comment.Status.APPROVED).exists()
        assert Comment.objects.count() == 2
        for path in paths:
            assert get(path)["X-Page-Cache"] == "hit", path
        # Published at once (created approved): on the next request.
        commit(
            Comment.objects.create, article=article, name="Lina", email="lina@example.org",
            body="Publié d’emblée", status=Comment.Status.APPROVED,
        )
        assert "Publié d’emblée" in get(article.get_absolute_url()).text

    def test_a_comment_approved_as_it_is_posted_shows_at_once(self, commit, article, settings):
        """A trusted commenter's post is published as it is stored (one statement on
        PostgreSQL, not ``save()``): the kept pages that show it are forgotten all the same."""
        from tests.comments.conftest import comment_data, post_url, trusted_browser

        settings.COMMENTS_AUTO_APPROVE_KNOWN = True
        client = Client()
        commit(trusted_browser, client, article)
        paths = (article.get_absolute_url(), reverse("articles:home"))
        for path in paths:
            kept(path)
        data = comment_data(article, body="Publié par une habituée")
        assert commit(client.post, post_url(article), data).status_code == 302
        assert Comment.objects.latest("pk").status == Comment.Status.APPROVED
        for path in paths:
            assert get(path)["X-Page-Cache"] != "hit", path
        assert "Publié par une habituée" in get(article.get_absolute_url()).text

    def test_renaming_a_tag(self, commit, article):
        tag = article.tags.get()
        for path in (article.get_absolute_url(), reverse("articles:tag", args=[tag.slug])):
            kept(path)
        tag.name = "Matériel"
        commit(tag.save)
        for path in (article.get_absolute_url(), reverse("articles:tag", args=[tag.slug])):
            assert "Matériel" in get(path).text, path

    def test_changing_an_image_credit(self, commit, article, editor):
        image = credited_image_on_kept_page(commit, article)
        image.credit = "Nouveau Crédit"
        commit(image.save)
        assert "Nouveau Crédit" in get(article.get_absolute_url()).text

    def test_renaming_an_author(self, commit, article, author):
        kept(article.get_absolute_url())
        author.first_name = "Clarisse"
        commit(author.save)
        assert "Clarisse" in get(article.get_absolute_url()).text

    def test_changing_the_site_settings(self, commit, article):
        for path in reader_pages(article)[:3]:
            kept(path)
        site_settings = SiteSettings.current()
        site_settings.site_name = "La Gazette des puces"
        commit(site_settings.save)
        for path in reader_pages(article)[:3]:
            assert "La Gazette des puces" in get(path).text, path

    def test_changing_a_flat_page(self, commit, db):
        page = FlatPage.objects.create(url="/a-propos/", title="À propos", content="<p>Avant</p>")
        page.sites.add(Site.objects.get_current())
        assert "Avant" in kept("/a-propos/").text
        page.content = "<p>Après</p>"
        commit(page.save)
        assert "Après" in get("/a-propos/").text


class TestPurges:
    def test_a_rolled_back_change_purges_nothing(self, article):
        kept(article.get_absolute_url())
        # Without a commit, no purge: the kept page stays.
        article.title = "Jamais enregistré"
        Article.objects.filter(pk=article.pk).update(title="Jamais enregistré")
        Tag.objects.update(name="Jamais")
        assert get(article.get_absolute_url())["X-Page-Cache"] == "hit"

    def test_an_unscheduling_rolled_back_keeps_lists_short_lived(self, commit, author):
        make_article("Déjà là")
        due = timezone.now() + timedelta(seconds=100)
        scheduled = commit(make_article, "Sous embargo", authors=[author], published_at=due)
        assert 90 < pagecache.shared_lifetime(get(reverse("articles:home"))) <= 101
        with pytest.raises(RuntimeError), transaction.atomic():
            scheduled.status = Article.Status.DRAFT
            scheduled.save()
            raise RuntimeError("the editor's change fails")
        # Still scheduled: lists must not be kept past its time.
        feed = get(reverse("articles:feed_rss"))
        assert 0 < pagecache.shared_lifetime(feed) <= 101

    def test_a_page_made_while_its_content_changed_is_not_kept(self, db):
        # A purge that lands between the start of a page and its storing: the page may
        # show the content from before the change, so the cache must not keep it.
        def view_during_a_change(request):
            pagecache.purge_now({"article-1"})
            response = HttpResponse("<p>Peut-être d’avant</p>")
            pagecache.add_keys(response, {"article-1"})
            return pagecache.allow_shared_caching(response)

        middleware = pagecache.PageCacheMiddleware(view_during_a_change)
        request = RequestFactory().get("/articles/un/")
        assert "X-Page-Cache" not in middleware(request)
        assert "X-Page-Cache" not in middleware(RequestFactory().get("/articles/un/"))

    def test_varnish_is_told_after_the_commit(self, commit, article, settings, monkeypatch):
        settings.VARNISH_PURGE_URLS = ["http://127.0.0.1:6081/"]
        settings.PAGE_CACHE_PURGE_BACKENDS = ["core.pagecache.VarnishPurgeBackend"]
        sent = []

        class FakeResponse:
            def __enter__(self):
                return self

            def __exit__(self, *exc):
                return False

        def urlopen(request, timeout):
            sent.append((request.method, request.full_url, request.headers["Xkey"]))
            return FakeResponse()

        monkeypatch.setattr("urllib.request.urlopen", urlopen)
        article.title = "Nouveau"
        commit(article.save)
        assert sent == [("PURGE", "http://127.0.0.1:6081/", f"article-{article.pk} listing")]

    def test_varnish_is_purged_by_the_worker_not_the_request(
        self, commit, article, settings, monkeypatch, run_due_tasks
    ):
        from django_tasks_db.models import DBTaskResult

        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        settings.VARNISH_PURGE_URLS = ["http://127.0.0.1:6081/", "http://127.0.0.1:6082/"]
        settings.PAGE_CACHE_PURGE_BACKENDS = ["core.pagecache.VarnishPurgeBackend"]
        sent, down = [], {"http://127.0.0.1:6082/"}

        def urlopen(request, timeout):
            if request.full_url in down:
                raise ConnectionRefusedError("Connection refused")
            sent.append((request.method, request.full_url, request.headers["Xkey"]))
            return io.BytesIO()

        monkeypatch.setattr("urllib.request.urlopen", urlopen)
        article.title = "Nouveau"
        commit(article.save)
        assert sent == []  # the change is saved; the network is the worker's business
        run_due_tasks()
        keys = f"article-{article.pk} listing"
        assert sent == [("PURGE", "http://127.0.0.1:6081/", keys)]
        task = DBTaskResult.objects.get()
        # One Varnish was down: tried again shortly, and then it is up.
        assert task.status == "READY" and "127.0.0.1:6082" in task.traceback
        down.clear()
        DBTaskResult.objects.update(run_after=task.enqueued_at)
        run_due_tasks()
        assert sent[1:] == [
            ("PURGE", "http://127.0.0.1:6081/", keys),
            ("PURGE", "http://127.0.0.1:6082/", keys),
        ]
        assert DBTaskResult.objects.get().status == "SUCCESSFUL"

    def test_an_unreachable_varnish_does_not_break_the_change(self, commit, article, settings):
        settings.VARNISH_PURGE_URLS = ["http://127.0.0.1:9/"]
        settings.PAGE_CACHE_PURGE_BACKENDS = [
            "core.pagecache.VarnishPurgeBackend",
            "core.pagecache.DjangoCachePurgeBackend",
        ]
        kept(article.get_absolute_url())
        article.title = "Changé malgré Varnish"
        commit(article.save)
        assert "Changé malgré Varnish" in get(article.get_absolute_url()).text

    def test_a_draft_edit_purges_nothing(self, commit, author):
        make_article("Publié")
        draft = commit(make_article, "Brouillon", authors=[author], status=Article.Status.DRAFT)
        kept(reverse("articles:home"))
        draft.title = "Brouillon modifié"
        commit(draft.save)
        assert get(reverse("articles:home"))["X-Page-Cache"] == "hit"



def redis_reachable():
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not redis_reachable(), reason="Redis is not running on 127.0.0.1:6379")
def test_a_purge_by_another_process_shows_here_through_redis(article, settings):
    """With REDIS_URL, every process shares the kept pages and the keys' generations: a
    change saved through one server process shows on the next page of another."""
    import os
    import subprocess
    import sys
    import uuid

    from django.core.cache import caches

    redis_url = "redis://127.0.0.1:6379/13"
    prefix = f"newsroom-tests-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": f"{prefix}{suffix}",
        }
        for alias, suffix in (("default", ""), ("pages", "-pages"))
    }
    try:
        kept(article.get_absolute_url())
        Article.objects.filter(pk=article.pk).update(title="Changé par un autre serveur")
        assert get(article.get_absolute_url())["X-Page-Cache"] == "hit"
        subprocess.run(  # noqa: S603 - this interpreter, our own code
            [
                sys.executable, "-c",
                "import django; django.setup(); from core import pagecache; "
                f"pagecache.purge_now({{'article-{article.pk}'}})",
            ],
            check=True,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "newsroom.settings",
                "DEBUG": "1",
                "REDIS_URL": redis_url,
                "CACHE_KEY_PREFIX": prefix,
            },
            timeout=60,
        )
        assert "Changé par un autre serveur" in get(article.get_absolute_url()).text
    finally:
        caches["pages"].clear()


@pytest.fixture
def varnish_purges(settings, monkeypatch):
    """The PURGE requests the Varnish backend sends, as (address, keys) pairs."""
    settings.VARNISH_PURGE_URLS = ["http://127.0.0.1:6081/"]
    settings.PAGE_CACHE_PURGE_BACKENDS = [
        "core.pagecache.VarnishPurgeBackend",
        "core.pagecache.DjangoCachePurgeBackend",
    ]
    sent = []

    def urlopen(request, timeout):
        assert request.method == "PURGE"
        sent.append((request.full_url, set(request.headers["Xkey"].split())))
        return io.BytesIO()

    monkeypatch.setattr("urllib.request.urlopen", urlopen)
    return sent


class TestBulkChangesPurgeWhatTheyChange:
    """A bulk update sends no save signal: the querysets purge for it, whoever calls them
    (a script, an action, the admin)."""

    def test_a_bulk_unpublishing(self, commit, article, varnish_purges):
        draft = make_article("Un brouillon", status=Article.Status.DRAFT, published_at=None)
        home = reverse("articles:home")
        kept(home)
        kept(article.get_absolute_url())
        commit(
            Article.objects.filter(pk__in=[article.pk, draft.pk]).update,
            status=Article.Status.DRAFT,
        )
        assert get(article.get_absolute_url()).status_code == 404
        assert "Les puces de demain" not in get(home).text
        # The draft showed on no page: its key is not purged.
        assert varnish_purges == [
            ("http://127.0.0.1:6081/", {f"article-{article.pk}", "listing"})
        ]

    def test_a_bulk_publication(self, commit, author, varnish_purges):
        make_article("Déjà là", authors=[author])
        draft = make_article(
            "Un brouillon prometteur", authors=[author],
            status=Article.Status.DRAFT, published_at=None,
        )
        home = reverse("articles:home")
        kept(home)
        commit(
            Article.objects.filter(pk=draft.pk).update,
            status=Article.Status.PUBLISHED, published_at=timezone.now(),
        )
        assert "Un brouillon prometteur" in get(home).text
        assert varnish_purges == [("http://127.0.0.1:6081/", {f"article-{draft.pk}", "listing"})]

    def test_a_bulk_publication_purges_the_pages_that_now_suggest_it(
        self, commit, article, varnish_purges
    ):
        draft = make_article(
            "Un voisin du même sujet", tags=["Hardware"],
            status=Article.Status.DRAFT, published_at=None,
        )
        kept(article.get_absolute_url())
        commit(
            Article.objects.filter(pk=draft.pk).update,
            status=Article.Status.PUBLISHED, published_at=timezone.now(),
        )
        assert "Un voisin du même sujet" in get(article.get_absolute_url()).text
        purged = set().union(*(keys for _url, keys in varnish_purges))
        assert purged == {f"article-{draft.pk}", f"article-{article.pk}", "listing"}

    def test_erasing_a_commenter_from_the_admin(self, commit, article, varnish_purges):
        """The admin's bulk erasure anonymizes the comments by one update."""
        Comment.objects.create(
            article=article, name="Lina Dupré", email="lina@example.org",
            body="Un avis signé", status=Comment.Status.APPROVED,
        )
        kept(article.get_absolute_url())
        admin = Client()
        admin.force_login(make_user("chef", is_superuser=True))
        response = commit(
            admin.post, reverse("admin:comments_comment_changelist") + "?status=all",
            {"action": "erase_personal_data", "confirm": "yes", "mode": "anonymize",
             "_selected_action": list(Comment.objects.values_list("pk", flat=True))},
        )
        assert response.status_code == 302
        page = get(article.get_absolute_url()).text
        assert "Un avis signé" in page and "Lina Dupré" not in page
        assert varnish_purges == [
            ("http://127.0.0.1:6081/", {f"article-{article.pk}", "listing"})
        ]

    def test_a_bulk_approval_and_removal_of_comments(self, commit, article):
        Comment.objects.create(
            article=article, name="Lina", email="lina@example.org", body="Un avis en attente"
        )
        kept(article.get_absolute_url())
        commit(Comment.objects.pending().update, status=Comment.Status.APPROVED)
        assert "Un avis en attente" in kept(article.get_absolute_url()).text
        commit(Comment.objects.approved().update, status=Comment.Status.REMOVED)
        assert "Un avis en attente" not in get(article.get_absolute_url()).text

    def test_a_bulk_deletion_of_comments(self, commit, article):
        Comment.objects.create(
            article=article, name="Lina", email="lina@example.org", body="Un avis publié",
            status=Comment.Status.APPROVED,
        )
        assert "Un avis publié" in kept(article.get_absolute_url()).text
        commit(Comment.objects.filter(article=article).delete)
        assert "Un avis publié" not in get(article.get_absolute_url()).text

    def test_a_bulk_change_of_what_no_page_prints_purges_nothing(
        self, commit, article, varnish_purges
    ):
        Comment.objects.create(
            article=article, name="Lina", email="lina@example.org", body="Un avis publié",
            status=Comment.Status.APPROVED,
        )
        kept(article.get_absolute_url())
        varnish_purges.clear()
        commit(Comment.objects.update, moderators_notified=True, ip_address=None)
        commit(Comment.objects.pending().update, status=Comment.Status.SPAM)
        assert get(article.get_absolute_url())["X-Page-Cache"] == "hit"
        assert varnish_purges == []

    def test_a_bulk_renaming_of_tags(self, commit, article, varnish_purges):
        tag = article.tags.get()
        pages = (article.get_absolute_url(), reverse("articles:tag", args=[tag.slug]))
        for path in pages:
            kept(path)
        commit(Tag.objects.filter(pk=tag.pk).update, name="Matériel")
        for path in pages:
            assert "Matériel" in get(path).text, path
        assert varnish_purges == [
            ("http://127.0.0.1:6081/", {f"tag-{tag.pk}", "listing", "site"})
        ]

    def test_a_bulk_change_of_image_credits(self, commit, article, varnish_purges):
        image = credited_image_on_kept_page(commit, article)
        varnish_purges.clear()
        commit(Image.objects.filter(pk=image.pk).update, credit="Nouveau Crédit")
        assert "Nouveau Crédit" in get(article.get_absolute_url()).text
        assert varnish_purges == [("http://127.0.0.1:6081/", {f"image-{image.pk}", "listing"})]


class TestTheNextScheduledPublicationIsKnown:
    """Reader pages expire when the next scheduled article appears; the time is kept in the
    cache and must follow every change of statuses and dates, bulk updates included."""

    def test_a_bulk_update_taking_the_scheduled_articles_back_forgets_their_time(
        self, commit, author
    ):
        from articles.caching import seconds_until_next_publication

        commit(make_article, "Sous embargo", authors=[author],
               published_at=timezone.now() + timedelta(hours=2))
        assert 7000 < seconds_until_next_publication() <= 7201

        commit(Article.objects.scheduled().update, status=Article.Status.DRAFT)

        assert seconds_until_next_publication() is None

    @pytest.mark.parametrize(("due_in", "kept_for"), [(2.9, 2), (1.0, 1), (0.4, 0)])
    def test_pages_expire_before_the_next_publication_never_after(
        self, commit, author, monkeypatch, due_in, kept_for
    ):
        from articles.caching import seconds_until_next_publication

        now = timezone.now()
        commit(make_article, "Sous embargo", authors=[author],
               published_at=now + timedelta(seconds=due_in))
        monkeypatch.setattr(timezone, "now", lambda: now)

        assert seconds_until_next_publication() == kept_for
        home = get(reverse("articles:home"))
        assert pagecache.shared_lifetime(home) == kept_for
        # In its last second, nothing keeps the page: not this cache, not a proxy.
        again = get(reverse("articles:home"))
        assert (again.get("X-Page-Cache") == "hit") == bool(kept_for)

    def test_pages_made_just_after_a_publication_are_not_kept(self, commit, author, monkeypatch):
        """Their queries may have run just before it, or on a database whose clock is a
        little behind this server's: they may lack the article."""
        from articles.caching import PUBLICATION_MARGIN, seconds_until_next_publication

        due = timezone.now() + timedelta(seconds=30)
        commit(make_article, "Sous embargo", authors=[author], published_at=due)
        # This server's clock says the time has come; the database's does not yet.
        monkeypatch.setattr(timezone, "now", lambda: due + timedelta(milliseconds=1))

        assert seconds_until_next_publication() == 0
        get(reverse("articles:home"))
        again = get(reverse("articles:home"))
        assert "Sous embargo" not in again.text
        assert again.get("X-Page-Cache") != "hit"
        assert pagecache.shared_lifetime(again) == 0

        monkeypatch.setattr(timezone, "now", lambda: due + PUBLICATION_MARGIN)
        assert seconds_until_next_publication() is None

    def test_a_bulk_update_of_dates_gives_the_new_time(self, commit, author):
        from articles.caching import seconds_until_next_publication

        later = timezone.now() + timedelta(hours=2)
        commit(make_article, "Sous embargo", authors=[author], published_at=later)
        assert seconds_until_next_publication() > 3600

        commit(
            Article.objects.filter(title="Sous embargo").update,
            published_at=timezone.now() + timedelta(minutes=10),
        )

        assert seconds_until_next_publication() <= 601
        kept_page = kept(reverse("articles:home"))
        assert pagecache.shared_lifetime(kept_page) <= 601
