"""`ictspace backup`: one consistent archive of the database and the private files."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from ictspace.backup import archive


class Command(BaseCommand):
    help = "Write a backup archive (database + private files + SHA-256 manifest)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="archive file or folder (default: ICTSPACE_VAR_DIR/backups/)",
        )

    def handle(self, *args, output=None, **options):
        path = self._target(output)
        manifest = archive.write(path)
        rows = sum(t["rows"] for t in manifest["tables"].values())
        files = sum(1 for name in manifest["members"] if name.startswith("files/"))
        self.stdout.write(
            f"{path}: {manifest['engine']} database, {len(manifest['tables'])} tables, "
            f"{rows} rows, {files} files"
        )

    @staticmethod
    def _target(output: Path | None) -> Path:
        folder = output if output and (output.is_dir() or not output.suffix) else None
        if output and not folder:
            output.parent.mkdir(parents=True, exist_ok=True)
            return output
        folder = folder or settings.VAR_DIR / "backups"
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"ictspace-{timezone.now():%Y%m%dT%H%M%SZ}.tar"
