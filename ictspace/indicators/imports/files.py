"""Reading an uploaded observations file (its kind judged by `ictspace.files`) row by row.

Both readers stream: a CSV through a text wrapper, an XLSX through openpyxl's read-only
mode, so a file is never held whole in memory. Each yields (row number, cells), the row
number being the one a spreadsheet program shows (the header is row 1).
"""

import codecs
import csv
import datetime
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from operator import itemgetter

from django.utils.translation import gettext as _

from ictspace.files import kinds

# The tidy columns, in the order exports write them.
COLUMNS = (
    "library",
    "jurisdiction",
    "indicator",
    "period",
    "disaggregation",
    "value",
    "unit",
    "source",
    "note",
)
REQUIRED = ("library", "jurisdiction", "indicator", "period", "value")
ALIASES = {
    "breakdown": "disaggregation",
    "indicator_code": "indicator",
    "time_period": "period",
    "ref_area": "jurisdiction",
    "obs_value": "value",
}
DATA_SHEET = "Data"
DELIMITERS = ",;\t"
CSV_ENCODINGS = ("utf-8-sig", "cp1252")


class FileProblem(Exception):
    """The file as a whole cannot be read (wrong kind, sheet or header): nothing is checked."""


# Text -----------------------------------------------------------------------------------


def csv_encoding(file) -> str:
    """UTF-8 (with or without a byte-order mark) when every byte decodes; else Windows-1252."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for data in kinds.chunks(file):
            decoder.decode(data)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


def count_lines(file) -> int:
    """Lines in a text file, cheaply (for the progress bar; quoted newlines make it an estimate)."""
    lines, last = 0, b""
    for data in kinds.chunks(file):
        lines += data.count(b"\n")
        last = data[-1:]
    return lines + (1 if last not in (b"", b"\n") else 0)


# Header ---------------------------------------------------------------------------------


def _column_name(raw) -> str:
    name = re.sub(r"[\s\-]+", "_", str(raw or "").strip().casefold())
    return ALIASES.get(name, name)


def header_positions(header) -> list[int | None]:
    """For each of COLUMNS, its position in the file's header (None when absent)."""
    positions: dict[str, int] = {}
    for index, raw in enumerate(header):
        name = _column_name(raw)
        if name not in COLUMNS:
            continue  # e.g. the template's indicator name: for people, not read back
        if name in positions:
            raise FileProblem(_("The column “%(c)s” appears twice.") % {"c": name})
        positions[name] = index
    missing = [c for c in REQUIRED if c not in positions]
    if missing:
        raise FileProblem(
            _("The first row must name the columns; missing: %(missing)s. Expected: %(all)s.")
            % {"missing": ", ".join(missing), "all": ", ".join(COLUMNS)}
        )
    return [positions.get(c) for c in COLUMNS]


def _getter(positions):
    """Cells in COLUMNS order from a row; an absent column reads the sentinel appended last."""
    return itemgetter(*[p if p is not None else -1 for p in positions])


# Rows -----------------------------------------------------------------------------------


@contextmanager
def rows(file, kind: str):
    """(estimated total, iterator of (row number, cells in COLUMNS order)), file closed after."""
    opener = _xlsx_rows if kind == "xlsx" else _csv_rows
    with opener(file) as opened:
        yield opened


@contextmanager
def _csv_rows(file):
    encoding = csv_encoding(file)
    total = max(count_lines(file) - 1, 0)
    text = io.TextIOWrapper(file, encoding=encoding, newline="")
    try:
        first = text.readline()
        delimiter = max(DELIMITERS, key=first.count)
        header = next(csv.reader([first], delimiter=delimiter), [])
        positions = header_positions(header)
        reader = csv.reader(text, delimiter=delimiter)
        yield total, _csv_records(reader, positions, len(header))
    finally:
        text.detach()  # the caller closes the file itself


def _csv_records(reader, positions, width: int) -> Iterator:
    pick, strip = _getter(positions), str.strip
    try:
        for number, cells in enumerate(reader, start=2):
            if len(cells) != width:  # a short or long row: pad or cut to the header
                cells = (cells + [""] * width)[:width]
            cells.append("")
            yield number, tuple(map(strip, pick(cells)))
    except csv.Error as error:
        raise FileProblem(
            _("Row %(n)s cannot be read as CSV: %(e)s") % {"n": reader.line_num, "e": error}
        ) from None


@contextmanager
def _xlsx_rows(file):
    import openpyxl

    try:
        book = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged workbook
        raise FileProblem(_("The workbook cannot be opened; is it damaged?")) from None
    try:
        if DATA_SHEET not in book.sheetnames:
            raise FileProblem(
                _(
                    "The workbook has no sheet named “%(data)s” (it has: %(found)s). Put the values on the template's “%(data)s” sheet."
                )
                % {"data": DATA_SHEET, "found": ", ".join(book.sheetnames)}
            )
        sheet = book[DATA_SHEET]
        cells = sheet.iter_rows(values_only=True)
        positions = header_positions(next(cells, ()))
        total = max((sheet.max_row or 1) - 1, 0)
        pick = _getter(positions)
        width = max(p for p in positions if p is not None) + 1
        yield total, ((n, _xlsx_cells(row, pick, width)) for n, row in enumerate(cells, start=2))
    finally:
        book.close()


def _xlsx_cells(row, pick, width: int) -> tuple:
    cells = [*row[:width], *[None] * (width - len(row)), None]
    return tuple(map(cell_text, pick(cells)))


def cell_text(value) -> str:
    """A cell as text: whole numbers without ".0", a date as its month (how Excel turns 2024-03
    into a date)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return f"{value.year}-{value.month:02d}"
    return str(value).strip()


def unescape(text: str) -> str:
    """Undo safe_cell's leading quote, so an exported text reads back as it was."""
    if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@"):
        return text[1:]
    return text
