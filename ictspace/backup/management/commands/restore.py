"""`ictspace restore ARCHIVE`: check an archive, restore it into an empty instance."""

from pathlib import Path

from django.core.management.base import BaseCommand

from ictspace.backup import archive, restore


class Command(BaseCommand):
    help = "Restore a backup archive into an empty instance (or only --check it)."

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="ARCHIVE", type=Path)
        parser.add_argument(
            "--check", action="store_true", help="only verify the archive against its manifest"
        )

    def handle(self, *args, path: Path, check=False, **options):
        if check:
            _tar, manifest = archive.verify(path)
            self.stdout.write(f"{path}: complete, {len(manifest['members'])} members intact")
            return
        manifest = restore.restore(path)
        self.stdout.write(
            f"{path}: restored {len(manifest['tables'])} tables and "
            f"{manifest['files_restored']} files; every checksum matches the backup"
        )
