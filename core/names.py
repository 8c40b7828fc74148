"""How people are named: to readers (pages, feeds, structured data), never by the username
that is half of what signing in asks; to staff (the admin, the dashboard, e-mails), by the
name they know each other by."""

from django.utils.translation import gettext


def public_name(user):
    """How readers see a member of staff named: their full name, else "The newsroom"."""
    return user.get_full_name() or gettext("The newsroom")


def display_name(user):
    """How staff pages and e-mails name a member of staff: their full name, else their
    username. Never on a reader's page (``public_name``)."""
    return user.get_full_name() or user.get_username()
