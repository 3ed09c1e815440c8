"""A consistent copy of the database, and putting it back: SQLite's online backup API, or
pg_dump / pg_restore on PostgreSQL. Each copy comes with its tables' checksums, taken
from the very state the copy holds.
"""

import glob
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.core.management.base import CommandError
from django.db import connection, transaction

from ictspace.backup.checksums import table_checksums

DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


def vendor() -> str:
    if connection.vendor not in DUMP_NAMES:
        raise CommandError(f"backup does not support the {connection.vendor} database engine")
    return connection.vendor


def is_empty() -> bool:
    """No table at all: a fresh database, never migrated."""
    return not connection.introspection.table_names()


def dump(target: Path) -> dict:
    """Write the database to `target`; the checksums of the state written."""
    if vendor() == "sqlite":
        return _sqlite_dump(target)
    return _postgresql_dump(target)


def load(source: Path) -> None:
    """Put a dump back into this (empty) database."""
    if vendor() == "sqlite":
        _sqlite_load(source)
    else:
        _postgresql_load(source)


def checksums() -> dict:
    with connection.cursor() as cursor:
        return table_checksums(cursor, connection.vendor)


# SQLite ----------------------------------------------------------------------------------


def _sqlite_dump(target: Path) -> dict:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        # One step: the copy is the database as of one instant, writers or not.
        connection.connection.backup(copy)
        return table_checksums(copy.cursor(), "sqlite")
    finally:
        copy.close()


def _sqlite_load(source: Path) -> None:
    connection.ensure_connection()
    dump_db = sqlite3.connect(source)
    try:
        dump_db.backup(connection.connection)
    finally:
        dump_db.close()


# PostgreSQL ------------------------------------------------------------------------------


def pg_tool(name: str) -> str:
    """pg_dump or pg_restore: on the PATH, else the newest under /usr/lib/postgresql."""
    found = shutil.which(name) or max(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
        default=None,
    )
    if not found:
        raise CommandError(f"{name} is needed to back up or restore PostgreSQL; install the client")
    return found


def _pg_env() -> dict:
    s = connection.settings_dict
    env = {**os.environ, "PGDATABASE": s["NAME"], "PGUSER": s.get("USER") or ""}
    env.update(PGHOST=str(s.get("HOST") or ""), PGPORT=str(s.get("PORT") or ""))
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = s["PASSWORD"]
    return {k: v for k, v in env.items() if v != ""}


def _run(args: list[str]) -> None:
    result = subprocess.run(args, env=_pg_env(), capture_output=True, text=True, check=False)  # noqa: S603 (fixed tools, no shell)
    if result.returncode != 0:
        raise CommandError(f"{Path(args[0]).name} failed: {result.stderr.strip()}")


def _postgresql_dump(target: Path) -> dict:
    # pg_dump reads the snapshot this transaction exports: the dump and the checksums
    # describe the same instant even while users keep writing.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        _run([pg_tool("pg_dump"), "--format=custom", f"--snapshot={snapshot}", f"--file={target}"])
        return table_checksums(cursor, "postgresql")


def _postgresql_load(source: Path) -> None:
    connection.close()  # pg_restore works in its own session
    _run(
        [
            pg_tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={connection.settings_dict['NAME']}",
            str(source),
        ]
    )
