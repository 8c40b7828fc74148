"""A comment post costs a fixed, small number of queries, whatever the site holds: readers
post in spikes (the load benchmark asks for 200 accepted posts a second on PostgreSQL).

Pinned like the reader pages (tests/articles/test_query_counts.py): when a change adds a
query on purpose, update the number and say why in the commit. Posts run their after-commit
work as in production, with a task queue that defers the moderators' digest.
"""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from comments.actions import PostComment
from comments.forms import make_timestamp, read_timestamp
from comments.models import BlocklistEntry, Comment, CommenterKey, UsedFormToken
from tests.comments.conftest import comment_data, make_comment, post_url, trusted_browser

pytestmark = pytest.mark.django_db



def storing(rows):
    """The statements storing a post's ``rows`` (its new commenter key, the comment, its
    used form token): one on PostgreSQL (comments.models.store_posted_comment), one per
    row elsewhere."""
    return 1 if connection.vendor == "postgresql" else rows


#: A new reader's post, the moderators' digest already queued for this interval:
#: the article; the blocklist; the duplicate check (an index); one transaction holding
#: the new commenter key, the comment and its used form token (savepoint, the inserts,
#: release); the page of the article the comment is on (for the redirect). The browser
#: remembers its comment in a signed cookie: no session row.
NEW_READER_POST = 6 + storing(3)
#: The first post of an interval also queues the digest.
FIRST_POST_OF_AN_INTERVAL = NEW_READER_POST + 1
#: A trusted commenter's browser: its key (no new one to store), whether it proves the
#: address (an approved comment sent with it) and whether this name has one; the comment
#: is published at once, so the article's authors' e-mail is queued.
TRUSTED_POST = 6 + storing(2) + 3 + 1
#: A new reader's reply to a reply: the comment answered (the form); how deep it sits, one
#: query however deep, asked by the form, by the action before Akismet and again in its
#: transaction; the comments above the new one (the page of its thread).
REPLY_TO_A_REPLY = NEW_READER_POST + 5


@pytest.fixture(autouse=True)
def deferred_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    """Post as ``client`` (a new browser, no cookie, by default) and return the number of
    queries; the after-commit work runs, as in production."""

    def post(article, client=None, **overrides):
        client = client or Client()
        data = comment_data(article, **overrides)
        with (
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks(execute=True),
        ):
            response = client.post(post_url(article), data)
        assert response.status_code == 302, response.content.decode()[:500]
        return len(queries.captured_queries)

    return post


def reader(number):
    return {"name": f"Lecteur {number}", "email": f"lecteur{number}@lecteurs.test",
            "body": f"Remarque numéro {number} sur le béton armé."}


def test_a_new_readers_post_costs_its_pinned_queries(article, post):
    assert post(article, **reader(0)) == FIRST_POST_OF_AN_INTERVAL
    assert post(article, **reader(1)) == NEW_READER_POST
    assert Comment.objects.count() == 2


def test_a_post_costs_the_same_however_many_comments_and_blocklist_entries(article, post):
    post(article, **reader(0))
    small = post(article, **reader(1))
    for number in range(100):
        make_comment(article, body=f"Déjà là {number}.")
    BlocklistEntry.objects.bulk_create(
        [BlocklistEntry(kind="word", value=f"mot{number}") for number in range(50)]
    )
    assert post(article, **reader(2)) == small


@pytest.mark.parametrize("depth", [2, 9])
def test_a_reply_costs_the_same_however_deep_its_thread(article, post, settings, depth):
    settings.COMMENTS_MAX_DEPTH = 10
    post(article, **reader(0))
    parent = None
    for _level in range(depth):
        parent = make_comment(article, parent=parent)
    assert post(article, parent=str(parent.pk), **reader(1)) == REPLY_TO_A_REPLY
    assert Comment.objects.latest("pk").parent == parent


def test_a_trusted_commenters_post_costs_its_pinned_queries(article, post):
    post(article, **reader(0))
    client = Client()
    trusted_browser(client, article)
    assert post(article, client) == TRUSTED_POST
    assert Comment.objects.latest("pk").status == Comment.Status.APPROVED


def test_the_post_stores_comment_key_and_token_together(article):
    data = comment_data(article, **reader(0))
    Client().post(post_url(article), data)
    comment = Comment.objects.get()
    assert comment.commenter_key == CommenterKey.objects.get()
    assert UsedFormToken.objects.get().comment == comment


def test_the_posted_comment_is_what_the_database_holds(article):
    token = read_timestamp(make_timestamp(article), article)
    key, _secret = CommenterKey.new("Sacha@Lecteurs.test")
    posted = PostComment(
        article, name="Sacha", email="Sacha@Lecteurs.test", body="Un  avis\n\nen deux.",
        ip="198.51.100.7", form_token=token, commenter_key=key,
    ).execute()
    stored = Comment.objects.get()
    assert posted.pk == stored.pk and not posted._state.adding
    assert posted.commenter_key.pk == stored.commenter_key_id == CommenterKey.objects.get().pk
    for field in Comment._meta.concrete_fields:
        assert getattr(posted, field.attname) == getattr(stored, field.attname), field.name
    assert stored.body_html.startswith("<p>") and stored.body_hash
    assert UsedFormToken.objects.get(pk=token.nonce).comment_id == stored.pk


def test_a_replayed_form_stores_nothing_more(article):
    data = comment_data(article, **reader(0))
    Client().post(post_url(article), data)
    response = Client().post(post_url(article), {**data, "body": "Un autre texte."})
    assert response.status_code == 200
    assert Comment.objects.count() == 1
    assert CommenterKey.objects.count() == 1
    assert UsedFormToken.objects.count() == 1


def test_a_post_the_action_refuses_stores_neither_its_token_nor_its_key(article, settings):
    settings.COMMENTS_MAX_DEPTH = 1
    parent = make_comment(article)
    token = read_timestamp(make_timestamp(article, parent=parent), article)
    key, _secret = CommenterKey.new("sacha@lecteurs.test")
    action = PostComment(
        article, name="Sacha", email="sacha@lecteurs.test", body="Trop profond.",
        parent=parent, form_token=token, commenter_key=key,
    )
    with pytest.raises(ValidationError):
        action.execute()
    assert not UsedFormToken.objects.is_used(token)
    assert not CommenterKey.objects.exists()
