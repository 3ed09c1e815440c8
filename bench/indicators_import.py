"""Benchmark: importing a 1,000,000-row tidy CSV, platform path vs the fastest raw insert.

generate: a benchmark library (50 indicators of every value type, percentages broken down
          by sex, age and area), one jurisdiction and its NCPOC, and the CSV file.
run:      on a fresh observation table each time, in a subprocess each (so that each
          path's peak memory is its own):
          (a) the platform: `do_read_import` (check, classify, preview) then
              `do_apply_import` (insert, audit) on the same job: nothing changed in
              between, so apply trusts the preview's checks (`imports.replay`);
              with --recheck also as `recheck`, the job's basis cleared so that
              apply checks every row again (the path before issue 17);
          (b) the baseline: read the CSV and insert the same rows with the engine's
              fastest bulk path (executemany in one transaction on SQLite, COPY FROM
              STDIN on PostgreSQL), resolving only the codes to ids.
          (c) two floors, so a reader sees how close each path is to the limit: the
              same rows and bulk path into a table with the same columns and no index
              (`unindexed`), and one scan of the rows (the CSV parsed, nothing written).
          The paths alternate, round after round. Checks that (a) and (b) left the same
          rows and values; prints the best times, the ratios and each path's peak
          resident memory (ru_maxrss of its own process).
"""

import argparse
import csv
import hashlib
import itertools
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "var" / "bench"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ictspace.settings")
os.environ.setdefault("ICTSPACE_DEBUG", "true")
os.environ.setdefault("ICTSPACE_VAR_DIR", str(BENCH))  # uploads stored under var/bench/private
BENCH.mkdir(parents=True, exist_ok=True)
os.environ.setdefault("DATABASE_URL", f"sqlite:///{BENCH / 'indicators.sqlite3'}")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.files import File  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from ictspace.access import SYSTEM  # noqa: E402
from ictspace.accounts.models import Role, RoleGrant, User  # noqa: E402
from ictspace.audit.models import AuditEntry  # noqa: E402
from ictspace.catalogue.models import Indicator, Item, Library  # noqa: E402
from ictspace.directory.models import Jurisdiction  # noqa: E402
from ictspace.indicators.imports import actions as imports  # noqa: E402
from ictspace.indicators.imports.files import COLUMNS  # noqa: E402
from ictspace.indicators.imports.store import columns  # noqa: E402
from ictspace.indicators.models import ImportJob, Observation  # noqa: E402
from ictspace.indicators.periods import parse_period  # noqa: E402

settings.DEBUG = False  # no query log: 1M-row runs must not keep every statement
CSV_PATH = BENCH / "observations.csv"
LIBRARY = "bench-indicators"
PLACE = "B-IMPORT"
EMAIL = "bench-ncpoc@bench.example"
AGES = ["", *[f"{a}-{a + 4}" for a in range(0, 75, 5)], "75+"]
SEXES = ["", "female", "male"]
AREAS = ["", "urban", "rural"]
KINDS = ["count"] * 4 + ["ordinal"] * 3 + ["yes_no"] * 2 + ["number"] + ["percent"] * 40
LEVELS = ["Low", "Mid", "High"]


# Generating -----------------------------------------------------------------------------


def _definition(kind: str) -> dict:
    d = {"unit": kind, "direction": "increase"}
    if kind == "percent":
        d["disaggregations"] = ["sex", "age", "area"]
    if kind == "ordinal":
        d["levels"] = LEVELS
    return d


def _setup_reference_data() -> None:
    call_command("migrate", verbosity=0)
    with transaction.atomic():
        Observation.objects.all().delete()
        ImportJob.objects.all().delete()
        Indicator.objects.filter(library__slug=LIBRARY).delete()
        Item.objects.filter(library__slug=LIBRARY).delete()
        Library.objects.filter(slug=LIBRARY).delete()
        RoleGrant.objects.filter(user__email=EMAIL).delete()
        User.objects.filter(email=EMAIL).delete()
        Jurisdiction.objects.filter(code=PLACE).delete()
        now = timezone.now()
        lib = Library.objects.create(
            slug=LIBRARY, title="Benchmark indicators", version=1, content_sha256="-", loaded_at=now
        )
        item = Item.objects.create(library=lib, ref="i1", position=1, kind="goal", title="Bench")
        Indicator.objects.bulk_create(
            Indicator(
                library=lib,
                item=item,
                position=n,
                code=f"B{n:02d}",
                name=f"Benchmark indicator {n} ({kind})",
                unit=kind,
                direction="increase",
                definition=_definition(kind),
            )
            for n, kind in enumerate(KINDS, start=1)
        )
        place = Jurisdiction.objects.create(
            code=PLACE, name="Benchmark State", kind="state", membership="member"
        )
        user = User.objects.create_user(email=EMAIL, full_name="Bench NCPOC")
        RoleGrant.objects.create(user=user, role=Role.NCPOC, jurisdiction=place)


