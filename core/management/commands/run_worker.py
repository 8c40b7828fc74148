"""The task worker to run in production: django-tasks-db's ``db_worker``, which first puts
back in the queue what a dead worker left running (``core.tasks.recover_abandoned_tasks``).

It takes ``db_worker``'s options. On SIGTERM or SIGINT it finishes the task in progress,
then stops; a second signal stops it at once, and the task is recovered at the next start.
"""

from django_tasks_db.management.commands import db_worker

from core.tasks import new_worker_id, recover_abandoned_tasks


class Command(db_worker.Command):
    help = (
        "Run the background worker (db_worker), after queuing again the tasks a dead worker "
        "left running."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # Named after this machine and process, so that the next worker here can tell
        # whether this one is still alive.
        parser.set_defaults(worker_id=None)

    def handle(self, *args, **options):
        options["worker_id"] = options["worker_id"] or new_worker_id()
        requeued, failed = recover_abandoned_tasks(current_worker_id=options["worker_id"])
        if requeued or failed:
            self.stdout.write(
                f"Tasks left running by a worker that is gone: {requeued} queued again, "
                f"{failed} given up."
            )
        super().handle(*args, **options)
