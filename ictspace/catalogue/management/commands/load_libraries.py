from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ictspace import access
from ictspace.catalogue.actions import LIBRARIES_DIR, do_load_library_file, library_files
from ictspace.catalogue.library_file import LibraryFileError
from ictspace.catalogue.selectors import unresolved_mappings


class Command(BaseCommand):
    help = "Load every library file (one transaction per library). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help=f"files to load (default: {LIBRARIES_DIR})")

    def handle(self, *args, paths, **options):
        files = [Path(p) for p in paths] or library_files()
        failed = []
        for path in files:
            try:
                result = do_load_library_file(path, acting_user=access.SYSTEM)
            except LibraryFileError as exc:
                failed.append(path)
                self.stderr.write(f"{path}: not loaded; nothing of this library changed.")
                for problem in exc.problems:
                    self.stderr.write(f"  - {problem}")
                continue
            self.stdout.write(
                f"{result.slug} v{result.version}: {result.status} "
                f"({result.created} new, {result.updated} changed, {result.retired} retired items)"
            )
            for warning in result.warnings:
                self.stdout.write(f"  note: {warning}")
        for mapping in unresolved_mappings():
            self.stdout.write(f"  note: mapping target {mapping} is not loaded")
        if failed:
            raise CommandError(f"{len(failed)} library file(s) could not be loaded")
