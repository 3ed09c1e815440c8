"""Validated values as tidy CSV (re-importable), XLSX and SDMX-CSV 1.0.

Only the value that counts is exported: for each jurisdiction, indicator, period and
breakdown, the latest validated observation. Rows stream from the database in chunks into
a finished file (so that an export fails whole rather than arriving cut short); lookups
(indicators, jurisdictions, libraries) are loaded once.
"""

import csv
import io
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from ictspace import access
from ictspace.catalogue.models import Indicator
from ictspace.directory.models import Jurisdiction
from ictspace.indicators.imports.files import COLUMNS, DATA_SHEET
from ictspace.indicators.models import Observation
from ictspace.indicators.periods import Period
from ictspace.indicators.values import Spec
from ictspace.review.models import ReviewState
from ictspace.spreadsheets import safe_cell

AGENCY = "CARICOM"
SDMX_COLUMNS = (
    "DATAFLOW",
    "FREQ",
    "REF_AREA",
    "INDICATOR",
    "SEX",
    "AGE",
    "URBANISATION",
    "TIME_PERIOD",
    "OBS_VALUE",
    "UNIT_MEASURE",
    "OBS_STATUS",
    "SOURCE_DETAIL",
    "COMMENT_OBS",
)
FREQ = {"year": "A", "half": "S", "quarter": "Q", "month": "M"}
SEX = {"female": "F", "male": "M"}
URBANISATION = {"urban": "U", "rural": "R"}
UNIT_MEASURE = {"percent": "PT", "count": "NUMBER"}
CHUNK = 2000


def counting_observations(user):
    """The value that counts per key: validated, with no later validated one (set-based)."""
    validated = access.observations_visible_to(user).filter(review_state=ReviewState.VALIDATED)
    later = Observation.objects.filter(
        review_state=ReviewState.VALIDATED,
        jurisdiction_id=OuterRef("jurisdiction_id"),
        indicator_id=OuterRef("indicator_id"),
        period=OuterRef("period"),
        disaggregation=OuterRef("disaggregation"),
        id__gt=OuterRef("id"),
    )
    return validated.filter(~Exists(later))


@dataclass(frozen=True)
class Filters:
    library: str = ""
    indicator: str = ""
    jurisdiction: str = ""
    start: Period | None = None
    end: Period | None = None

    def apply(self, queryset):
        if self.library:
            queryset = queryset.filter(indicator__library__slug=self.library)
        if self.indicator:
            queryset = queryset.filter(indicator__code=self.indicator)
        if self.jurisdiction:
            queryset = queryset.filter(jurisdiction__code=self.jurisdiction)
        if self.start:
            queryset = queryset.filter(period_start__gte=self.start.start)
        if self.end:
            queryset = queryset.filter(period_end__lte=self.end.end)
        return queryset


@dataclass(frozen=True)
class Line:
    """One exported value with what every format needs."""

    indicator: Indicator
    spec: Spec
    place: Jurisdiction
    period: str
    period_kind: str
    breakdown: str
    number: object
    text: str
    source: str
    note: str

    @property
    def value(self) -> str:
        """The value as the importer reads it back."""
        if self.text:
            return self.text
        return plain_number(self.number)


def plain_number(number) -> str:
    if number is None:
        return ""
    shown = f"{number:f}"
    return shown.rstrip("0").rstrip(".") if "." in shown else shown


def lines(user, filters: Filters) -> Iterator[Line]:
    """The values that count, in a stable order, streamed."""
    rows = (
        filters.apply(counting_observations(user))
        .order_by(
            "indicator__library__slug",
            "jurisdiction__code",
            "indicator__code",
            "period_start",
            "period_end",
            "disaggregation",
        )
        .values_list(
            "indicator_id",
            "jurisdiction_id",
            "period",
            "period_start",
            "period_end",
            "disaggregation",
            "value_number",
            "value_text",
            "source",
            "note",
        )
    )
    indicators = {i.pk: i for i in Indicator.objects.select_related("library")}
    specs = {pk: Spec.of(i) for pk, i in indicators.items()}
    places = {j.pk: j for j in Jurisdiction.objects.all()}
    for ind, place, period, start, end, breakdown, number, text, source, note in rows.iterator(
        chunk_size=CHUNK
    ):
        yield Line(
            indicator=indicators[ind],
            spec=specs[ind],
            place=places[place],
            period=period,
            period_kind=period_kind(start, end),
            breakdown=breakdown,
            number=number,
            text=text,
            source=source,
            note=note,
        )


def period_kind(start, end) -> str:
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    return {12: "year", 6: "half", 3: "quarter"}.get(months, "month")


# Tidy -----------------------------------------------------------------------------------


def unit_of(spec: Spec) -> str:
    return spec.unit_label or spec.value_type


