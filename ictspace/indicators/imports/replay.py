"""Applying a file as its preview checked it: each row resolved again, not checked again.

When the stored file's bytes and everything its checks depended on (`basis`) are
what they were at the preview, every row's outcome is the one the preview found: no row
is wrong or a duplicate, and a row is unchanged exactly where the preview said so. What
is left per row is what any insert needs: codes to ids, texts to values.
"""

import hashlib
from dataclasses import fields

from ictspace.files import kinds
from ictspace.indicators.imports.files import unescape
from ictspace.indicators.imports.outcome import MAX_TEXT, IndicatorRef, token
from ictspace.indicators.imports.rows import Checker


class Drifted(Exception):
    """A row no longer resolves as at the preview, though its basis matched: check again."""


def basis(checker: Checker, raw) -> str:
    """The file's bytes and the rules and current values its rows are checked against.

    Everything a row's check depends on besides its own cells, except the uploader's right
    to the upload's jurisdiction (apply checks it again) and today's date (a later date
    refuses no period that an earlier one accepted).
    """
    parts = (_rules_digest(checker), checker.values_digest, kinds.sha256_of(raw))
    return hashlib.sha256("/".join(parts).encode()).hexdigest()


def _rules_digest(checker: Checker) -> str:
    """The directory's codes, the libraries and the indicators' definitions as checks see them."""
    parts: list = [sorted((word, place.pk) for word, place in checker.places.items())]
    parts.append(sorted(checker.libraries.items()))
    for key in sorted(checker.indicators):
        ref = checker.indicators[key]
        spec = [getattr(ref.spec, f.name) for f in fields(ref.spec)]
        spec = [sorted(v) if isinstance(v, frozenset) else v for v in spec]
        parts.append((key, ref.id, ref.library, ref.code, ref.retired, sorted(ref.units), spec))
    return hashlib.sha256(repr(parts).encode()).hexdigest()


class Replay(Checker):
    """A Checker that can also resolve rows already known to be valid, at a fraction of the cost."""

    rows_read = 0

    def values(self, records, *, compare: bool, outliers):
        """For each new or changed row of `records`: what `Inserter.add_many` takes.

        (indicator id, period, breakdown, number, text, source, note, outlier flag); an
        empty row, or when `compare` an unchanged one, gives nothing. One loop with the
        remembered answers read inline: it runs a million times per upload.
        """
        indicators, periods = self._indicator_answers, self._period_answers
        value_answers, breakdown_answers = self._value_answers, self._breakdown_answers
        flag, keys = outliers.flag, self.keys
        for number, cells in records:
            self.rows_read += 1
            library, _place, code, period, breakdown, value, _unit, source, note = cells
            if not value:
                continue
            ref = indicators.get((library, code))
            if ref is None:
                ref = indicators[(library, code)] = self._indicator(library, code)
            when = periods.get(period)
            if when is None:
                when = periods[period] = self._period(period)
            if ref.__class__ is not IndicatorRef or when.__class__ is not tuple:
                raise Drifted(number)
            answers = value_answers.get(ref.id)
            parsed = None if answers is None else answers.get(value)
            if parsed is None:
                parsed = self._value_of(ref, value)
            answers = breakdown_answers.get(ref.id)
            split = None if answers is None else answers.get(breakdown)
            if split is None:
                split = self._breakdown_of(ref, breakdown)
            if parsed.__class__ is str or split.__class__ is str:
                raise Drifted(number)
            number_, text = parsed
            if compare:  # the preview found unchanged rows: skip them again
                now = keys.get((ref.id << 48) | (when[1] << 24) | split[1])  # pack()
                if now is not None and now == token(number_, text):
                    continue
            period_, breakdown_ = when[0], split[0]
            yield (
                ref.id,
                period_,
                breakdown_,
                number_,
                text,
                unescape(source)[:MAX_TEXT] if source else "",
                unescape(note)[:MAX_TEXT] if note else "",
                flag(ref.id, breakdown_, period_.code, number_),
            )
