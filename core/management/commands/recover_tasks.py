"""Queue again the tasks that a dead worker left running (see core/tasks.py)."""

from django.core.management.base import BaseCommand

from core.tasks import recover_abandoned_tasks


class Command(BaseCommand):
    help = (
        "Queue again the tasks left running by a worker that is gone (killed on this "
        "machine, or running longer than TASK_ABANDONED_AFTER_SECONDS). `run_worker` does "
        "it when it starts; with workers on several machines, run it every few minutes too."
    )

    def handle(self, *args, **options):
        requeued, failed = recover_abandoned_tasks()
        self.stdout.write(f"{requeued} task(s) queued again, {failed} given up.")