def tidy_row(line: Line) -> list:
    """The importer's columns; text escaped against formula injection, numbers as numbers."""
    value = line.value if line.text else line.number
    return [
        line.indicator.library.slug,
        line.place.code,
        safe_cell(line.indicator.code),
        line.period,
        line.breakdown,
        safe_cell(value) if line.text else value,
        safe_cell(unit_of(line.spec)),
        safe_cell(line.source),
        safe_cell(line.note),
    ]


def _csv_file(header, lines_: Iterable[Line], *, to_row, bom: bool):
    """The whole CSV written to a temporary file, rewound: a failure on any row is raised
    here, before a response starts, never sent as a 200 with the rows so far."""
    file = tempfile.TemporaryFile()  # noqa: SIM115 (returned open: FileResponse closes it)
    text = io.TextIOWrapper(file, encoding="utf-8-sig" if bom else "utf-8", newline="")
    try:
        writer = csv.writer(text)
        writer.writerow(header)
        for line in lines_:
            writer.writerow(to_row(line))
        text.flush()
    except BaseException:
        text.close()
        # Close the lines now: on PostgreSQL they read from a server-side cursor, which
        # must close inside the transaction that opened it, not whenever the traceback
        # holding it is collected.
        getattr(lines_, "close", lambda: None)()
        raise
    text.detach()
    file.seek(0)
    return file


def tidy_csv(user, filters: Filters):
    """A finished CSV file (binary, rewound) that the caller sends and closes."""
    return tidy_csv_of(lines(user, filters))


def tidy_csv_of(lines_: Iterable[Line]):
    """The tidy CSV of any lines (live values, a release's frozen ones), finished first."""
    return _csv_file(COLUMNS, lines_, to_row=_tidy_csv_row, bom=True)


def _tidy_csv_row(line: Line) -> list:
    row = tidy_row(line)
    return [*row[:5], _csv_value(row[5]), *row[6:]]


def _csv_value(value):
    return plain_number(value) if not isinstance(value, str) else value


def tidy_xlsx(user, filters: Filters) -> bytes:
    """The same columns on a "Data" sheet (so it re-imports), and a note on the data."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(DATA_SHEET)
    sheet.append(list(COLUMNS))
    for line in lines(user, filters):
        sheet.append(tidy_row(line))
    about = book.create_sheet(_("About"))
    for text in (
        _(
            "Validated indicator values: for each jurisdiction, indicator, period and breakdown, the latest validated value."
        ),
        _("The Data sheet has the columns the upload reads, so this file can be uploaded again."),
        _("An empty breakdown is the total."),
    ):
        about.append([safe_cell(text)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# SDMX-CSV -------------------------------------------------------------------------------


def dataflow(library) -> str:
    """AGENCY:ID(VERSION), one dataflow per library version."""
    ident = re.sub(r"[^A-Za-z0-9_]", "_", library.slug).upper()
    return f"{AGENCY}:{ident}({library.version}.0)"


def sdmx_id(code: str) -> str:
    """SDMX identifiers allow letters, digits, _, @, $ and -: a dot becomes _."""
    return re.sub(r"[^A-Za-z0-9_@$\-]", "_", code).upper()


def sdmx_age(value: str) -> str:
    if value.endswith("+"):
        return f"Y_GE{value[:-1]}"
    low, _sep, high = value.partition("-")
    return f"Y{low}T{high}"


def _dimension(spec: Spec, parts: dict, name: str, codes) -> str:
    if name not in spec.dimensions:
        return "_Z"  # not applicable: the indicator is not broken down this way
    if name not in parts:
        return "_T"  # the total
    value = parts[name]
    return sdmx_age(value) if name == "age" else codes[value]


def sdmx_row(line: Line) -> list:
    spec = line.spec
    parts = dict(p.split("=", 1) for p in line.breakdown.split(";") if p)
    unit = UNIT_MEASURE.get(spec.value_type) or (
        spec.unit_label.upper() if spec.unit_label else "_Z"
    )
    return [
        dataflow(line.indicator.library),
        FREQ[line.period_kind],
        line.place.iso_code or line.place.code,
        sdmx_id(line.indicator.code),
        _dimension(spec, parts, "sex", SEX),
        _dimension(spec, parts, "age", None),
        _dimension(spec, parts, "area", URBANISATION),
        line.period,
        safe_cell(line.value) if line.text else line.value,
        safe_cell(unit),
        "A",  # normal value: only validated values are exported
        safe_cell(line.source),
        safe_cell(line.note),
    ]


def sdmx_csv(user, filters: Filters):
    """A finished SDMX-CSV file (binary, rewound) that the caller sends and closes."""
    return sdmx_csv_of(lines(user, filters))


def sdmx_csv_of(lines_: Iterable[Line]):
    """The SDMX-CSV of any lines, finished before a response starts."""
    return _csv_file(SDMX_COLUMNS, lines_, to_row=lambda line: sdmx_row(line), bom=False)
