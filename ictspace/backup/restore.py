"""Restore an archive into an empty instance, then prove it identical to the backup."""

import tempfile
from pathlib import Path

from django.core.files import File
from django.core.management.base import CommandError

from ictspace.backup import archive, database
from ictspace.files.storage import private


def _refuse_unless_empty(manifest: dict) -> None:
    if manifest["engine"] != database.vendor():
        raise CommandError(
            f"The archive holds a {manifest['engine']} database; this instance uses "
            f"{database.vendor()}. Restore it into an instance of the same engine."
        )
    if not database.is_empty():
        raise CommandError("The database is not empty: restore only into a new, empty database.")
    if archive.stored_names():
        raise CommandError("The private file storage is not empty: restore into an empty one.")


def _restore_files(tar, manifest: dict) -> int:
    count = 0
    for name in manifest["members"]:
        if not name.startswith("files/"):
            continue
        stored = name.removeprefix("files/")
        saved = private.save(stored, File(tar.extractfile(name), name=stored))
        if saved != stored:  # the storage renamed it: the rows would not find it
            raise CommandError(f"{stored} was stored as {saved}")
        count += 1
    return count


def _compare(manifest: dict) -> None:
    tables = database.checksums()
    differ = sorted(t for t in set(tables) | set(manifest["tables"])
                    if tables.get(t) != manifest["tables"].get(t))  # fmt: skip
    if differ:
        raise CommandError(f"The restored database differs from the backup in: {differ}")
    for name, expected in manifest["members"].items():
        if name.startswith("files/"):
            with private.open(name.removeprefix("files/"), "rb") as handle:
                if archive.sha256_of(handle) != expected["sha256"]:
                    raise CommandError(f"{name} differs from the backup after restoring")


def restore(path: Path) -> dict:
    """Check the archive, restore it, compare checksums; the manifest."""
    tar, manifest = archive.verify(path)
    _refuse_unless_empty(manifest)
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / Path(manifest["database"]).name
        with dump.open("wb") as out:
            out.write(tar.extractfile(manifest["database"]).read())
        database.load(dump)
    manifest["files_restored"] = _restore_files(tar, manifest)
    _compare(manifest)
    return manifest
