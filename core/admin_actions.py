"""The admin as a plain caller of actions: bulk actions run one action per object and say
what happened to each, in the same words on every list."""

from django.contrib import admin, messages

from .actions import refusal_messages, run_each


class ActionAdminMixin:
    """For a ModelAdmin whose changes are actions (``core.actions``)."""

    def run_on_each(self, request, queryset, action_factory, *, done, refused, skip=None):
        """Run ``action_factory(obj)`` on each object of ``queryset`` (but those ``skip(obj)``
        says to leave alone), then tell how many were done (``done(count)``), what each done
        action has to say, and why each refused one was (``refused(obj, reasons)``).

        Returns ``(done actions, refused (object, refusal) pairs)``.
        """
        objects = [obj for obj in queryset if not (skip and skip(obj))]
        done_actions, refusals = run_each(action_factory, objects)
        if done_actions:
            self.message_user(request, done(len(done_actions)), messages.SUCCESS)
        for action in done_actions:
            for notice in action.notices:
                self.message_user(request, notice, messages.WARNING)
        for obj, refusal in refusals:
            reasons = " ".join(refusal_messages(refusal))
            self.message_user(request, refused(obj, reasons), messages.ERROR)
        return done_actions, refusals

    def report_action(self, request, action):
        """Tell what a single action did: its success message, then its notices."""
        self.message_user(request, action.get_success_message(), messages.SUCCESS)
        for notice in action.notices:
            self.message_user(request, notice, messages.WARNING)


def bulk_action(name, action_class, *, description, permissions, done, refused, skip=None):
    """An admin bulk action, named ``name``, that runs ``action_class(obj, request.user)`` on
    each selected object (see ``ActionAdminMixin.run_on_each``).

    ``done`` is a message formatted with ``count`` (``ngettext_lazy(…, "count")``); ``refused``
    one formatted with ``object`` and ``reasons``.
    """

    def run(modeladmin, request, queryset):
        modeladmin.run_on_each(
            request,
            queryset,
            lambda obj: action_class(obj, request.user),
            done=lambda count: done % {"count": count},
            refused=lambda obj, reasons: refused % {"object": obj, "reasons": reasons},
            skip=skip,
        )

    run.__name__ = name
    return admin.action(description=description, permissions=permissions)(run)
