"""Benchmark: the regional status matrix as of a date, platform selector vs hand SQL.

generate: a synthetic stream (jurisdictions × items × updates) written with bulk inserts.
run:      computes the matrix through the selector and through hand-written SQL, checks
          that both give the same cells, and prints the times and their ratio.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ictspace.settings")
os.environ.setdefault("ICTSPACE_DEBUG", "true")
(ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench' / 'tracking.sqlite3'}")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from ictspace.catalogue.models import Item, Library  # noqa: E402
from ictspace.directory.models import Jurisdiction  # noqa: E402
from ictspace.tracking.models import StatusUpdate  # noqa: E402
from ictspace.tracking.selectors import current_statuses  # noqa: E402

STATES = ["validated"] * 6 + ["submitted", "draft", "returned"]
LEVELS = ["not_started", "in_progress", "completed"]
AS_OF = datetime.date(2024, 6, 30)


def generate(jurisdictions: int, items: int, updates: int, seed: int) -> None:
    call_command("migrate", verbosity=0)
    rng = random.Random(seed)
    with transaction.atomic():
        StatusUpdate.objects.all().delete()
        Item.objects.filter(library__slug="bench").delete()
        Library.objects.filter(slug="bench").delete()
        Jurisdiction.objects.filter(code__startswith="B-").delete()
        lib = Library.objects.create(
            slug="bench",
            title="Benchmark library",
            version=1,
            content_sha256="-",
            loaded_at=timezone.now(),
            header={
                "scales": [
                    {
                        "code": "implementation",
                        "levels": [{"code": c} for c in LEVELS],
                        "met": "completed",
                    }
                ]
            },
        )
        Item.objects.bulk_create(
            Item(
                library=lib,
                ref=f"i{n}",
                position=n,
                kind="activity",
                title=f"Item {n}",
                assessable=True,
                scale="implementation",
            )
            for n in range(items)
        )
        Jurisdiction.objects.bulk_create(
            Jurisdiction(code=f"B-{n}", name=f"Bench {n}", kind="state", membership="member")
            for n in range(jurisdictions)
        )
    item_ids = list(Item.objects.filter(library__slug="bench").values_list("id", flat=True))
    state_ids = list(
        Jurisdiction.objects.filter(code__startswith="B-").values_list("id", flat=True)
    )
    start = datetime.date(2015, 1, 1).toordinal()
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    day = connection.ops.adapt_datefield_value
    # Plain executemany of tuples: model instances made generating 2M rows take an hour.
    sql = (
        "INSERT INTO tracking_statusupdate (jurisdiction_id, item_id, status, percent_complete,"
        " narrative, effective_date, source_citation, version, review_state, return_reason,"
        " created_at) VALUES (%s, %s, %s, NULL, '', %s, '', 1, %s, %s, %s)"
    )
    t0 = time.perf_counter()
    for first in range(0, updates, 50_000):
        batch = []
        for _ in range(first, min(updates, first + 50_000)):
            state = rng.choice(STATES)
            batch.append(
                (
                    rng.choice(state_ids),
                    rng.choice(item_ids),
                    rng.choice(LEVELS),
                    day(datetime.date.fromordinal(start + rng.randrange(3650))),
                    state,
                    "r" if state == "returned" else "",
                    now,
                )
            )
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, batch)
        print(f"\r{first + len(batch):,} updates", end="", flush=True)
    # No ANALYZE of its own: the database as `make run` leaves it, whose every start
    # migrates, and migrate gathers the statistics (ictspace.dbstats).
    call_command("migrate", verbosity=0)
    print(
        f"\rgenerated {updates:,} updates in {time.perf_counter() - t0:.0f} s on {connection.vendor}"
    )


HAND_SQL = {
    # PostgreSQL: DISTINCT ON over the partial index's columns.
    "postgresql": """
        SELECT DISTINCT ON (jurisdiction_id, item_id) jurisdiction_id, item_id, status, effective_date, id
        FROM tracking_statusupdate
        WHERE review_state = 'validated' AND effective_date <= %s
        ORDER BY jurisdiction_id, item_id, effective_date DESC, id DESC
    """,
    # SQLite: a bare-column aggregate returns the row holding the maximum.
    "sqlite": """
        SELECT jurisdiction_id, item_id, status, effective_date, id,
               MAX(effective_date || printf('%%012d', id))
        FROM tracking_statusupdate
        WHERE review_state = 'validated' AND effective_date <= %s
        GROUP BY jurisdiction_id, item_id
    """,
}
# Both engines: one seek per (jurisdiction, item) pair in the partial index.
SEEK_SQL = """
    SELECT u.jurisdiction_id, u.item_id, u.status, u.effective_date, u.id
    FROM tracking_statusupdate u
    WHERE u.id {match} (
        SELECT (SELECT s.id FROM tracking_statusupdate s
                WHERE s.jurisdiction_id = j.id AND s.item_id = i.id
                  AND s.review_state = 'validated' AND s.effective_date <= %s
                ORDER BY s.effective_date DESC, s.id DESC LIMIT 1)
        FROM directory_jurisdiction j CROSS JOIN catalogue_item i){close}
