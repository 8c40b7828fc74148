"""
The action layer: every change of content is one ``Action``.

An action is built with what it needs (the user, the objects, the new values), then
``check()`` says whether it may happen (raising ``PermissionDenied`` or ``ValidationError``,
whose messages are meant for the person who asked) and ``execute()`` makes it happen: the
check again, the change, its revision and its admin log entry, all in one transaction.
What must wait for the commit (e-mails, reports, purging caches) goes in ``after_commit()``,
and every action announces itself on ``action_committed`` once committed, with the objects
whose pages show the change (``affected_objects()``), so that a cache can forget them.

The admin (forms, bulk actions, history), management commands and tests are plain callers:
a rule written in ``check()`` or ``perform()`` holds on every path.
"""

import reversion
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.dispatch import Signal

from core.db import primary_database

#: Sent once an action's transaction has committed: ``sender`` is the action's class,
#: ``action`` the action; ``action.affected_objects()`` lists whose pages changed.
action_committed = Signal()

#: What callers catch to tell a person why their change was refused.
Refusal = (PermissionDenied, ValidationError)


def refusal_messages(refusal):
    """The readable reasons of a refusal, as a list of strings."""
    if isinstance(refusal, ValidationError):
        return list(refusal.messages)
    return [str(refusal)] if str(refusal) else []


class Action:
    """One change of content by ``user``: ``check()``, then ``execute()``.

    Subclasses write ``check()`` (call ``super()``), ``perform()`` (the change itself,
    returning what the caller gets back) and, when needed, ``after_commit()``. Class
    attributes describe the change: ``label`` (for menus and buttons), ``success_message``
    (told to the user, formatted with ``message_context()``), ``log_message`` (kept in the
    admin's history, in English like Django's own), ``log_flag``, and ``versioned`` (whether
    the change makes a django-reversion revision of the objects it saves).
    """

    label = ""
    success_message = ""
    log_message = ""
    log_flag = CHANGE
    versioned = False

    def __init__(self, user):
        self.user = user
        #: What the person should also be told (a review withdrawn…), for the caller to show.
        self.notices = []

    def check(self):
        """Raise PermissionDenied or ValidationError when the change may not happen."""

    def perform(self):
        """Make the change; called by ``execute()`` after ``check()``, in its transaction."""
        raise NotImplementedError

    def changed_objects(self):
        """The model instances this action changed (or will change): each gets a log entry."""
        return []

    def affected_objects(self):
        """Everything whose pages may show the change (what a page cache must forget):
        the changed objects, and what displays them."""
        return self.changed_objects()

    def revision_comment(self):
        return self.log_message

    def execute(self):
        """Check, then act, in one transaction, on the primary database; return what
        ``perform()`` returned."""
        with primary_database(), transaction.atomic():
            self.check()
            if self.versioned:
                # Inside an admin save, this joins the admin's revision.
                with reversion.create_revision():
                    reversion.set_user(self.user)
                    reversion.set_comment(self.revision_comment())
                    result = self.perform()
            else:
                result = self.perform()
            self.log()
            transaction.on_commit(self._committed)
        return result

    def log(self):
        """One admin log entry per changed object, with who and what."""
        if self.user is None or self.user.pk is None:
            return
        for changed in self.changed_objects():
            LogEntry.objects.log_actions(
                user_id=self.user.pk,
                queryset=[changed],
                action_flag=self.log_flag,
                change_message=self.log_message,
                single_object=True,
            )

    def message_context(self):
        return {}

    def get_success_message(self):
        return str(self.success_message) % self.message_context()

    def after_commit(self):
        """Side effects that must only happen once the change is committed."""

    def _committed(self):
        self.after_commit()
        action_committed.send(sender=type(self), action=self)


def run_each(action_factory, objects):
    """Run ``action_factory(obj).execute()`` for each object, each in its own transaction.

    Returns ``(done, refused)``: the actions that ran, and ``(obj, refusal)`` pairs for those
    refused. Bulk actions in the admin and commands report from it.
    """
    done, refused = [], []
    for obj in objects:
        action = action_factory(obj)
        try:
            action.execute()
        except Refusal as refusal:
            refused.append((obj, refusal))
        else:
            done.append(action)
    return done, refused
