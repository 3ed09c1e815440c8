"""Benchmark: the regional status report for the full catalogue and every jurisdiction.

generate: the region as `make run` builds it (migrate, the shipped directory of 21
          jurisdictions, every library, the initial statuses), in var/bench/reports.sqlite3.
run:      for each library with tracked items, gathers the regional report's content as the
          Secretariat (median of 3) and renders the same HTML to PDF with WeasyPrint
          (median of 3); prints both times, their ratio and the query count of gathering,
          which must not change when more statuses are recorded (checked: it adds a
          validated status to every pair of the library's first tracked item and gathers
          again).

Not a test: it never passes or fails on a time; it fails if the query count grows.
"""

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
(ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench' / 'reports.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ictspace.settings")
os.environ.setdefault("ICTSPACE_DEBUG", "false")
os.environ.setdefault("ICTSPACE_DEMO", "false")
os.environ.setdefault("SECRET_KEY", "bench-only-" + "k" * 40)
os.environ.setdefault("ICTSPACE_LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from ictspace.accounts.models import Role, RoleGrant, User  # noqa: E402
from ictspace.catalogue.models import Library  # noqa: E402
from ictspace.directory.models import Jurisdiction  # noqa: E402
from ictspace.reports import tlp  # noqa: E402
from ictspace.reports.actions import TLP_MEANINGS  # noqa: E402
from ictspace.reports.formats import pdf  # noqa: E402
from ictspace.reports.gather import gather  # noqa: E402
from ictspace.reports.models import Kind, Report  # noqa: E402
from ictspace.tracking import selectors as tracking  # noqa: E402
from ictspace.tracking.models import StatusUpdate  # noqa: E402

ROUNDS = 3


def generate() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_directory", verbosity=0)
    call_command("load_libraries", verbosity=0)
    call_command("load_initial_statuses", verbosity=0)


def secretariat() -> User:
    user, _created = User.objects.get_or_create(
        email="bench-secretariat@bench.example", defaults={"full_name": "Bench"}
    )
    RoleGrant.objects.get_or_create(user=user, role=Role.SECRETARIAT)
    return user


def timed(function) -> tuple[float, object]:
    times, result = [], None
    for _round in range(ROUNDS):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def count_queries(report, user) -> int:
    with CaptureQueriesContext(connection) as queries:
        gather(report, user=user)
    return len(queries)


def more_statuses(library, user) -> None:
    item = tracking.tracked_items(library).order_by("position").first()
    StatusUpdate.objects.bulk_create(
        StatusUpdate(
            jurisdiction=j,
            item=item,
            status=library.scale(item.scale)["met"],
            effective_date=datetime.date(2020, 1, 1),
            review_state="validated",
            author=user,
            created_at=timezone.now(),
        )
        for j in Jurisdiction.objects.all()
    )


def run(library, user) -> None:
    report = Report(
        kind=Kind.REGIONAL,
        library=library,
        as_of=timezone.localdate(),
        period_start=timezone.localdate() - datetime.timedelta(days=182),
        language="en",
        version=1,
        requested_by=user,
    )
    gather_s, content = timed(lambda: gather(report, user=user))
    before = count_queries(report, user)
    report.tlp = tlp.label(content.inputs)
    context = {
        "report": report,
        "content": content,
        "generated_at": timezone.now(),
        "tlp_meaning": TLP_MEANINGS[report.tlp],
    }
    fragment = render_to_string("reports/_document.html", context)
    render_s, data = timed(
        lambda: pdf.render(
            fragment, language="en", title=str(content.title), tlp_label=report.tlp_label
        )
    )
    more_statuses(library, user)
    after = count_queries(report, user)
    print(
        f"{library.slug:32} gather {gather_s * 1000:8.0f} ms  render {render_s * 1000:8.0f} ms  "
        f"ratio {gather_s / render_s:5.3f}  queries {before} → {after}  pdf {len(data) // 1024} KiB"
    )
    if after != before:
        raise SystemExit(f"the query count grew with the data: {before} → {after}")


def main() -> None:
    if "generate" in sys.argv or not _migrated() or not Library.objects.exists():
        generate()
    user = secretariat()
    print(f"{Jurisdiction.objects.count()} jurisdictions")
    for library in Library.objects.order_by("slug"):
        if tracking.tracked_items(library).exists():
            run(library, user)


def _migrated() -> bool:
    return "catalogue_library" in connection.introspection.table_names()


if __name__ == "__main__":
    main()
