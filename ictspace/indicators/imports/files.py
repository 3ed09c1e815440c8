"""Reading an uploaded observations file (its kind judged by `ictspace.files`) row by row.

Both readers stream: a CSV through a text wrapper, an XLSX through openpyxl's read-only
mode, so a file is never held whole in memory. Each yields (row number, cells), the row
number being the one a spreadsheet program shows (the header is row 1).
"""

import codecs
import csv
import datetime
import io
import math
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from operator import itemgetter

from django.utils.translation import gettext as _

from ictspace.files import kinds
from ictspace.files.uploads import MB
from ictspace.spreadsheets import unescape_cell

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
# What one upload may hold, checked before (and, for rows, while) it is read: a sheet the
# size of Excel's own largest, more columns than the template by far, and shared strings
# that fit comfortably in a worker's memory. `kinds` has already refused ZIP bombs.
MAX_ROWS = 1_048_576
MAX_COLUMNS = 64
MAX_SHARED_STRINGS = 1_000_000
MAX_SHARED_STRINGS_BYTES = 64 * MB
SHARED_STRINGS_TYPE = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
)
STRING_ITEM = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s>/]")


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
    if total > MAX_ROWS:
        raise FileProblem(_too_many_rows(total + 1))
    text = io.TextIOWrapper(file, encoding=encoding, newline="")
    try:
        first = text.readline()
        delimiter = max(DELIMITERS, key=first.count)
        header = _csv_header(first, delimiter)
        positions = header_positions(header)
        reader = csv.reader(text, delimiter=delimiter)
        yield total, _csv_records(reader, positions, len(header))
    finally:
        text.detach()  # the caller closes the file itself


def _csv_header(first: str, delimiter: str) -> list[str]:
    try:
        header = next(csv.reader([first], delimiter=delimiter), [])
    except csv.Error as error:
        raise FileProblem(_csv_problem(1, error)) from None
    if len(header) > MAX_COLUMNS:
        raise FileProblem(_too_many_columns(1, len(header)))
    return header


def _csv_records(reader, positions, width: int) -> Iterator:
    pick, strip = _getter(positions), str.strip
    number = 1
    try:
        for number, cells in enumerate(reader, start=2):
            if number > MAX_ROWS:
                raise FileProblem(_too_many_rows(number))
            if len(cells) != width:  # a short or long row: pad or cut to the header
                cells = (cells + [""] * width)[:width]
            cells.append("")
            yield number, tuple(map(strip, pick(cells)))
    except csv.Error as error:
        raise FileProblem(_csv_problem(number + 1, error)) from None


def _csv_problem(number: int, error: csv.Error) -> str:
    limit = csv.field_size_limit()
    if "field limit" in str(error):  # the csv module's words for an over-long cell
        return _("Row %(n)s has a cell longer than %(limit)s characters; is a quote left open?") % {
            "n": number,
            "limit": f"{limit:,}",
        }
    return _("Row %(n)s cannot be read as CSV: %(e)s") % {"n": number, "e": error}


def _too_many_rows(rows: int) -> str:
    return _("The file has %(rows)s rows; an upload may have at most %(max)s.") % {
        "rows": f"{rows:,}",
        "max": f"{MAX_ROWS:,}",
    }


def _too_many_columns(number: int, columns: int) -> str:
    return _("Row %(n)s has %(c)s columns; an upload may have at most %(max)s.") % {
        "n": number,
        "c": f"{columns:,}",
        "max": MAX_COLUMNS,
    }


@contextmanager
def _xlsx_rows(file):
    import openpyxl

    check_workbook(file)
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
        _check_dimensions(sheet)
        cells = sheet.iter_rows(values_only=True)
        positions = header_positions(_within_width(1, next(cells, ())))
        total = max((sheet.max_row or 1) - 1, 0)
        pick = _getter(positions)
        width = max(p for p in positions if p is not None) + 1
        yield total, _xlsx_records(cells, pick, width)
    finally:
        book.close()


def _xlsx_records(cells, pick, width: int) -> Iterator:
    for number, row in enumerate(cells, start=2):
        if number > MAX_ROWS:  # the sheet declared fewer rows than it has
            raise FileProblem(_too_many_rows(number))
        yield number, _xlsx_cells(_within_width(number, row), pick, width)


def _within_width(number: int, row: tuple) -> tuple:
    if len(row) > MAX_COLUMNS:
        used = len(row)
        while used and row[used - 1] is None:
            used -= 1
        if used > MAX_COLUMNS:
            raise FileProblem(_too_many_columns(number, used))
    return row


def _check_dimensions(sheet) -> None:
    """Refuse a sheet whose declared size is over the limits before reading a row."""
    rows, columns = sheet.max_row or 0, sheet.max_column or 0
    if rows > MAX_ROWS:
        raise FileProblem(_too_many_rows(rows))
    if columns > MAX_COLUMNS:
        raise FileProblem(
            _("The sheet has %(c)s columns; an upload may have at most %(max)s.")
            % {"c": f"{columns:,}", "max": MAX_COLUMNS}
        )


def check_workbook(file) -> None:
    """Refuse a workbook whose shared strings would not fit in memory, before openpyxl
    loads them all: their part (found as openpyxl finds it, by declared content type) is
    limited in bytes and in strings."""
    from defusedxml import ElementTree

    try:
        with zipfile.ZipFile(file) as archive:
            with archive.open("[Content_Types].xml") as member:
                declared = ElementTree.fromstring(member.read(1024 * 1024))
            for element in declared.iter():
                if element.get("ContentType") == SHARED_STRINGS_TYPE:
                    part = element.get("PartName", "").lstrip("/")
                    _check_shared_strings(archive, part)
    except FileProblem:
        raise
    except Exception:  # openpyxl would fail on it too; say so the same way
        raise FileProblem(_("The workbook cannot be opened; is it damaged?")) from None
    finally:
        file.seek(0)


def _check_shared_strings(archive: zipfile.ZipFile, part: str) -> None:
    if part not in archive.namelist():
        return
    size = archive.getinfo(part).file_size
    if size > MAX_SHARED_STRINGS_BYTES:
        raise FileProblem(_too_many_strings(_("%(mb)s MB") % {"mb": math.ceil(size / MB)}))
    count, tail = 0, b""
    with archive.open(part) as member:
        while data := member.read(kinds.CHUNK):
            # A tag cut in two is found with the previous chunk's tail; tags wholly in
            # that tail were counted already.
            count += len(STRING_ITEM.findall(tail + data)) - len(STRING_ITEM.findall(tail))
            tail = data[-16:]
            if count > MAX_SHARED_STRINGS:
                found = _("more than %(n)s strings") % {"n": f"{MAX_SHARED_STRINGS:,}"}
                raise FileProblem(_too_many_strings(found))


def _too_many_strings(found: str) -> str:
    return _(
        "The workbook's shared texts are too many (%(found)s); an upload may have at most "
        "%(max)s different texts, %(mb)s MB in all."
    ) % {
        "found": found,
        "max": f"{MAX_SHARED_STRINGS:,}",
        "mb": MAX_SHARED_STRINGS_BYTES // MB,
    }


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
    return unescape_cell(text)
