"""Applying a file as its preview checked it: each row resolved again, not checked again.

When the stored file's bytes and everything its checks depended on (`Checker.basis`) are
what they were at the preview, every row's outcome is the one the preview found: no row
is wrong or a duplicate, and a row is unchanged exactly where the preview said so. What
is left per row is what any insert needs: codes to ids, texts to values.
"""

import hashlib

from ictspace.files import kinds
from ictspace.indicators.imports.files import unescape
from ictspace.indicators.imports.rows import (
    CHANGED,
    MAX_TEXT,
    NEW,
    Checker,
    IndicatorRef,
    Row,
    pack,
    token,
)


class Drifted(Exception):
    """A row no longer resolves as at the preview, though its basis matched: check again."""


def basis(checker: Checker, raw) -> str:
    """The file's bytes and the rules and current values its rows are checked against."""
    return hashlib.sha256(f"{checker.basis}/{kinds.sha256_of(raw)}".encode()).hexdigest()


class Replay(Checker):
    """A Checker that can also resolve a row already known to be valid, at a fraction of the cost."""

    def resolve(self, number: int, cells: tuple, *, compare: bool) -> Row | None:
        """The row to insert (None for an empty or, when `compare`, an unchanged row)."""
        library, _place, code, period, breakdown, value, _unit, source, note = cells
        if not value:
            return None
        ref = self._indicator_answers.get((library, code))
        if ref is None:
            ref = self._indicator_answers[(library, code)] = self._indicator(library, code)
        when = self._period_answers.get(period)
        if when is None:
            when = self._period_answers[period] = self._period(period)
        if ref.__class__ is not IndicatorRef or when.__class__ is not tuple:
            raise Drifted(number)
        # The answers remembered for this indicator, read here without a call per row.
        values = self._value_answers.get(ref.id)
        parsed = None if values is None else values.get(value)
        if parsed is None:
            parsed = self._value_of(ref, value)
        splits = self._breakdown_answers.get(ref.id)
        split = None if splits is None else splits.get(breakdown)
        if split is None:
            split = self._breakdown_of(ref, breakdown)
        if parsed.__class__ is str or split.__class__ is str:
            raise Drifted(number)
        number_, text = parsed
        status = NEW
        if compare:  # the preview found unchanged rows: skip them again
            now = self.keys.get(pack(ref.id, when[1], split[1]))
            if now is not None:
                if now == token(number_, text):
                    return None
                status = CHANGED
        return Row(
            number,
            ref,
            when[0],
            split[0],
            number_,
            text,
            unescape(source)[:MAX_TEXT] if source else "",
            unescape(note)[:MAX_TEXT] if note else "",
            status,
        )
