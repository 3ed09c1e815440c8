"""The XLSX template to fill in offline: one row per indicator and period, current values in.

The "Data" sheet has the columns the upload reads (plus the indicator's name, for people);
ordinal and yes/no values get drop-down lists, numbers their valid range.
"""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from ictspace.indicators import exports
from ictspace.indicators.imports.files import DATA_SHEET
from ictspace.indicators.values import DIMENSIONS, Spec
from ictspace.spreadsheets import safe_cell

HEADER = (
    "library",
    "jurisdiction",
    "indicator",
    "indicator_name",
    "period",
    "disaggregation",
    "value",
    "unit",
    "source",
    "note",
)
VALUE_COLUMN = get_column_letter(HEADER.index("value") + 1)
PERIOD_COLUMN = HEADER.index("period") + 1
WIDTHS = {
    "library": 22,
    "indicator": 12,
    "indicator_name": 60,
    "value": 14,
    "source": 30,
    "note": 30,
}
MAX_EXACT_DIGITS = 15  # beyond this a spreadsheet's number would lose digits: write text
LISTS = "Lists"


def _current(jurisdiction, indicators, periods, user) -> dict:
    """The value that counts now for each (indicator, period), totals only."""
    rows = (
        exports.counting_observations(user)
        .filter(
            jurisdiction=jurisdiction,
            indicator__in=[i.pk for i in indicators],
            period__in=[p.code for p in periods],
            disaggregation="",
        )
        .values_list("indicator_id", "period", "value_number", "value_text")
    )
    return {(ind, period): (number, text) for ind, period, number, text in rows}


def _cell_value(number, text):
    if text:
        return safe_cell(text)
    if number is None:
        return None
    if len(number.normalize().as_tuple().digits) > MAX_EXACT_DIGITS:
        return exports.plain_number(number)
    return number.normalize() if number == number.to_integral_value() else number


def build_template(jurisdiction, indicators, periods, *, user) -> bytes:
    indicators = list(indicators)
    specs = {i.pk: Spec.of(i) for i in indicators}
    book = Workbook()
    data = book.active
    data.title = DATA_SHEET
    _data_sheet(data, jurisdiction, indicators, specs, periods, user)
    _instructions(book.create_sheet(_("Instructions")), jurisdiction, periods)
    _indicator_sheet(book.create_sheet(_("Indicators")), indicators, specs)
    lists = book.create_sheet(LISTS)
    lists.sheet_state = "hidden"
    _validations(data, lists, indicators, specs, len(periods))
    book.active = 0
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _data_sheet(sheet, jurisdiction, indicators, specs, periods, user) -> None:
    sheet.append(list(HEADER))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    current = _current(jurisdiction, indicators, periods, user)
    for ind in indicators:
        spec = specs[ind.pk]
        for period in periods:
            number, text = current.get((ind.pk, period.code), (None, ""))
            sheet.append(
                [
                    safe_cell(ind.library.slug),
                    safe_cell(jurisdiction.code),
                    safe_cell(ind.code),
                    safe_cell(ind.name),
                    period.code,
                    "",
                    _cell_value(number, text),
                    safe_cell(exports.unit_of(spec)),
                    "",
                    "",
                ]
            )
    for row in sheet.iter_rows(min_row=2, min_col=PERIOD_COLUMN, max_col=PERIOD_COLUMN):
        row[0].number_format = "@"  # keep 2024-03 as text, not a date
    for name, width in WIDTHS.items():
        sheet.column_dimensions[get_column_letter(HEADER.index(name) + 1)].width = width
    sheet.freeze_panes = "E2"


def _validations(data, lists, indicators, specs, per_indicator: int) -> None:
    """Drop-down lists for levels and yes/no, ranges for numbers; one per indicator's rows."""
    if not per_indicator:
        return
    list_column = 0
    for position, ind in enumerate(indicators):
        spec = specs[ind.pk]
        first = 2 + position * per_indicator
        cells = f"{VALUE_COLUMN}{first}:{VALUE_COLUMN}{first + per_indicator - 1}"
        rule = None
        if spec.value_type == "ordinal" and spec.levels:
            list_column += 1
            letter = get_column_letter(list_column)
            for row, level in enumerate(spec.levels, start=1):
                lists.cell(row=row, column=list_column, value=safe_cell(level))
            area = f"{quote_sheetname(LISTS)}!${letter}$1:${letter}${len(spec.levels)}"
            rule = DataValidation(type="list", formula1=area)
        elif spec.value_type == "yes_no":
            rule = DataValidation(type="list", formula1='"yes,no"')
        elif spec.minimum is not None or spec.maximum is not None:
            rule = _range_rule(spec)
        if rule is None:
            continue
        rule.allow_blank = True
        rule.error = _("This value is not allowed for %(c)s.") % {"c": ind.code}
        rule.errorTitle = _("Value not allowed")
        rule.showErrorMessage = True
        data.add_data_validation(rule)
        rule.add(cells)


