"""What a report says, independent of its format: sections of text, tables and figures.

The gatherers build a `Content`; the HTML/PDF template, the XLSX and the DOCX writers each
read the same one, so the four formats cannot disagree.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from ictspace.tracking.selectors import IN_PROGRESS, MET, NO_DATA, NOT_STARTED

# Statuses are written in words as well as colours.
BUCKET_WORDS = {
    MET: _("Met"),
    IN_PROGRESS: _("In progress"),
    NOT_STARTED: _("Not started"),
    NO_DATA: _("No data"),
}


@dataclass
class Cell:
    text: str
    number: Decimal | int | float | None = None  # kept as a number in the XLSX
    bucket: str = ""  # a status colour (`st-*`), with the words in `text`


@dataclass
class Table:
    caption: str
    source: str
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    wide: bool = False  # printed on a landscape page


@dataclass
class Figure:
    svg: str
    caption: str
    source: str


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    subsections: list["Section"] = field(default_factory=list)
    empty: str = ""  # said instead of the body when the source has no data yet

    @property
    def wide(self) -> bool:
        """Printed on landscape pages: it holds a table too wide for a portrait one."""
        return any(t.wide for t in self.tables) or any(s.wide for s in self.subsections)


@dataclass
class Inputs:
    """What the report includes, for its TLP label (see tlp.py)."""

    statuses: set = field(default_factory=set)  # (jurisdiction id, item id, status, date)
    values: set = field(default_factory=set)  # (indicator id, jurisdiction id, period, number)
    governance: bool = False  # risks, decisions, action items or review rounds


@dataclass
class Content:
    title: str
    audience: str
    sections: list[Section]
    inputs: Inputs


def text(value) -> Cell:
    return Cell("" if value is None else str(value))


def number(value, label: str = "") -> Cell:
    if value is None:
        return Cell(str(_("No data")))
    return Cell(label or str(value), number=value)


def status(bucket: str, label: str = "") -> Cell:
    words = str(BUCKET_WORDS[bucket])
    shown = f"{label} ({words})" if label and label.lower() != words.lower() else words
    return Cell(shown, bucket=bucket)


def no_data() -> str:
    return str(_("No data yet: this section's source has nothing recorded for it."))
