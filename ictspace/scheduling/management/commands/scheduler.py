"""Enqueue the periodic jobs that are due (cron, a systemd timer, or `--loop` in `make run`)."""

import time

from django.core.management.base import BaseCommand

from ictspace.scheduling.registry import run_due


class Command(BaseCommand):
    help = "Enqueue every periodic job that is due; the task worker runs them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", action="store_true", help="keep running, checking every --interval seconds"
        )
        parser.add_argument("--interval", type=int, default=60)

    def handle(self, *args, loop=False, interval=60, **options):
        while True:
            for name in run_due():
                self.stdout.write(f"enqueued {name}")
            if not loop:
                return
            time.sleep(max(interval, 1))
