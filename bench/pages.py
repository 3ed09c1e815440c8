"""Benchmark: the main pages at 1×, 10× and 100× the region, against hand-written SQL.

generate: the region as `make run` builds it (migrate, the shipped directory, libraries and
          initial statuses), grown to SCALE × (6,600 status updates, 4,700 observations,
          19,000 audit entries) with bulk inserts, then `migrate` again, as `make run` does
          at every start. Statistics are whatever the platform leaves: the generator runs
          no ANALYZE of its own.
run:      requests each page through Django's test client with production settings, as the
          Secretariat (a Barbados NCPOC for that home page); prints the median server time,
          the time the page's own queries took in the database, the query count, the gzip size,
          and for the matrix, the gap analysis and the item page the time of the fastest
          hand-written SQL that yields the same cells, and ratios to it of: the page's time;
          its SQL time (every query of the page: session, user and permissions included);
          the selector calls the page makes for those cells, timed alone ("cells"); and
          the database time of those calls' own queries ("its SQL"). Interleaved: every
          round requests each page once, then runs its selectors and its hand SQL.

Not a test: it never passes or fails on a time. It fails if the hand SQL and the
platform disagree on a cell.
"""

import argparse
import datetime
import gzip
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_scale = next((a.split("=")[1] for a in sys.argv if a.startswith("--scale=")), None)
if _scale is None and "--scale" in sys.argv:
    _scale = sys.argv[sys.argv.index("--scale") + 1]
(ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
_db = ROOT / "var" / "bench" / f"pages-{_scale or 1}x.sqlite3"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_db}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ictspace.settings")
os.environ.setdefault("ICTSPACE_DEBUG", "false")  # production settings
os.environ.setdefault("ICTSPACE_DEMO", "false")
os.environ.setdefault("SECRET_KEY", "bench-only-" + "k" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("ICTSPACE_LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from ictspace import access  # noqa: E402
from ictspace.audit.models import AuditEntry  # noqa: E402
from ictspace.catalogue import scope as scopes  # noqa: E402
from ictspace.catalogue.actions import do_load_library_file, library_files  # noqa: E402
from ictspace.catalogue.models import Indicator, Item, Library, level_codes  # noqa: E402
from ictspace.directory.actions import do_load_directory  # noqa: E402
from ictspace.directory.models import Jurisdiction  # noqa: E402
from ictspace.indicators.models import Observation  # noqa: E402
from ictspace.indicators.periods import parse_period  # noqa: E402
from ictspace.indicators.values import Spec, parse_value  # noqa: E402
from ictspace.tracking.initial import do_load_initial_statuses  # noqa: E402
from ictspace.tracking.models import StatusUpdate  # noqa: E402
from ictspace.tracking.selectors import changes_between, current_statuses  # noqa: E402
from ictspace.tracking.views.status import CHANGES_SHOWN  # noqa: E402

# Static files as they are: the pages, not collectstatic, are measured.
override_settings(
    STORAGES={
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
).enable()

PER_SCALE = {"updates": 6_600, "observations": 4_700, "audit": 19_000}
IWP = "single-ict-space-iwp-2017"
BZ = "belize-egov-2015"
GAP = ("BB", datetime.date(2020, 1, 1))  # the gap analysis: Barbados, changes since 2020
ITEM = "3.1.4"
USER = "bench-secretariat@bench.example"
NCPOC = "bench-ncpoc-bb@bench.example"  # for the NCPOC's home page (Barbados)
STATES = ["validated"] * 6 + ["submitted", "draft", "returned"]
BATCH = 20_000


# Generate ----------------------------------------------------------------------------------


def generate(scale: int, seed: int) -> None:
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("createcachetable")  # the API's rate limits count there
    do_load_directory(acting_user=access.SYSTEM)
    for path in library_files():
        do_load_library_file(path, acting_user=access.SYSTEM)
    do_load_initial_statuses(acting_user=access.SYSTEM)
    _bench_user()
    rng = random.Random(seed)
    authors = _authors()
    _grow_updates(rng, PER_SCALE["updates"] * scale, authors)
    _grow_observations(rng, PER_SCALE["observations"] * scale, authors)
    _grow_audit(rng, PER_SCALE["audit"] * scale)
    call_command("migrate", verbosity=0)  # what `make run` does at every start
    print(
        f"generated {scale}× on {connection.vendor} in {time.perf_counter() - t0:.0f} s: "
        f"{StatusUpdate.objects.count():,} updates, {Observation.objects.count():,} "
        f"observations, {AuditEntry.objects.count():,} audit entries"
    )


def _bench_user(email=USER, role="secretariat", jurisdiction=None):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from ictspace.accounts.models import RoleGrant, User

    user, created = User.objects.get_or_create(email=email, defaults={"full_name": "Bench"})
    if created:
        RoleGrant.objects.create(user=user, role=role, jurisdiction=jurisdiction)
        TOTP.activate(user, generate_totp_secret())
    return user


def _bench_ncpoc():
    return _bench_user(NCPOC, "ncpoc", Jurisdiction.objects.get(code=GAP[0]))


def _authors() -> dict[int, list[int]]:
    """Who records each jurisdiction's updates and values: its two NCPOCs (Barbados's
    include the benchmark's), the Secretariat for the region. With every row unauthored,
    a planner with true statistics rightly ignored the author index, as it would not in
    a real region of a few hundred authors."""
    secretariat = _bench_user()
    authors = {}
    for place in Jurisdiction.objects.order_by("pk"):
        if place.kind == "region":
            authors[place.pk] = [secretariat.pk]
            continue
        people = [_bench_ncpoc()] if place.code == GAP[0] else []
        while len(people) < 2:
            email = f"bench-ncpoc{len(people)}-{place.code.lower()}@bench.example"
            people.append(_bench_user(email, "ncpoc", place))
        authors[place.pk] = [p.pk for p in people]
    return authors


def _pairs():
    """Every tracked (jurisdiction, item) pair of every library, with the item's levels."""
    jurisdictions = list(Jurisdiction.objects.all())
    pairs = []
    for library in Library.objects.all():
        for item in Item.objects.filter(
            library=library, assessable=True, retired_in_version__isnull=True
        ):
            levels = level_codes(library.scale(item.scale))
            for j in jurisdictions:
                if levels and scopes.concerns(item, j):
                    pairs.append((j.pk, item.pk, levels))
    return pairs


def _write(model, rows) -> None:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            with transaction.atomic():
                model.objects.bulk_create(batch)
            batch = []
    with transaction.atomic():
        model.objects.bulk_create(batch)


def _grow_updates(rng, n: int, authors: dict) -> None:
    pairs, now = _pairs(), timezone.now()
    start = datetime.date(2015, 1, 1).toordinal()
    span = datetime.date(2026, 11, 1).toordinal() - start

    def rows():
        for _ in range(n):
            j, i, levels = rng.choice(pairs)
            state = rng.choice(STATES)
            effective = datetime.date.fromordinal(start + rng.randrange(span))
            # Recorded within a few months of taking effect, submitted and decided after:
            # the home pages and queues order and filter on these times.
            created = min(
                now,
                datetime.datetime.combine(effective, datetime.time(12), datetime.UTC)
                + datetime.timedelta(days=rng.randrange(120), seconds=rng.randrange(86_400)),
            )
            submitted = None if state == "draft" else created + datetime.timedelta(hours=1)
            decided = state in ("validated", "returned")
            yield StatusUpdate(
                jurisdiction_id=j,
                item_id=i,
                status=rng.choice(levels),
                author_id=rng.choice(authors[j]),
                effective_date=effective,
                review_state=state,
                return_reason="Cite the source." if state == "returned" else "",
                created_at=created,
                submitted_at=submitted,
                reviewed_at=min(now, submitted + datetime.timedelta(days=3)) if decided else None,
            )

    _write(StatusUpdate, rows())


def _periods() -> list:
    codes = [str(y) for y in range(1995, 2026)]
    codes += [f"{y}-Q{q}" for y in range(2005, 2026) for q in range(1, 5)]
    codes += [f"{y}-{m:02d}" for y in range(2000, 2026) for m in range(1, 13)]
    return [parse_period(c) for c in codes]


def _raw_value(rng, spec: Spec):
    if spec.value_type == "ordinal":
        return rng.choice(spec.levels)
    if spec.value_type == "yes_no":
        return rng.choice(["yes", "no"])
    if spec.value_type == "text":
        return "as reported"
    low = float(spec.minimum) if spec.minimum is not None else 0.0
    high = float(spec.maximum) if spec.maximum is not None else low + 1000
    value = rng.uniform(low, high)
    return str(round(value)) if spec.value_type == "count" else f"{value:.2f}"


def _grow_observations(rng, n: int, authors: dict) -> None:
    indicators = [(i, Spec.of(i)) for i in Indicator.objects.all()]
    indicators = [(i, s) for i, s in indicators if s.value_type != "ordinal" or s.levels]
    jurisdictions = list(Jurisdiction.objects.values_list("pk", flat=True))
    periods, now = _periods(), timezone.now()
    # The benchmarked series gets 1 % of the values: every page branch has data at any scale.
    shown = _shown_indicator()
    belize = Jurisdiction.objects.get(code="BZ").pk

    def rows():
        for k in range(n):
            indicator, spec = rng.choice(indicators)
            if k % 100 == 0:
                indicator, spec = shown, Spec.of(shown)
            period = rng.choice(periods)
            number, text = parse_value(spec, _raw_value(rng, spec))
            state = "validated" if rng.random() < 0.85 else "submitted"
            place = belize if k % 100 == 0 else rng.choice(jurisdictions)
            yield Observation(
                jurisdiction_id=place,
                author_id=rng.choice(authors[place]),
                indicator=indicator,
                period=period.code,
                period_start=period.start,
                period_end=period.end,
                disaggregation="" if rng.random() < 0.8 else rng.choice(["sex=female", "sex=male"]),
                value_number=number,
                value_text=text,
                review_state=state,
                created_at=now,
                submitted_at=now,
            )

    _write(Observation, rows())


def _grow_audit(rng, n: int) -> None:
    start = datetime.datetime(2017, 1, 1, tzinfo=datetime.UTC).timestamp()
    span = datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC).timestamp() - start
    actions = ["create", "update", "submit", "validate", "return", "apply_import", "login"]

    def rows():
        for k in range(n):
            at = datetime.datetime.fromtimestamp(start + rng.random() * span, datetime.UTC)
            yield AuditEntry(
                at=at,
                actor_label=f"user{k % 40}@example.org",
                action=rng.choice(actions),
                object_type="statusupdate",
                object_id=str(k),
                object_repr=f"update {k}",
                changes={"status": [None, "in_progress"]},
            )

    _write(AuditEntry, rows())


# Run ---------------------------------------------------------------------------------------


def _shown_indicator() -> Indicator:
    return Indicator.objects.filter(library__slug=BZ).order_by("code").first()


def pages() -> dict[str, str]:
    """Page name → URL, requested as the Secretariat (see NCPOC_PAGES)."""
    code, since = GAP
    indicator = _shown_indicator()
    return {
        "home (Secretariat)": "/",
        "home (NCPOC, BB)": "/",
        "regional matrix": f"/tracking/?library={IWP}",
        "gap analysis (BB, since 2020)": f"/tracking/{code}/{IWP}/?since={since.isoformat()}",
        "item across jurisdictions": f"/tracking/items/{IWP}/{ITEM}/",
        "work plan": f"/tracking/workplan/{IWP}/",
        "history (BB, one item)": f"/tracking/{code}/{IWP}/{ITEM}/",
        "indicators list": "/indicators/",
        "indicator with tile map": f"/indicators/{BZ}/{indicator.code}/",
        "series (BZ)": f"/indicators/{BZ}/{indicator.code}/BZ/",
        "status review queue": "/tracking/review/",
        "values review queue": "/indicators/review/",
        "audit log": "/audit/",
        "shared posts": "/sharing/",
        "reports archive": "/reports/",
        "API: status updates": "/api/v1/status-updates/",
        "API: status updates (BB, IWP)": f"/api/v1/status-updates/?jurisdiction={code}&library={IWP}",
        "API: observations": "/api/v1/observations/",
    }


NCPOC_PAGES = {"home (NCPOC, BB)"}


# Hand-written as-of queries: one seek per pair in the validated stream's partial index,
# and each engine's fastest scan (see bench/tracking_matrix.py). The faster one counts.
SEEK_SQL = """
    SELECT u.jurisdiction_id, u.item_id, u.status, u.effective_date, u.id
    FROM tracking_statusupdate u
    WHERE u.id {match} (
        SELECT (SELECT s.id FROM tracking_statusupdate s
                WHERE s.jurisdiction_id = j.id AND s.item_id = i.id
                  AND s.review_state = 'validated' AND s.effective_date <= %s
                ORDER BY s.effective_date DESC, s.id DESC LIMIT 1)
        FROM directory_jurisdiction j CROSS JOIN catalogue_item i
        WHERE {pairs}){close}
"""
# PostgreSQL hashes IN (...) against a scan of the whole table; an array probes the key.
SEEK_MATCH = {"postgresql": ("= ANY(ARRAY", ")"), "sqlite": ("IN", "")}
SCAN_SQL = {
    "postgresql": """
        SELECT DISTINCT ON (jurisdiction_id, item_id) jurisdiction_id, item_id, status,
               effective_date, id
        FROM tracking_statusupdate
        WHERE review_state = 'validated' AND effective_date <= %s AND {where}
        ORDER BY jurisdiction_id, item_id, effective_date DESC, id DESC
    """,
    "sqlite": """
        SELECT jurisdiction_id, item_id, status, effective_date, id,
               MAX(effective_date || printf('%%012d', id))
        FROM tracking_statusupdate
        WHERE review_state = 'validated' AND effective_date <= %s AND {where}
        GROUP BY jurisdiction_id, item_id
    """,
}
CHANGES_SQL = """
    SELECT u.id, u.status, u.effective_date, i.ref, i.title, l.slug, a.email
    FROM tracking_statusupdate u
    JOIN catalogue_item i ON i.id = u.item_id
    JOIN catalogue_library l ON l.id = i.library_id
    LEFT JOIN accounts_user a ON a.id = u.author_id
    WHERE u.jurisdiction_id = %s AND i.library_id = %s AND u.review_state = 'validated'
      AND u.effective_date > %s AND u.effective_date <= %s
    ORDER BY u.effective_date DESC, u.id DESC
    LIMIT 51
"""  # the page lists 50 and asks for one more to know whether to say so


def _cells(sql: str, params: list) -> dict:
    with connection.cursor() as cursor:
        cursor.execute(sql, [timezone.localdate(), *params])
        return {(r[0], r[1]): (r[2], str(r[3]), r[4]) for r in cursor.fetchall()}


def _variants(pairs: str, where: str, params: list) -> dict:
    """The two hand-written forms for the same cells: the pairs' seeks and the scan."""
    scan = SCAN_SQL[connection.vendor].format(where=where)
    match, close = SEEK_MATCH[connection.vendor]
    seek = SEEK_SQL.format(pairs=pairs, match=match, close=close)
    return {"seek": lambda: _cells(seek, params), "scan": lambda: _cells(scan, params)}


def hand_queries() -> dict:
    """page name → ({variant: hand SQL as a function}, the platform's path to the same cells)."""
    library = Library.objects.get(slug=IWP)
    item = Item.objects.get(library=library, ref=ITEM)
    gap_j = Jurisdiction.objects.get(code=GAP[0])
    in_library = "item_id IN (SELECT id FROM catalogue_item WHERE library_id = %s)"
    today = timezone.localdate()

    def with_changes(fn):
        def both():
            cells = fn()
            with connection.cursor() as cursor:
                cursor.execute(CHANGES_SQL, [gap_j.pk, library.pk, GAP[1], today])
                cursor.fetchall()
            return cells

        return both

    def platform(**kwargs):
        """The selector call the page makes for its cells, in the hand SQL's shape."""

        def cells():
            found = current_statuses(today, **kwargs)
            return {k: (c.status, str(c.effective_date), c.update_id) for k, c in found.items()}

        return cells

    def platform_with_changes(**kwargs):
        cells = platform(**kwargs)

        def both():
            found = cells()
            changes_between(gap_j, library, GAP[1], today, limit=CHANGES_SHOWN + 1)
            return found

        return both

    everyone = list(Jurisdiction.objects.values_list("pk", flat=True))

    gap = _variants(
        "j.id = %s AND i.library_id = %s",
        f"jurisdiction_id = %s AND {in_library}",
        [gap_j.pk, library.pk],
    )
    return {
        "regional matrix": (
            _variants("i.library_id = %s", in_library, [library.pk]),
            platform(jurisdiction_ids=everyone, library=library),
        ),
        "gap analysis (BB, since 2020)": (
            {name: with_changes(fn) for name, fn in gap.items()},
            platform_with_changes(jurisdiction_ids=[gap_j.pk], library=library),
        ),
        "item across jurisdictions": (
            _variants("i.id = %s", "item_id = %s", [item.pk]),
            platform(jurisdiction_ids=everyone, item_ids=[item.pk]),
        ),
    }


def _request(client, url: str):
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return response


class SqlClock:
    """Sums the time the database spends on the queries run inside it (execute_wrapper)."""

    def __init__(self):
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - t0


def _timed_request(client, url: str) -> tuple[float, float]:
    """(page seconds, of which the page's SQL) for one request."""
    clock = SqlClock()
    with connection.execute_wrapper(clock):
        t0 = time.perf_counter()
        _request(client, url)
        return time.perf_counter() - t0, clock.seconds


def run(repeat: int) -> None:
    from ictspace.accounts.models import User

    clients = {USER: Client(), NCPOC: Client()}
    clients[USER].force_login(User.objects.get(email=USER))
    clients[NCPOC].force_login(_bench_ncpoc())
    urls = pages()

    def client(name):
        return clients[NCPOC if name in NCPOC_PAGES else USER]

    hands = hand_queries()
    for name, (variants, platform) in hands.items():
        cells = platform()
        for variant, fn in variants.items():
            if fn() != cells:
                raise SystemExit(f"{name}: the hand SQL ({variant}) and the platform disagree")
    queries, sizes = {}, {}
    for name, url in urls.items():  # a warm-up, then a request that counts queries and bytes
        _request(client(name), url)  # a first visit to the home page notes it: one query more
        with CaptureQueriesContext(connection) as ctx:
            response = _request(client(name), url)
        queries[name] = len(ctx.captured_queries)
        sizes[name] = len(gzip.compress(response.content))
    times = {name: [] for name in urls}
    sql_times = {name: [] for name in urls}
    hand_times = {(name, v): [] for name, (variants, _p) in hands.items() for v in variants}
    cell_times = {name: [] for name in hands}
    cell_sql_times = {name: [] for name in hands}
    for _round in range(repeat):
        for name, url in urls.items():
            page, sql = _timed_request(client(name), url)
            times[name].append(page)
            sql_times[name].append(sql)
            if name not in hands:
                continue
            variants, platform = hands[name]
            clock = SqlClock()
            with connection.execute_wrapper(clock):
                t0 = time.perf_counter()
                platform()
                cell_times[name].append(time.perf_counter() - t0)
            cell_sql_times[name].append(clock.seconds)
            for variant, fn in variants.items():
                t0 = time.perf_counter()
                fn()
                hand_times[name, variant].append(time.perf_counter() - t0)
    print(
        f"{connection.vendor}: {StatusUpdate.objects.count():,} updates, "
        f"{Observation.objects.count():,} observations, {AuditEntry.objects.count():,} "
        f"audit entries; median of {repeat}, interleaved"
    )
    print(
        f"  {'page':32} {'ms':>8} {'SQL ms':>7} {'queries':>8} {'gzip KB':>8} {'hand ms':>8}"
        f" {'ratio':>6} {'SQL ratio':>9} {'cells ms':>8} {'ratio':>6} {'its SQL':>7} {'ratio':>6}"
        "  hand SQL forms (ms)"
    )
    for name in urls:
        ms = statistics.median(times[name]) * 1000
        sql_ms = statistics.median(sql_times[name]) * 1000
        line = f"  {name:32} {ms:8.1f} {sql_ms:7.1f} {queries[name]:8d} {sizes[name] / 1024:8.1f}"
        if name in hands:
            forms = {v: statistics.median(hand_times[name, v]) * 1000 for v in hands[name][0]}
            best = min(forms.values())
            shown = ", ".join(f"{v} {t:.1f}" for v, t in forms.items())
            cells_ms = statistics.median(cell_times[name]) * 1000
            cells_sql = statistics.median(cell_sql_times[name]) * 1000
            line += f" {best:8.1f} {ms / best:6.2f} {sql_ms / best:9.2f}"
            line += f" {cells_ms:8.1f} {cells_ms / best:6.2f}"
            if connection.vendor == "sqlite":  # see the note printed below
                line += f" {'-':>7} {'-':>6}"
            else:
                line += f" {cells_sql:7.1f} {cells_sql / best:6.2f}"
            line += f"  {shown}"
        print(line)
    if connection.vendor == "sqlite":
        print(
            "  SQLite computes a result's rows as they are fetched, after `execute` returns:"
            " its SQL times count each query up to its first row only (a lower bound)."
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate")
    gen.add_argument("--scale", type=int, default=1)
    gen.add_argument("--seed", type=int, default=2017)
    r = sub.add_parser("run")
    r.add_argument("--scale", type=int, default=1, help="which SQLite file (no DATABASE_URL)")
    r.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if args.command == "generate":
        generate(args.scale, args.seed)
    else:
        run(args.repeat)


if __name__ == "__main__":
    main()
