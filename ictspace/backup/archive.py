"""The backup archive: a tar of the database dump and every private file, with a manifest
of SHA-256 sums written last, so that an archive cut short has none and is refused.
"""

import hashlib
import io
import json
import os
import posixpath
import tarfile
import tempfile
from pathlib import Path

from django.core.management.base import CommandError
from django.utils import timezone

from ictspace.backup import database
from ictspace.files.storage import private

FORMAT = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024


class _Hashing(io.RawIOBase):
    """Reads through to `inner`, keeping the SHA-256 and size of what was read."""

    def __init__(self, inner):
        self.inner, self.sha256, self.size = inner, hashlib.sha256(), 0

    def readable(self):
        return True

    def read(self, n=-1):
        data = self.inner.read(n)
        self.sha256.update(data)
        self.size += len(data)
        return data


def stored_names(storage=private, prefix: str = "") -> list[str]:
    """Every file of the private storage, by its storage name."""
    try:
        folders, files = storage.listdir(prefix)
    except FileNotFoundError:  # the file system root does not exist yet: no files
        return []
    names = [posixpath.join(prefix, f) for f in files]
    for folder in folders:
        names += stored_names(storage, posixpath.join(prefix, folder))
    return sorted(names)


def sha256_of(handle) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


def _add(tar, name: str, handle, size: int) -> dict:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, int(timezone.now().timestamp()), 0o600
    reader = _Hashing(handle)
    tar.addfile(info, reader)
    if reader.size != size:
        raise CommandError(f"{name} changed size while it was being archived")
    return {"sha256": reader.sha256.hexdigest(), "size": size}


def write(path: Path) -> dict:
    """Write the archive at `path` (under a temporary name until complete); its manifest."""
    engine = database.vendor()
    partial = path.with_name(path.name + ".partial")
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(partial, "w") as tar:
        dump_path = Path(tmp) / database.DUMP_NAMES[engine]
        tables = database.dump(dump_path)
        members = {}
        with dump_path.open("rb") as handle:
            name = f"database/{dump_path.name}"
            members[name] = _add(tar, name, handle, dump_path.stat().st_size)
        for stored in stored_names():
            with private.open(stored, "rb") as handle:
                members[f"files/{stored}"] = _add(
                    tar, f"files/{stored}", handle, private.size(stored)
                )
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "engine": engine,
            "database": f"database/{dump_path.name}",
            "members": members,
            "tables": tables,
        }
        body = json.dumps(manifest, indent=1, sort_keys=True).encode()
        tar.addfile(_info(MANIFEST, len(body)), io.BytesIO(body))
    with partial.open("rb") as handle:
        os.fsync(handle.fileno())
    partial.replace(path)
    return manifest


def _info(name: str, size: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, int(timezone.now().timestamp()), 0o600
    return info


# Reading ----------------------------------------------------------------------------------


def _open(path: Path) -> tuple[tarfile.TarFile, dict]:
    try:
        tar = tarfile.open(path, "r:")  # noqa: SIM115 (the caller closes it)
        members = {m.name: m for m in tar.getmembers()}
    except (OSError, EOFError, tarfile.TarError) as error:
        raise CommandError(f"{path} is not a readable backup archive: {error}") from None
    return tar, members


def _manifest(tar, members) -> dict:
    if MANIFEST not in members:
        raise CommandError("The archive is incomplete: it has no manifest (was it cut short?).")
    try:
        manifest = json.loads(tar.extractfile(members[MANIFEST]).read())
    except (ValueError, tarfile.TarError) as error:
        raise CommandError(f"The archive's manifest is damaged: {error}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise CommandError(f"Unknown archive format {manifest.get('format')!r}; expected {FORMAT}.")
    return manifest


def _safe_name(name: str, manifest: dict) -> bool:
    """The dump, or a file under files/ with no way out of it."""
    if name == manifest.get("database"):
        return True
    parts = name.split("/")
    return parts[0] == "files" and len(parts) > 1 and not {"", ".", ".."} & set(parts[1:])


def verify(path: Path) -> tuple[tarfile.TarFile, dict]:
    """Open the archive and check every member against the manifest; refuse on any flaw."""
    tar, members = _open(path)
    manifest = _manifest(tar, members)
    listed = manifest.get("members", {})
    unsafe = [n for n in listed if not _safe_name(n, manifest)]
    if unsafe:
        raise CommandError(f"The archive names files outside its place: {unsafe[:5]}")
    missing = sorted(set(listed) - set(members))
    extra = sorted(set(members) - set(listed) - {MANIFEST})
    if missing or extra:
        raise CommandError(f"The archive is incomplete: missing {missing}, unexpected {extra}.")
    for name, expected in listed.items():
        try:
            actual = sha256_of(tar.extractfile(members[name]))
        except (OSError, EOFError, tarfile.TarError) as error:
            raise CommandError(f"{name} cannot be read from the archive: {error}") from None
        if actual != expected["sha256"] or members[name].size != expected["size"]:
            raise CommandError(f"{name} is damaged: its SHA-256 differs from the manifest's.")
    return tar, manifest
