"""Failed sign-ins, counted by django-axes per username and per client address.

Axes counts and locks; this module says what the project does around it: how long a
lock lasts, and when an account's failures are forgotten.
"""

from axes.helpers import get_cool_off
from axes.utils import reset


def cool_off_minutes():
    """How long a lock lasts, in whole minutes (at least one)."""
    cool_off = get_cool_off()
    return max(1, round(cool_off.total_seconds() / 60)) if cool_off else None


def clear_failures(username):
    """Forget the failed sign-ins made with ``username``; lifts its lock.

    Called when the person proved who they are (a successful sign-in, a password reset).
    The failures from a client address under other usernames stay counted, so an attacker
    who owns one account cannot clear the address they use to guess others.
    """
    return reset(username=username)
