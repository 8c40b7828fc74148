"""Who has an article's change form open right now: a soft lock, told to the others.

Nothing is refused because someone else is there (the version check of articles/conflicts.py
keeps every change); people are only told, so that they can agree before both edit. Presence
lives in the default cache, shared by every app server when it is Redis: one key per person
and article that expires on its own, plus the article's list of those who came. An open form
renews its key (articles/admin/presence.js); leaving the page, or ``ARTICLE_PRESENCE_SECONDS``
without news, releases it.
"""

import time

from django.conf import settings
from django.core.cache import cache

from core.names import display_name


def _seconds():
    return getattr(settings, "ARTICLE_PRESENCE_SECONDS", 90)


def _person_key(article_id, user_id):
    return f"articles:presence:{article_id}:{user_id}"


def _index_key(article_id):
    return f"articles:presence:{article_id}"


def arrive(article_id, user):
    """``user`` has the article open (again): renew their presence."""
    seconds = _seconds()
    cache.set(
        _person_key(article_id, user.pk),
        {"name": display_name(user), "since": _since(article_id, user), "seen": time.time()},
        seconds,
    )
    present = set(cache.get(_index_key(article_id)) or ())
    if user.pk not in present:
        # Read, then written: two arrivals at once may drop one from the list, which the
        # next renewal (every half minute) puts back.
        cache.set(_index_key(article_id), sorted(present | {user.pk}), seconds * 4)


def _since(article_id, user):
    current = cache.get(_person_key(article_id, user.pk))
    return current["since"] if current else time.time()


def leave(article_id, user):
    """``user`` closed the article: the others are no longer told of them."""
    cache.delete(_person_key(article_id, user.pk))


def others(article_id, user):
    """The people other than ``user`` who have the article open: [{name, since}], oldest
    first."""
    ids = [pk for pk in cache.get(_index_key(article_id)) or () if pk != user.pk]
    if not ids:
        return []
    found = cache.get_many([_person_key(article_id, pk) for pk in ids])
    horizon = time.time() - _seconds()
    people = [entry for entry in found.values() if entry["seen"] >= horizon]
    return sorted(people, key=lambda entry: entry["since"])
