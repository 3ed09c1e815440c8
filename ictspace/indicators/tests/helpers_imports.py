"""Shared by the upload, template and export tests: files, rows and observations."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from ictspace.catalogue.models import Indicator
from ictspace.directory.models import Jurisdiction
from ictspace.indicators.imports.files import COLUMNS
from ictspace.indicators.models import ImportJob, Observation
from ictspace.indicators.periods import parse_period
from ictspace.indicators.values import Spec, parse_value
from ictspace.review.models import ReviewState

BELIZE = "belize-egov-2015"
PERCENT, ORDINAL, COUNT, YES_NO = "kpi-1.1.1", "kpi-2.1.2", "kpi-1.4.2", "kpi-1.4.3"
LAST_YEAR = timezone.localdate().year - 1


def indicator(code, library=BELIZE):
    return Indicator.objects.get(library__slug=library, code=code)


def bb():
    return Jurisdiction.objects.get(code="BB")


def tidy_csv(rows, header=COLUMNS, encoding="utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode(encoding)


def row(code=PERCENT, period=str(LAST_YEAR), value="45", *, place="BB", library=BELIZE, **extra):
    cells = {"library": library, "jurisdiction": place, "indicator": code, "period": period}
    cells.update({"disaggregation": "", "value": value, "unit": "", "source": "Survey", "note": ""})
    cells.update(extra)
    return [cells[c] for c in COLUMNS]


def upload(client, content: bytes, name="values.csv", jurisdiction="BB"):
    file = SimpleUploadedFile(name, content)
    return client.post(reverse("indicators:imports"), {"jurisdiction": jurisdiction, "file": file})


def latest_job() -> ImportJob:
    return ImportJob.objects.latest("pk")


def observe(place, code, period, value, *, state=ReviewState.VALIDATED, breakdown="", source=""):
    ind = indicator(code)
    number, text = parse_value(Spec.of(ind), value)
    start = parse_period(period)
    return Observation.objects.create(
        jurisdiction=place,
        indicator=ind,
        period=start.code,
        period_start=start.start,
        period_end=start.end,
        disaggregation=breakdown,
        value_number=number,
        value_text=text,
        source=source,
        review_state=state,
        return_reason="Check the source." if state == ReviewState.RETURNED else "",
        created_at=timezone.now(),
    )
