from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ictspace import access
from ictspace.tracking.initial import (
    DEFAULT_FILE,
    InitialStatusFileError,
    do_load_initial_statuses,
)


class Command(BaseCommand):
    help = (
        "Load the statuses the source documents report as validated updates "
        "(needs the directory and the libraries). Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_FILE))

    def handle(self, *args, path, verbosity, **options):
        try:
            summary = do_load_initial_statuses(Path(path), acting_user=access.SYSTEM)
        except InitialStatusFileError as exc:
            lines = "\n".join(f"  - {p}" for p in exc.problems)
            raise CommandError(f"{exc.path}: nothing was loaded.\n{lines}") from exc
        self.stdout.write(
            f"Initial statuses from {path}: {len(summary.created)} created, "
            f"{len(summary.kept)} already loaded and kept."
        )
        for label in summary.created:
            self.stdout.write(f"  created {label}")
        if verbosity >= 2:
            for label in summary.kept:
                self.stdout.write(f"  kept {label}")
