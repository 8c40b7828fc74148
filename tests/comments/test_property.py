"""Random data posted to the comment endpoint: never a 500, and nothing is approved
that a moderator did not approve."""

import time

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from comments.forms import make_timestamp
from comments.models import Comment

from .conftest import make_article, make_comment

pytestmark = pytest.mark.django_db

ALLOWED_STATUSES = {200, 302, 400, 403, 404, 429}

garbage_text = st.one_of(
    st.text(max_size=50),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=300),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=20),  # Control characters.
    st.sampled_from(["", " ", "\x00", "\u202e", "é" * 6000, "https://a.test " * 5]),
    st.integers().map(str),
)
def sometimes_valid(valid, garbage=garbage_text):
    """Mostly a plausible value, so that posts get past validation, else garbage."""
    return st.one_of(st.just(valid), st.just(valid), garbage)


form_fields = st.fixed_dictionaries(
    {
        "name": sometimes_valid("Dominique"),
        "email": sometimes_valid("dominique@lecteurs.test", st.one_of(garbage_text, st.emails())),
        "body": sometimes_valid("Un avis", st.text(min_size=1, max_size=6000)),
        "timestamp": sometimes_valid("VALID"),
    },
    optional={
        "website": st.one_of(garbage_text, st.sampled_from(["https://ok.example", "javascript:x"])),
        "topic": garbage_text,
        "parent": st.one_of(garbage_text, st.sampled_from(["PARENT", "HIDDEN", "OTHER"])),
        "csrfmiddlewaretoken": garbage_text,
        "status": st.sampled_from(["approved", "spam"]),  # Not a field: ignored.
    },
)


@pytest.fixture
def scene(db, article, django_settings):
    """An article with an approved and a pending comment, another article's comment,
    one closed and one draft article; auto-approval off so that any approved comment
    must come from a moderator."""
    django_settings.COMMENTS_AUTO_APPROVE_KNOWN = False
    other = make_article("Ailleurs")
    return {
        "articles": [article, other, make_article("Fermé", comments_open=False),
                     make_article("Brouillon", status="draft")],
        "PARENT": make_comment(article),
        "HIDDEN": make_comment(article, status=Comment.Status.PENDING),
        "OTHER": make_comment(other),
    }


@pytest.fixture
def django_settings(settings):
    return settings


def moderated_or_seeded(scene):
    seeded = {scene["PARENT"].pk, scene["OTHER"].pk}
    return Comment.objects.approved().exclude(pk__in=seeded).filter(moderated_by__isnull=True)


def check(scene, response):
    event(f"status {response.status_code}")
    assert response.status_code in ALLOWED_STATUSES, response.status_code
    assert not moderated_or_seeded(scene).exists()


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    fields=form_fields,
    target=st.one_of(
        st.sampled_from([0, 0, 0, 0, 1, 2, 3]), st.integers(), st.text(max_size=30)
    ),
    clear_cache=st.booleans(),
)
def test_random_posts(scene, fields, target, clear_cache):
    if clear_cache:
        cache.clear()
    article = scene["articles"][target] if isinstance(target, int) and 0 <= target <= 3 else None
    data = dict(fields)
    for key in ("PARENT", "HIDDEN", "OTHER"):
        if data.get("parent") == key:
            data["parent"] = str(scene[key].pk)
    if data.get("timestamp") == "VALID" and article is not None:
        data["timestamp"] = make_timestamp(article, time.time() - 60)
    response = Client().post(f"/commentaires/{article.pk if article else target}/", data)
    check(scene, response)


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(raw=st.binary(max_size=2000), content_type=st.sampled_from([
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=latin-1",
    "application/x-www-form-urlencoded; charset=nonexistent",
    "multipart/form-data; boundary=xyz",
    "multipart/form-data",
    "text/plain",
]))
def test_random_bytes(scene, raw, content_type):
    """Invalid UTF-8, broken multipart bodies, unknown charsets."""
    cache.clear()
    article = scene["articles"][0]
    response = Client().generic("POST", f"/commentaires/{article.pk}/", raw,
                                content_type=content_type)
    check(scene, response)


def test_a_valid_post_is_never_approved_without_a_moderator(scene):
    article = scene["articles"][0]
    make_comment(article, name="Dominique", email="dominique@lecteurs.test")
    response = Client().post(
        f"/commentaires/{article.pk}/",
        {"name": "Dominique", "email": "dominique@lecteurs.test", "body": "Bonjour",
         "timestamp": make_timestamp(article, time.time() - 60)},
    )
    assert response.status_code == 302
    assert Comment.objects.latest("pk").status == Comment.Status.PENDING
