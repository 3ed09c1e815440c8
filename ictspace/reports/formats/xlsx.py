"""The report's tables as a workbook: one sheet per table, numbers as numbers."""

import io
import re

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from ictspace.reports.content import Content
from ictspace.spreadsheets import safe_cell

SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


def tables_of(content: Content):
    for section in content.sections:
        for table in section.tables:
            yield section, table
        for sub in section.subsections:
            for table in sub.tables:
                yield sub, table


def render(content: Content, *, report) -> bytes:
    book = Workbook()
    about = book.active
    about.title = _("About")
    for row in (
        (_("Report"), content.title),
        (_("As of"), report.as_of),
        (_("Label"), report.tlp_label),
        (_("Version"), report.version),
    ):
        about.append([safe_cell(v) for v in row])
    for number, (_section, table) in enumerate(tables_of(content), start=1):
        sheet = book.create_sheet(_sheet_name(number, table.caption))
        sheet.append([safe_cell(table.caption)])
        sheet["A1"].font = Font(bold=True)
        sheet.append([safe_cell(c) for c in table.columns])
        for row in table.rows:
            sheet.append([_value(cell) for cell in row])
        sheet.append([safe_cell(table.source)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_name(number: int, caption: str) -> str:
    return f"{number} {SHEET_NAME.sub(' ', caption)}"[:31]


def _value(cell):
    if cell.number is not None:
        return cell.number
    return safe_cell(cell.text)
