import csv
import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from ictspace.catalogue.models import Library
from ictspace.directory.models import Jurisdiction
from ictspace.spreadsheets import safe_cell
from ictspace.tracking.selectors import NO_DATA, gaps, library_concerns, not_concerned_message

FIELDS = ["ref", "title", "status", "required", "effective_date", "evidence_count"]


class Command(BaseCommand):
    help = "Print a jurisdiction's gap analysis for one library as of a date (JSON or CSV)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--jurisdiction", required=True, help="ISO 3166 code (BB) or directory code"
        )
        parser.add_argument("--library", required=True, help="library slug")
        parser.add_argument("--as-of", dest="as_of", help="YYYY-MM-DD (default: today)")
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args, jurisdiction, library, as_of, format, **options):
        place = self._jurisdiction(jurisdiction)
        lib = Library.objects.filter(slug=library).first()
        if lib is None:
            known = ", ".join(Library.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(f"No library {library!r} is loaded (loaded: {known}).")
        day = self._as_of(as_of)
        if not library_concerns(lib, place):
            raise CommandError(not_concerned_message(lib, place))
        rows = [
            {
                "ref": row.item.ref,
                "title": row.item.title,
                "status": row.cell.status if row.cell else NO_DATA,
                "required": lib.scale(row.item.scale).get("met"),
                "effective_date": row.cell.effective_date.isoformat() if row.cell else None,
                "evidence_count": row.evidence_count,
            }
            for row in gaps(place, lib, day)
        ]
        if format == "json":
            document = {
                "jurisdiction": place.code,
                "library": lib.slug,
                "library_version": lib.version,
                "as_of": day.isoformat(),
                "gaps": rows,
            }
            self.stdout.write(json.dumps(document, indent=2, ensure_ascii=False))
        else:
            writer = csv.DictWriter(self.stdout, fieldnames=FIELDS, lineterminator="\n")
            writer.writeheader()
            for row in rows:
                writer.writerow({k: safe_cell(v) for k, v in row.items()})

    def _jurisdiction(self, code: str) -> Jurisdiction:
        found = Jurisdiction.objects.filter(Q(iso_code=code.upper()) | Q(code=code)).first()
        if found is None:
            raise CommandError(f"No jurisdiction with ISO or directory code {code!r}.")
        return found

    def _as_of(self, value: str | None) -> datetime.date:
        if not value:
            return timezone.localdate()
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            raise CommandError(f"--as-of {value!r} is not a date (use YYYY-MM-DD).") from None
        if day > timezone.localdate():
            raise CommandError(f"--as-of {value} is in the future.")
        return day
