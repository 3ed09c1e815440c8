"""Benchmark: what SQLite's statistics are worth, and what keeping them costs.

On a copy of a `bench/pages.py` SQLite database: the selectors behind the matrix, the gap
analysis and the item page without any statistics (`sqlite_stat1` emptied, as every
instance was before issue 17), then after `ictspace.dbstats.analyse()`; interleaved,
median of 5. Then the cost of the `PRAGMA optimize` each connection now runs as it closes.

    .venv/bin/python bench/sqlite_statistics.py --scale 10
"""

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _copy(scale: int) -> Path:
    source = ROOT / "var" / "bench" / f"pages-{scale}x.sqlite3"
    target = ROOT / "var" / "bench" / f"statistics-{scale}x.sqlite3"
    with sqlite3.connect(source) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(source, target)
    with sqlite3.connect(target) as db:
        db.execute("DELETE FROM sqlite_stat1")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = f"sqlite:///{_copy(args.scale)}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ictspace.settings")
    os.environ.setdefault("ICTSPACE_DEBUG", "true")

    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from ictspace import dbstats
    from ictspace.catalogue.models import Item, Library
    from ictspace.directory.models import Jurisdiction
    from ictspace.tracking import selectors

    library = Library.objects.get(slug="single-ict-space-iwp-2017")
    item = Item.objects.get(library=library, ref="3.1.4")
    barbados = Jurisdiction.objects.get(code="BB")
    everyone = list(Jurisdiction.objects.all())
    today = timezone.localdate()
    paths = {
        "matrix": lambda: selectors.matrix(library, today, jurisdictions=everyone),
        "gap analysis": lambda: selectors.jurisdiction_rows(barbados, library, today),
        "item": lambda: selectors.current_statuses(
            today, jurisdiction_ids=[j.pk for j in everyone], item_ids=[item.pk]
        ),
    }

    def timed() -> dict:
        times = {name: [] for name in paths}
        for _round in range(args.repeat):
            for name, fn in paths.items():
                t0 = time.perf_counter()
                fn()
                times[name].append(time.perf_counter() - t0)
        return {name: statistics.median(t) * 1000 for name, t in times.items()}

    before = timed()
    t0 = time.perf_counter()
    dbstats.analyse()
    analyse_ms = (time.perf_counter() - t0) * 1000
    after = timed()
    print(f"sqlite {sqlite3.sqlite_version}, scale {args.scale}×, median of {args.repeat}")
    for name in paths:
        print(f"  {name:14} no statistics {before[name]:8.1f} ms   analysed {after[name]:8.1f} ms")
    print(f"  analyse() of every table: {analyse_ms:.0f} ms")
    closes = []
    for _n in range(50):
        connection.ensure_connection()
        selectors.current_statuses(today, jurisdiction_ids=[barbados.pk], item_ids=[item.pk])
        t0 = time.perf_counter()
        connection.close()
        closes.append(time.perf_counter() - t0)
    print(
        f"  closing a connection, PRAGMA optimize included: {statistics.median(closes) * 1e3:.2f} ms"
    )


if __name__ == "__main__":
    main()
