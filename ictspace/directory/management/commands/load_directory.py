from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ictspace import access
from ictspace.directory.actions import do_load_directory
from ictspace.directory.loader import DEFAULT_FILE, DirectoryFileError


class Command(BaseCommand):
    help = "Load the region's directory (jurisdictions, organisations, bodies). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_FILE))

    def handle(self, *args, path, **options):
        try:
            report = do_load_directory(Path(path), acting_user=access.SYSTEM)
        except DirectoryFileError as exc:
            lines = "\n".join(f"  - {p}" for p in exc.problems)
            raise CommandError(f"{exc.path}: nothing was loaded.\n{lines}") from exc
        self.stdout.write(
            f"Directory loaded from {path}: {len(report.created)} created, "
            f"{len(report.updated)} updated."
        )
