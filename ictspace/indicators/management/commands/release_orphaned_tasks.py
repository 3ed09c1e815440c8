"""List background task records left RUNNING by a worker that died, and close them."""

import datetime

from django.core.management.base import BaseCommand

from ictspace import access, background


class Command(BaseCommand):
    help = (
        "List task records still RUNNING long after they started (their worker was killed "
        "or its host restarted) and, unless --dry-run, close them as failed. A stalled "
        "upload's page then offers its uploader to retry it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=int(background.ORPHANED_AFTER.total_seconds() // 60),
            metavar="MINUTES",
            help="running for longer than this since it started (default: %(default)s)",
        )
        parser.add_argument("--dry-run", action="store_true", help="list them only")

    def handle(self, *args, older_than, dry_run, **options):
        age = datetime.timedelta(minutes=older_than)
        if dry_run:
            found = list(background.orphaned(older_than=age))
        else:
            found = background.do_release_orphaned_tasks(older_than=age, acting_user=access.SYSTEM)
        for task in found:
            workers = ", ".join(task.worker_ids) or "-"
            self.stdout.write(
                f"{task.id}  {task.task_path}  args={task.args_kwargs.get('args')}  "
                f"started {task.started_at:%Y-%m-%d %H:%M:%S %Z}  worker {workers}"
            )
        verb = "would close" if dry_run else "closed as failed"
        self.stdout.write(f"{len(found)} orphaned task record(s) {verb}.")