def _periods() -> list[str]:
    """Yearly 2000–2024, quarterly 2000–2024 and monthly 2015–2024: 325 periods."""
    years = [str(y) for y in range(2000, 2025)]
    quarters = [f"{y}-Q{q}" for y in range(2000, 2025) for q in range(1, 5)]
    months = [f"{y}-{m:02d}" for y in range(2015, 2025) for m in range(1, 13)]
    return years + quarters + months


def _breakdowns(kind: str) -> list[str]:
    if kind != "percent":
        return [""]
    out = []
    for age in AGES:
        for sex in SEXES:
            for area in AREAS:
                parts = [f"age={age}" if age else "", f"area={area}" if area else ""]
                parts.append(f"sex={sex}" if sex else "")
                out.append(";".join(p for p in parts if p))
    return out


def _value(kind: str, rng: random.Random) -> str:
    if kind == "percent":
        return f"{rng.uniform(0, 100):.1f}"
    if kind == "count":
        return str(rng.randrange(0, 5000))
    if kind == "ordinal":
        return rng.choice(LEVELS)
    if kind == "yes_no":
        return rng.choice(["yes", "no"])
    return f"{rng.uniform(-50, 150):.2f}"


def _keys():
    """Series after series (indicator × breakdown), each over every period: the shape of
    a statistics office's back-series. Every key once."""
    periods = _periods()
    for n, kind in enumerate(KINDS, start=1):
        for breakdown in _breakdowns(kind):
            for period in periods:
                yield f"B{n:02d}", kind, period, breakdown


def generate(rows: int, seed: int) -> None:
    _setup_reference_data()
    rng = random.Random(seed)
    t0 = time.perf_counter()
    written = 0
    with CSV_PATH.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for code, kind, period, breakdown in itertools.islice(_keys(), rows):
            value = _value(kind, rng)
            writer.writerow(
                [LIBRARY, PLACE, code, period, breakdown, value, "", "Bench survey", ""]
            )
            written += 1
    size = CSV_PATH.stat().st_size / 1e6
    print(
        f"generated {written:,} rows ({size:.0f} MB) in {time.perf_counter() - t0:.0f} s: {CSV_PATH}"
    )


# Running --------------------------------------------------------------------------------


def _fresh_table() -> None:
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(Observation._meta.db_table)
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {table}")
            cursor.execute(f"VACUUM ANALYZE {table}")
        else:
            cursor.execute(f"DELETE FROM {table}")
            cursor.execute("VACUUM")
    ImportJob.objects.all().delete()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def platform_path(*, recheck: bool = False) -> dict:
    user = User.objects.get(email=EMAIL)
    place = Jurisdiction.objects.get(code=PLACE)
    with CSV_PATH.open("rb") as handle:
        job = imports.do_upload_import(
            jurisdiction=place,
            uploaded_file=File(handle, name="observations.csv"),
            acting_user=user,
        )
    before = _peak_mb()
    t0 = time.perf_counter()
    job = imports.do_read_import(job, acting_user=SYSTEM)
    t1 = time.perf_counter()
    if job.state != ImportJob.State.PREVIEW or job.counts["error"]:
        raise SystemExit(f"read failed: {job.failure} {job.errors[:3]}")
    if recheck:
        ImportJob.objects.filter(pk=job.pk).update(basis="")  # as a job read before the basis
    job = imports.do_apply_import(job, acting_user=user)
    t2 = time.perf_counter()
    if job.state != ImportJob.State.APPLIED:
        raise SystemExit(f"apply failed: {job.failure} {job.errors[:3]}")
    job.file.delete(save=False)
    entry = AuditEntry.objects.get(action="apply_import", object_id=str(job.pk))
    if entry.changes["checked_again"][1] != recheck:
        raise SystemExit(f"apply checked again: {entry.changes['checked_again'][1]}")
    return {
        "read": t1 - t0,
        "apply": t2 - t1,
        "total": t2 - t0,
        "rows": job.applied_count,
        "peak_mb": _peak_mb(),
        "before_mb": before,
    }


