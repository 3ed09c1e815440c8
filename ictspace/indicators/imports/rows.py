"""Checking and classifying the rows of an upload, one at a time, without a query per row.

Everything a row refers to (jurisdictions, libraries, indicators, the jurisdiction's current
values) is loaded once; periods and breakdowns are parsed once per distinct text. A row's
key (indicator, period, breakdown; the jurisdiction is the upload's) is packed into one
integer so that a million keys fit in memory for the duplicate check.
"""

import hashlib
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from ictspace import access
from ictspace.catalogue.models import Indicator, Library
from ictspace.directory.models import Jurisdiction
from ictspace.indicators.imports.files import FileProblem, unescape
from ictspace.indicators.imports.outcome import (
    CHANGED,
    EMPTY,
    ERROR,
    MAX_TEXT,
    NEW,
    SAMPLE_PER_STATUS,
    SAMPLED,
    UNCHANGED,
    IndicatorRef,
    Outcome,
    Row,
    token,
)
from ictspace.indicators.models import Observation
from ictspace.indicators.periods import Period, parse_period
from ictspace.indicators.values import Spec, format_value, parse_disaggregation, parse_value
from ictspace.review.models import ReviewState

TEXT_KINDS = ("ordinal", "yes_no", "text")


def _shown(spec: Spec, now: str) -> str:
    return now if spec.value_type in TEXT_KINDS else format_value(spec, Decimal(now), "")


def _units(indicator, spec: Spec) -> frozenset:
    names = {spec.value_type, spec.unit_label, indicator.unit}
    if spec.value_type == "percent":
        names |= {"%", "percent", "percentage", "pct"}
    return frozenset(n.casefold() for n in names if n)


def _jurisdiction_tokens() -> dict[str, Jurisdiction]:
    """Directory code, ISO code, name and the documents' aliases → jurisdiction."""
    index: dict[str, Jurisdiction] = {}
    clashing: set[str] = set()
    for place in Jurisdiction.objects.all():
        tokens = {place.code, place.iso_code or "", place.name, *(place.aliases or [])}
        for word in {t.strip().casefold() for t in tokens if t and t.strip()}:
            if word in index and index[word].pk != place.pk:
                clashing.add(word)  # ambiguous: better refused than guessed
            index[word] = place
    for word in clashing:
        index.pop(word)
    # A directory code always means its own jurisdiction, even if an alias elsewhere clashes.
    for place in Jurisdiction.objects.all():
        index[place.code.casefold()] = place
    return index


def pack(indicator_id: int, period_index: int, breakdown_index: int) -> int:
    """One integer per key (each index is below MAX_INDEX, so two keys never share one)."""
    return (indicator_id << 48) | (period_index << 24) | breakdown_index


MAX_INDEX = 1 << 24


_MISSING = object()
MAX_CACHED_VALUES = 50_000  # distinct raw values remembered per indicator


