"""What a pass over an upload finds: each row's classification, its problems and a sample.

Shared by the checks (`rows`), the replay of a checked preview (`replay`) and the actions.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from ictspace.indicators.periods import Period
from ictspace.indicators.values import Spec

NEW, CHANGED, UNCHANGED, ERROR, EMPTY = "new", "changed", "unchanged", "error", "empty"
STATUSES = (NEW, CHANGED, UNCHANGED, ERROR)
SAMPLED = {status: f"sampled_{status}" for status in STATUSES}  # counts' keys, made once
MAX_ERRORS = 1000  # problems stored for the preview; the count covers them all
SAMPLE_PER_STATUS = 50
MAX_TEXT = 2000  # longest source or note kept from a cell


@dataclass(frozen=True, slots=True)
class IndicatorRef:
    id: int
    library: str
    code: str
    spec: Spec
    retired: bool
    units: frozenset  # what the unit column may say for it (casefolded)


@dataclass(slots=True)
class Row:
    """A row that passed every check: what an observation needs, and how it compares."""

    number: int
    indicator: IndicatorRef
    period: Period
    breakdown: str
    value_number: Decimal | None
    value_text: str
    source: str
    note: str
    status: str


@dataclass
class Outcome:
    """What a pass over the file found."""

    counts: Counter = field(default_factory=Counter)
    errors: list = field(default_factory=list)
    sample: list = field(default_factory=list)
    rows_read: int = 0
    basis: str = ""  # what the checks depended on (`replay.basis`)
    rechecked: bool = True  # False when applied on the preview's checks (`replay`)

    @property
    def error_rows(self) -> int:
        return self.counts[ERROR]

    def problem(self, number: int, column: str, message: str) -> None:
        self.counts["problems"] += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append({"row": number, "column": column, "message": message})

    def keep(self, status: str, entry: dict) -> None:
        if self.counts[f"sampled_{status}"] < SAMPLE_PER_STATUS:
            self.counts[f"sampled_{status}"] += 1
            self.sample.append(entry)

    def as_counts(self) -> dict:
        wanted = (*STATUSES, EMPTY, "problems")
        return {k: self.counts[k] for k in wanted}


def token(number: Decimal | None, text: str) -> str:
    """A value as one comparable string: its text (a level, yes/no) or its number, normalised."""
    if text:
        return text
    if number is None:  # a stored value no longer readable (see StoredDecimalField)
        return ""
    return format(number.normalize(), "f")
