"""Row-by-row checksums of every table, to prove a restore identical to its backup.

Each row is rendered as text by the database itself (so no driver's type conversions
play a part), hashed, and the sorted row hashes are hashed again: the order rows come
back in does not matter; one changed, missing or extra row does. Works on a Django
cursor and on a plain DB-API cursor (the SQLite copy inside an archive).
"""

import hashlib


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _tables(cursor, vendor: str) -> list[str]:
    if vendor == "postgresql":
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    else:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    return sorted(name for (name,) in cursor.fetchall() if not name.startswith("sqlite_"))


def _rows_as_text(cursor, vendor: str, table: str):
    if vendor == "postgresql":
        cursor.execute(f"SELECT t::text FROM {_quote(table)} AS t")  # noqa: S608 (names from the catalogue)
        return [row[0] for row in cursor.fetchall()]
    cursor.execute(f"PRAGMA table_info({_quote(table)})")
    rendered = ", ".join(f"quote({_quote(column[1])})" for column in cursor.fetchall())
    cursor.execute(f"SELECT {rendered} FROM {_quote(table)}")  # noqa: S608 (as above)
    return ["\x1f".join(row) for row in cursor.fetchall()]


def table_checksums(cursor, vendor: str) -> dict[str, dict]:
    """{table: {"rows": n, "sha256": hex}} for every table the cursor's database holds."""
    result = {}
    for table in _tables(cursor, vendor):
        digests = sorted(
            hashlib.sha256(text.encode()).digest() for text in _rows_as_text(cursor, vendor, table)
        )
        result[table] = {
            "rows": len(digests),
            "sha256": hashlib.sha256(b"".join(digests)).hexdigest(),
        }
    return result