class Checker:
    """Checks rows for one upload: its jurisdiction, its uploader, today's date.

    Every check is a pure function of a cell's text (and the indicator), so its answer is
    remembered per distinct text: a million rows repeat a few thousand texts. A problem is
    remembered as its message, an answer as itself.
    """

    def __init__(self, job, *, user):
        self.job = job
        self.user = user
        self.today = timezone.localdate()
        self.places = _jurisdiction_tokens()
        self.libraries = {
            slug.casefold(): slug for slug in Library.objects.values_list("slug", flat=True)
        }
        self.indicators: dict[tuple[str, str], IndicatorRef] = {}
        self.found_in: dict[str, list[str]] = {}
        for ind in Indicator.objects.select_related("library").order_by("library__slug", "code"):
            spec = Spec.of(ind)
            ref = IndicatorRef(
                id=ind.id,
                library=ind.library.slug,
                code=ind.code,
                spec=spec,
                retired=ind.retired_in_version is not None,
                units=_units(ind, spec),
            )
            self.indicators[(ind.library.slug.casefold(), ind.code.casefold())] = ref
            self.found_in.setdefault(ind.code.casefold(), []).append(ind.library.slug)
        # Answers by text: place → problem|None; (library, code) → ref|problem;
        # period → (Period, index)|problem; per indicator: breakdown → (canonical,
        # index)|problem, value → (number, text)|problem.
        self._place_answers: dict[str, str | None] = {}
        self._indicator_answers: dict[tuple[str, str], IndicatorRef | tuple] = {}
        self._period_answers: dict[str, tuple] = {}
        self._breakdown_answers: dict[int, dict] = {}
        self._value_answers: dict[int, dict] = {}
        self._period_ids: dict[str, int] = {}
        self._breakdown_ids: dict[str, int] = {}
        # One entry per key: the current value's token until a row has it, then minus
        # that row's number (so a second row with the key is a duplicate). One dict, not
        # two, keeps a million keys well under the memory target.
        self.keys: dict[int, str | int]
        self.keys, self.values_digest = self._current_values()

    # Keys and current values ---------------------------------------------------------

    @staticmethod
    def _index(ids: dict, text: str) -> int:
        index = ids.setdefault(text, len(ids))
        if index >= MAX_INDEX:
            raise FileProblem(_("The file has too many different periods or breakdowns."))
        return index

    def _key(self, indicator_id: int, period: str, breakdown: str) -> int:
        p = self._index(self._period_ids, period)
        b = self._index(self._breakdown_ids, breakdown)
        return pack(indicator_id, p, b)

    def _current_values(self) -> tuple[dict[int, str], str]:
        """The value each key has now (its token): the latest validated or still pending.

        With a digest of those rows, to tell at apply whether they moved since the preview.
        """
        current = {}
        digest = hashlib.sha256()
        rows = (
            Observation.objects.filter(
                jurisdiction_id=self.job.jurisdiction_id,
                review_state__in=[ReviewState.VALIDATED, ReviewState.SUBMITTED],
            )
            .order_by("id")
            .values_list("indicator_id", "period", "disaggregation", "value_number", "value_text")
        )
        for indicator_id, period, breakdown, number, text in rows.iterator(chunk_size=5000):
            now = current[self._key(indicator_id, period, breakdown)] = token(number, text)
            digest.update(f"{indicator_id}\x1f{period}\x1f{breakdown}\x1f{now}\x1e".encode())
        return current, digest.hexdigest()

    # One row ---------------------------------------------------------------------------

    def check(self, number: int, cells: tuple, outcome: Outcome, *, keep: bool = True):
        """The row checked and classified: a Row (None unless `keep`), or None if refused.

        `cells` are the texts of COLUMNS, stripped; an empty value skips the row.
        """
        library, place, code, period, breakdown, value, unit, source, note = cells
        if not value:
            if library or place or code or period or breakdown:
                outcome.counts[EMPTY] += 1  # a template row left empty: skipped
            return None
        problems = []
        answer = self._place_answers.get(place, _MISSING)
        if answer is _MISSING:
            answer = self._place_answers[place] = self._place_problem(place)
        if answer is not None:
            problems.append(("jurisdiction", answer))
        ref = self._indicator_answers.get((library, code))
        if ref is None:
            ref = self._indicator_answers[(library, code)] = self._indicator(library, code)
        when = self._period_answers.get(period)
        if when is None:
            when = self._period_answers[period] = self._period(period)
        if when.__class__ is not tuple:
            problems.append(("period", when))
            when = None
        key = now = None
        if ref.__class__ is not IndicatorRef:
            problems.append(ref)
        else:
            # The answers remembered for this indicator, read without a call per row.
            values = self._value_answers.get(ref.id)
            parsed = None if values is None else values.get(value)
            if parsed is None:
                parsed = self._value_of(ref, value)
            if parsed.__class__ is str:
                problems.append(("value", parsed))
            if unit and unit.casefold() not in ref.units:
                problems.append(("unit", self._unit_message(ref, unit)))
            splits = self._breakdown_answers.get(ref.id)
            split = None if splits is None else splits.get(breakdown)
            if split is None:
                split = self._breakdown_of(ref, breakdown)
            if split.__class__ is str:
                problems.append(("disaggregation", split))
            elif when is not None:
                key = (ref.id << 48) | (when[1] << 24) | split[1]  # pack(), inlined
                now = self.keys.get(key)
                if now.__class__ is int:
                    problems.append(("indicator", self._duplicate(-now, number)))
                else:
                    self.keys[key] = -number
        if problems:
            self._refuse(number, (library, code, period, breakdown, value), problems, outcome)
            return None
        number_, text = parsed
        status = NEW if now is None else (UNCHANGED if now == token(number_, text) else CHANGED)
        counts = outcome.counts
        counts[status] += 1
        if not keep and counts[SAMPLED[status]] >= SAMPLE_PER_STATUS:
            return None
        row = Row(
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
        if counts[SAMPLED[status]] < SAMPLE_PER_STATUS:
            outcome.keep(status, self._entry(row, now))
        return row

    @staticmethod
    def _duplicate(first: int, number: int) -> str:
        return _(
            "Rows %(a)s and %(b)s are for the same jurisdiction, indicator, period and breakdown."
        ) % {"a": first, "b": number}

    def _place_problem(self, raw: str) -> str | None:
        if not raw:
            return _("The jurisdiction is empty.")
        place = self.places.get(raw.casefold())
        if place is None:
            return _("Unknown jurisdiction “%(v)s”: use its code, e.g. BB.") % {"v": raw[:40]}
        if not access.can_submit_observations(self.user, place):
            return _("You may not submit values for %(p)s (%(c)s).") % {
                "p": place.name,
                "c": place.code,
            }
        if place.pk != self.job.jurisdiction_id:
            return _(
                "This upload is for %(job)s; this row is for %(p)s. Upload each jurisdiction's values separately."
            ) % {"job": self.job.jurisdiction.name, "p": place.name}
        return None

    def _indicator(self, library: str, code: str) -> IndicatorRef | tuple[str, str]:
        slug = self.libraries.get(library.casefold())
        if slug is None:
            known = ", ".join(self.libraries.values())
            if not library:
                return (
                    "library",
                    _("The library is empty: give its slug, e.g. %(e)s.") % {"e": known},
                )
            return (
                "library",
                _("Unknown library “%(v)s” (known: %(e)s).") % {"v": library[:60], "e": known},
            )
        if not code:
            return ("indicator", _("The indicator code is empty."))
        ref = self.indicators.get((slug.casefold(), code.casefold()))
        if ref is None:
            message = _("%(c)s is not an indicator of %(l)s.") % {"c": code[:60], "l": slug}
            elsewhere = self.found_in.get(code.casefold())
            if elsewhere:
                message += " " + _("It belongs to: %(o)s.") % {"o": ", ".join(elsewhere)}
            return ("indicator", message)
        if ref.retired:
            return ("indicator", _("Indicator %(c)s is retired.") % {"c": ref.code})
        return ref

    def _period(self, raw: str) -> tuple[Period, int] | str:
        try:
            parsed = parse_period(raw)
        except ValueError as error:
            return str(error)
        if parsed.start > self.today:
            return _("The period %(p)s has not started yet.") % {"p": parsed.code}
        return parsed, self._index(self._period_ids, parsed.code)

    def _breakdown_of(self, ref: IndicatorRef, raw: str) -> tuple[str, int] | str:
        answers = self._breakdown_answers.get(ref.id)
        if answers is None:
            answers = self._breakdown_answers[ref.id] = {}
        answer = answers.get(raw)
        if answer is None:
            try:
                canonical = parse_disaggregation(ref.spec, raw)
            except ValueError as error:
                answer = str(error)
            else:
                answer = (canonical, self._index(self._breakdown_ids, canonical))
            answers[raw] = answer
        return answer

    def _value_of(self, ref: IndicatorRef, raw: str) -> tuple | str:
        answers = self._value_answers.get(ref.id)
        if answers is None or len(answers) > MAX_CACHED_VALUES:
            answers = self._value_answers[ref.id] = {}
        answer = answers.get(raw)
        if answer is None:
            try:
                answer = parse_value(ref.spec, unescape(raw))
            except ValueError as error:
                answer = str(error)
            answers[raw] = answer
        return answer

    @staticmethod
    def _unit_message(indicator: IndicatorRef, unit: str) -> str:
        expected = indicator.spec.unit_label or indicator.spec.value_type
        return _("The unit “%(u)s” is not %(c)s's unit (%(e)s).") % {
            "u": unit[:40],
            "c": indicator.code,
            "e": expected,
        }

    # The preview ----------------------------------------------------------------------

    def _refuse(self, number: int, shown: tuple, problems, outcome: Outcome) -> None:
        outcome.counts[ERROR] += 1
        for column, message in problems:
            outcome.problem(number, column, message)
        library, code, period, breakdown, value = shown
        entry = {
            "row": number,
            "status": ERROR,
            "indicator": code[:60],
            "library": library[:80],
            "period": period[:20],
            "disaggregation": breakdown[:80],
            "value": value[:60],
            "current": "",
            "reason": " ".join(message for _column, message in problems),
        }
        outcome.keep(ERROR, entry)

    def _entry(self, row: Row, now: str | None) -> dict:
        spec = row.indicator.spec
        return {
            "row": row.number,
            "status": row.status,
            "indicator": row.indicator.code,
            "library": row.indicator.library,
            "period": row.period.code,
            "disaggregation": row.breakdown,
            "value": format_value(spec, row.value_number, row.value_text),
            "current": _shown(spec, now) if now else "",
            "reason": "",
        }