"""
# PostgreSQL hashes IN (...) against a scan of the whole table; an array probes the key.
SEEK_MATCH = {"postgresql": ("= ANY(ARRAY", ")"), "sqlite": ("IN", "")}
WINDOW_SQL = """
    SELECT jurisdiction_id, item_id, status, effective_date, id FROM (
        SELECT jurisdiction_id, item_id, status, effective_date, id,
               ROW_NUMBER() OVER (PARTITION BY jurisdiction_id, item_id
                                  ORDER BY effective_date DESC, id DESC) AS rn
        FROM tracking_statusupdate
        WHERE review_state = 'validated' AND effective_date <= %s) ranked
    WHERE rn = 1
"""


def _hand(sql: str) -> dict:
    """The cells as the platform gives them: dates as dates (SQLite returns their text)."""
    with connection.cursor() as cursor:
        cursor.execute(sql, [AS_OF])
        rows = cursor.fetchall()
    if rows and isinstance(rows[0][3], str):
        day = datetime.date.fromisoformat
        return {(r[0], r[1]): (r[2], day(r[3]), r[4]) for r in rows}
    return {(r[0], r[1]): (r[2], r[3], r[4]) for r in rows}


def _timed(fn) -> tuple[float, object]:
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def run(repeat: int) -> None:
    """Median of `repeat` rounds; each round runs the selector then every baseline once."""
    rows = StatusUpdate.objects.count()
    paths = {"platform selector": lambda: current_statuses(AS_OF)}
    paths.update(
        {
            "hand-written scan": lambda: _hand(HAND_SQL[connection.vendor]),
            "seek per pair (hand)": lambda: _hand(_seek_sql()),
            "window (hand)": lambda: _hand(WINDOW_SQL),
        }
    )
    times = {name: [] for name in paths}
    results = {}
    for _round in range(repeat):
        for name, fn in paths.items():
            t, results[name] = _timed(fn)
            times[name].append(t)
    cells = {
        k: (c.status, c.effective_date, c.update_id)
        for k, c in results.pop("platform selector").items()
    }
    for name, result in results.items():
        if result != cells:
            raise SystemExit(f"{name} disagrees with the selector")
    medians = {name: statistics.median(t) for name, t in times.items()}
    print(f"{connection.vendor}: {rows:,} updates, {len(cells):,} cells as of {AS_OF}")
    print(f"  median of {repeat} rounds, interleaved; every path gives the same cells")
    for name, t in medians.items():
        print(f"  {name:22} {t * 1000:9.1f} ms")
    fastest = min(t for name, t in medians.items() if name != "platform selector")
    print(f"  ratio selector / fastest baseline: {medians['platform selector'] / fastest:.2f}")


def _seek_sql() -> str:
    match, close = SEEK_MATCH[connection.vendor]
    return SEEK_SQL.format(match=match, close=close)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate")
    gen.add_argument("--jurisdictions", type=int, default=20)
    gen.add_argument("--items", type=int, default=1000)
    gen.add_argument("--updates", type=int, default=2_000_000)
    gen.add_argument("--seed", type=int, default=2017)
    r = sub.add_parser("run")
    r.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if args.command == "generate":
        generate(args.jurisdictions, args.items, args.updates, args.seed)
    else:
        run(args.repeat)


if __name__ == "__main__":
    main()