def _range_rule(spec: Spec) -> DataValidation:
    kind = "whole" if spec.value_type == "count" else "decimal"
    if spec.minimum is not None and spec.maximum is not None:
        return DataValidation(
            type=kind, operator="between", formula1=str(spec.minimum), formula2=str(spec.maximum)
        )
    if spec.minimum is not None:
        return DataValidation(type=kind, operator="greaterThanOrEqual", formula1=str(spec.minimum))
    return DataValidation(type=kind, operator="lessThanOrEqual", formula1=str(spec.maximum))


def _instructions(sheet, jurisdiction, periods) -> None:
    breakdowns = "; ".join(
        f"{name}=" + "|".join(sorted(set(values.values()))) for name, values in DIMENSIONS.items()
    )
    lines = [
        _("How to fill in this template"),
        "",
        _(
            "1. Type each value in the “value” column of the Data sheet. Rows you leave empty are skipped, not refused."
        ),
        _(
            "2. Keep the sheet name “Data” and its first row: the upload reads the columns by their names."
        ),
        _(
            "3. The values already filled in are the validated values that count today. Leave them as they are unless they are wrong; an unchanged value is not submitted again."
        ),
        _(
            "4. Percentages are typed as numbers from 0 to 100 (45 means 45 %). Counts are whole numbers. Ordinal and yes/no indicators have a drop-down list."
        ),
        _(
            "5. Periods are written 2024 (year), 2024-S1 (half-year), 2024-Q3 (quarter) or 2024-03 (month). A period that has not started yet is refused."
        ),
        _(
            "6. An empty breakdown is the total. To give a breakdown, copy the row and write it as name=value, several joined by “;”, e.g. sex=female;age=15-24. Possible: %(b)s; age is written 15-24 or 75+. Only the breakdowns an indicator declares (see the Indicators sheet) are accepted."
        )
        % {"b": breakdowns},
        _(
            "7. Give the source of each value you type (a survey, an administrative register, a report)."
        ),
        _(
            "8. Save the file as .xlsx (or export the Data sheet as CSV) and upload it on the Uploads page of ICT Space Monitor."
        ),
        "",
        _("What happens after the upload"),
        _(
            "The file is read in the background. A preview then shows each row as new, changed, unchanged or in error, with the reason."
        ),
        _(
            "If any row has an error, nothing can be applied: correct the file and upload it again. Otherwise confirm, and every new or changed value is added in one go, as submitted for review; nothing is added if anything fails."
        ),
        _("The RCC chair or the Secretariat then validates or returns the values."),
        "",
        _("Jurisdiction: %(j)s (%(c)s). One upload holds the values of one jurisdiction.")
        % {"j": jurisdiction.name, "c": jurisdiction.code},
        _("Periods in this template: %(p)s") % {"p": ", ".join(p.code for p in periods)},
    ]
    for line in lines:
        sheet.append([safe_cell(line)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.column_dimensions["A"].width = 120


def _indicator_sheet(sheet, indicators, specs) -> None:
    header = [
        _("Library"),
        _("Code"),
        _("Name"),
        _("Value type"),
        _("Unit"),
        _("Levels (lowest first)"),
        _("Smallest"),
        _("Largest"),
        _("Breakdowns"),
        _("Definition"),
    ]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for ind in indicators:
        spec = specs[ind.pk]
        definition = ind.definition.get("definition", "")
        sheet.append(
            [
                safe_cell(ind.library.slug),
                safe_cell(ind.code),
                safe_cell(ind.name),
                spec.value_type,
                safe_cell(spec.unit_label),
                safe_cell(", ".join(spec.levels)),
                None if spec.minimum is None else spec.minimum,
                None if spec.maximum is None else spec.maximum,
                ", ".join(sorted(spec.dimensions)),
                safe_cell(definition if isinstance(definition, str) else str(definition)),
            ]
        )
    sheet.column_dimensions["C"].width = 60
    sheet.column_dimensions["J"].width = 60