def _baseline_rows():
    """Only what any insert needs: parse the CSV, codes → ids, period → its dates."""
    user = User.objects.get(email=EMAIL)
    place = Jurisdiction.objects.get(code=PLACE)
    kinds = {}
    ids = {}
    for ind in Indicator.objects.filter(library__slug=LIBRARY):
        ids[ind.code] = ind.id
        kinds[ind.code] = (ind.definition["unit"], {lv: n for n, lv in enumerate(LEVELS)})
    periods = {}
    stamp = connection.ops.adapt_datetimefield_value(timezone.now())

    def rows():
        with CSV_PATH.open(newline="", encoding="utf-8") as handle:
            reader = csv.reader(handle)
            next(reader)
            for _lib, _place, code, period, breakdown, value, _unit, source, note in reader:
                when = periods.get(period)
                if when is None:
                    when = periods[period] = parse_period(period)
                kind, levels = kinds[code]
                if kind == "ordinal":
                    number, text = levels[value], value
                elif kind == "yes_no":
                    number, text = (1 if value == "yes" else 0), value
                else:
                    number, text = value, ""
                yield (
                    place.id,
                    ids[code],
                    when.code,
                    when.start,
                    when.end,
                    breakdown,
                    number,
                    text,
                    source,
                    note,
                    "submitted",
                    False,
                    user.id,
                    stamp,
                    stamp,
                    "",
                    None,
                )

    return rows


def _bulk_insert(table: str, rows) -> int:
    """The engine's fastest bulk path, in one transaction (the platform's `write_rows` path)."""
    column_list = ", ".join(connection.ops.quote_name(c) for c in columns())
    count = 0
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({column_list}) FROM STDIN") as copy:
                for row in rows():
                    copy.write_row(row)
                    count += 1
        else:
            marks = ", ".join(["%s"] * 17)
            sql = f"INSERT INTO {table} ({column_list}) VALUES ({marks})"
            chunk = []
            for row in rows():
                chunk.append(row)
                if len(chunk) == 10_000:
                    cursor.executemany(sql, chunk)
                    count += len(chunk)
                    chunk = []
            if chunk:
                cursor.executemany(sql, chunk)
                count += len(chunk)
    return count


def baseline_path() -> dict:
    """The same rows into the observation table, its indexes and constraints maintained."""
    rows = _baseline_rows()
    before = _peak_mb()
    t0 = time.perf_counter()
    count = _bulk_insert(connection.ops.quote_name(Observation._meta.db_table), rows)
    elapsed = time.perf_counter() - t0
    return {"total": elapsed, "rows": count, "peak_mb": _peak_mb(), "before_mb": before}


UNINDEXED = "bench_unindexed_observation"


def unindexed_path() -> dict:
    """Floor: the same rows and path into a table with the same columns and no index at all."""
    rows = _baseline_rows()
    table = connection.ops.quote_name(Observation._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {UNINDEXED}")
        cursor.execute(f"CREATE TABLE {UNINDEXED} AS SELECT * FROM {table} WHERE 1 = 0")
    before = _peak_mb()
    t0 = time.perf_counter()
    count = _bulk_insert(UNINDEXED, rows)
    elapsed = time.perf_counter() - t0
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {UNINDEXED}")
        stored = cursor.fetchone()[0]
        cursor.execute(f"DROP TABLE {UNINDEXED}")
    if stored != count:
        raise SystemExit(f"unindexed: {stored} rows stored of {count}")
    return {"total": elapsed, "rows": count, "peak_mb": _peak_mb(), "before_mb": before}


def scan_path() -> dict:
    """Floor: one scan of the rows, every cell parsed by the csv module, nothing written."""
    before = _peak_mb()
    t0 = time.perf_counter()
    count = 0
    with CSV_PATH.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        for _lib, _place, _code, _period, _breakdown, _value, _unit, _source, _note in reader:
            count += 1
    elapsed = time.perf_counter() - t0
    return {"total": elapsed, "rows": count, "peak_mb": _peak_mb(), "before_mb": before}


def digest() -> str:
    """The same rows and values, whatever their order of insertion."""
    h = hashlib.sha256()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT i.code, o.period, o.disaggregation, o.value_number, o.value_text, o.review_state "
            f"FROM {Observation._meta.db_table} o JOIN catalogue_indicator i ON i.id = o.indicator_id "
            f"ORDER BY i.code, o.period, o.disaggregation"
        )
        while batch := cursor.fetchmany(20_000):
            for code, period, breakdown, number, text, state in batch:
                shown = "" if number is None else format(float(number), ".6f")
                h.update(f"{code}|{period}|{breakdown}|{shown}|{text}|{state}\n".encode())
    return h.hexdigest()


