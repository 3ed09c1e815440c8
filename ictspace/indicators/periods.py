"""Reporting periods: a year, a half-year, a quarter or a month, in SDMX's notation."""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

_FORMS = [
    (re.compile(r"^(\d{4})$"), "year"),
    (re.compile(r"^(\d{4})-?[SH]([12])$", re.I), "half"),
    (re.compile(r"^(\d{4})-?Q([1-4])$", re.I), "quarter"),
    (re.compile(r"^(\d{4})-(\d{2})$"), "month"),
]
MONTHS = {"year": 12, "half": 6, "quarter": 3, "month": 1}
PREFIX = {"half": "S", "quarter": "Q"}


@dataclass(frozen=True, order=True)
class Period:
    """Ordered by start, then end: a year sorts before its first quarter's siblings."""

    start: datetime.date
    end: datetime.date
    code: str  # canonical: 2024, 2024-S1, 2024-Q3, 2024-03
    kind: str

    def __str__(self) -> str:
        return self.code

    @property
    def midpoint(self) -> datetime.date:
        return self.start + (self.end - self.start) / 2


def _build(year: int, kind: str, index: int) -> Period:
    months = MONTHS[kind]
    first_month = (index - 1) * months + 1
    last_month = first_month + months - 1
    start = datetime.date(year, first_month, 1)
    end = datetime.date(year, last_month, calendar.monthrange(year, last_month)[1])
    if kind == "year":
        code = f"{year}"
    elif kind == "month":
        code = f"{year}-{index:02d}"
    else:
        code = f"{year}-{PREFIX[kind]}{index}"
    return Period(start=start, end=end, code=code, kind=kind)


def parse_period(text) -> Period:
    """`2024`, `2024-S1` (or `2024-H1`), `2024-Q3`, `2024-03`; ValueError says what is wrong."""
    value = str(text if text is not None else "").strip()
    for pattern, kind in _FORMS:
        match = pattern.match(value)
        if not match:
            continue
        year, index = int(match[1]), int(match[2]) if kind != "year" else 1
        if not 1900 <= year <= 2100:
            raise ValueError(_("%(y)s is not a plausible year.") % {"y": year})
        if kind == "month" and not 1 <= index <= 12:
            raise ValueError(_("“%(v)s” has no month %(m)s.") % {"v": value, "m": index})
        return _build(year, kind, index)
    raise ValueError(
        _("“%(v)s” is not a period: write 2024, 2024-S1, 2024-Q3 or 2024-03.") % {"v": value[:40]}
    )


def plan_year(label: str, plan_start: str) -> Period:
    """A national plan's `Y3` as a calendar year, counted from the year the plan starts."""
    match = re.fullmatch(r"Y(?:ear)?\s*(\d{1,2})", label.strip(), re.I)
    if not match or not str(plan_start)[:4].isdigit():
        raise ValueError(_("“%(v)s” is not a plan year (Y1…Y5).") % {"v": label})
    return parse_period(str(int(str(plan_start)[:4]) + int(match[1]) - 1))


def resolve(label: str, plan_start: str | None) -> Period:
    """A period as a library writes it: a calendar period, or Yn when the plan has a start."""
    try:
        return parse_period(label)
    except ValueError:
        if plan_start:
            return plan_year(label, plan_start)
        raise
