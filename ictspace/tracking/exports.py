"""The regional matrix and a jurisdiction's gaps as CSV and XLSX (formulas escaped)."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from ictspace.catalogue.wording import scale_words
from ictspace.spreadsheets import safe_cell
from ictspace.tracking.selectors import NO_DATA, Matrix, Rollup, Row


def matrix_table(m: Matrix) -> tuple[list, list[list]]:
    header = [_("Ref"), _("Item"), *(j.code for j in m.jurisdictions)]
    rows = []
    for row in m.rows:
        cells = []
        for c in row.cells:
            if c.cell:
                cells.append(c.label)
            elif c.rollup:
                cells.append(rollup_text(c.rollup, m.library))
            else:
                cells.append(_("no data") if c.applies else "")
        rows.append([row.item.ref, row.item.title, *cells])
    return header, rows


def rollup_text(r: Rollup, library) -> str:
    """The region's count of states, in the words of the library's scale (as the page says)."""
    words = {b: w.lower() for b, w in scale_words(library).items()}
    return _(
        "%(met)s of %(total)s %(met_word)s, %(progress)s %(progress_word)s, "
        "%(idle)s %(idle_word)s, %(none)s no data"
    ) % {
        "met_word": words["met"],
        "progress_word": words["in_progress"],
        "idle_word": words["not_started"],
        "met": r.met,
        "total": r.total,
        "progress": r.in_progress,
        "idle": r.not_started,
        "none": r.no_data,
    }


def gaps_table(rows: list[Row]) -> tuple[list, list[list]]:
    header = [
        _("Ref"),
        _("Item"),
        _("Status"),
        _("Required"),
        _("Status effective from"),
        _("Evidence"),
    ]
    out = [
        [
            r.item.ref,
            r.item.title,
            r.label if r.bucket != NO_DATA else _("no data"),
            r.met_label,
            r.cell.effective_date.isoformat() if r.cell else "",
            r.evidence_count,
        ]
        for r in rows
    ]
    return header, out


def as_csv(header, rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(v) for v in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    # A byte-order mark so that spreadsheet programs read UTF-8 names correctly.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(header, rows, *, title: str, notes: list[str]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([safe_cell(v) for v in header])
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
    sheet.freeze_panes = "C2"
    about = book.create_sheet(_("About"))
    for line in notes:
        about.append([safe_cell(line)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