PATHS = {
    "platform": platform_path,
    "recheck": lambda: platform_path(recheck=True),
    "baseline": baseline_path,
    "unindexed": unindexed_path,
    "scan": scan_path,
}


def _child(which: str) -> dict:
    _fresh_table()
    result = PATHS[which]()
    if which in ("platform", "recheck", "baseline"):
        result["digest"] = digest()
    return result


def _spawn(which: str) -> dict:
    out = subprocess.run(  # noqa: S603 (this very script)
        [sys.executable, __file__, "_child", which], check=False, capture_output=True, text=True
    )
    if out.returncode:
        raise SystemExit(f"{which} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _memory(result: dict) -> str:
    return f"peak RSS {result['peak_mb']:.0f} MB (Django loaded: {result['before_mb']:.0f} MB)"


def run(repeat: int, recheck: bool) -> None:
    vendor = connection.vendor
    print(f"{vendor}: importing {CSV_PATH.name} ({CSV_PATH.stat().st_size / 1e6:.0f} MB)")
    best = {}
    ratios = []
    for _n in range(repeat):  # the paths interleaved, round after round
        round_ = {which: _spawn(which) for which in PATHS if recheck or which != "recheck"}
        ratios.append(round_["platform"]["total"] / round_["baseline"]["total"])
        for which, result in round_.items():
            if which not in best or result["total"] < best[which]["total"]:
                best[which] = result
    p, b, u, s = (best[which] for which in ("platform", "baseline", "unindexed", "scan"))
    same = p["digest"] == b["digest"] and p["rows"] == b["rows"] == u["rows"] == s["rows"]
    print(
        f"  platform  read {p['read']:6.1f} s + apply {p['apply']:6.1f} s = {p['total']:6.1f} s"
        f"   {p['rows']:,} rows   {_memory(p)}"
    )
    if recheck:
        r = best["recheck"]
        same = same and r["digest"] == b["digest"]
        print(
            f"  recheck   read {r['read']:6.1f} s + apply {r['apply']:6.1f} s = {r['total']:6.1f} s"
            f"   {r['rows']:,} rows   {_memory(r)}   ratio {r['total'] / b['total']:.2f}"
        )
    print(
        f"  baseline (indexed table)           {b['total']:6.1f} s   {b['rows']:,} rows   {_memory(b)}"
    )
    print(
        f"  floor: unindexed table             {u['total']:6.1f} s   {u['rows']:,} rows   {_memory(u)}"
    )
    print(
        f"  floor: one scan of the rows        {s['total']:6.1f} s   {s['rows']:,} rows   {_memory(s)}"
    )
    print(f"  same rows and values: {same}")
    if not same:
        raise SystemExit("the paths disagree")
    ratios.sort()
    print(
        f"  ratio platform / baseline: {p['total'] / b['total']:.2f} (best of {repeat});"
        f" per round: {', '.join(f'{r:.2f}' for r in ratios)}, median {ratios[len(ratios) // 2]:.2f}"
    )
    print(
        f"  apply / baseline: {p['apply'] / b['total']:.2f};"
        f" baseline / unindexed: {b['total'] / u['total']:.2f};"
        f" read / scan: {p['read'] / s['total']:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate")
    gen.add_argument("--rows", type=int, default=1_000_000)
    gen.add_argument("--seed", type=int, default=2017)
    r = sub.add_parser("run")
    r.add_argument("--repeat", type=int, default=1)
    r.add_argument(
        "--recheck", action="store_true", help="also time apply checking every row again"
    )
    child = sub.add_parser("_child")
    child.add_argument("which", choices=list(PATHS))
    args = parser.parse_args()
    if args.command == "generate":
        generate(args.rows, args.seed)
    elif args.command == "run":
        run(args.repeat, args.recheck)
    else:
        print(json.dumps(_child(args.which)))


if __name__ == "__main__":
    main()
