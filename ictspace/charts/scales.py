"""Scales: round ticks and their labels, values and years to positions, values to colours.

Pure and deterministic; a new chart (a heat map, say) picks the scales it needs here and the
colours in `colours.py`.
"""

import bisect
import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ictspace.charts.colours import NO_DATA, RAMP, LegendEntry, legend_entry


def nice_ticks(
    values: Sequence[float], count: int = 5, *, from_zero: bool = False
) -> tuple[list[float], float]:
    """Round tick values (steps of 1, 2 or 5 × 10ⁿ) covering the values, and the step; zero
    stays in view when every value is positive and the smallest is under half the largest,
    or always with `from_zero` (counts and percentages)."""
    low, high = min(values), max(values)
    if low > 0 and (from_zero or low <= high / 2 or low == high):
        low = 0.0
    if low == high == 0:
        high = 1.0  # all zeros: the axis runs from zero up, never from -1 to 1
    if low == high:
        pad = abs(low) / 10 or 1.0
        low, high = low - pad, high + pad
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw * (1 - 1e-9))
    first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
    return [round(i * step, 10) for i in range(first, last + 1)], step


def format_number(value: float, step: float) -> str:
    """`value` with the decimals `step` needs (at most 6), grouped as the active language
    groups digits; never "-0". format_number(v, v) writes v with the decimals it has."""
    decimals = next(
        (d for d in range(7) if abs(round(step, d) - step) <= 1e-9 * max(1.0, abs(step))), 6
    )
    if round(value, decimals) == 0:
        value = 0.0
    return number_format(value, decimal_pos=decimals, force_grouping=True)


@dataclass(frozen=True)
class LinearScale:
    """Maps a value between `low` and `high` to a position between `start` and `end`."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        return self.start + (value - self.low) / (self.high - self.low) * (self.end - self.start)


@dataclass(frozen=True)
class YearScale:
    """Whole years on a horizontal axis, from January of the earliest date to the end of the
    latest; a day lands in proportion to its place in that span."""

    left: float
    right: float
    first: datetime.date  # 1 January of the earliest year
    last: datetime.date  # 1 January after the latest year

    @classmethod
    def covering(cls, dates: Sequence[datetime.date], *, left: float, right: float):
        first = datetime.date(min(dates).year, 1, 1)
        return cls(left, right, first, datetime.date(max(dates).year + 1, 1, 1))

    @property
    def years(self) -> list[int]:
        return list(range(self.first.year, self.last.year))

    def x(self, day: datetime.date) -> float:
        span = (self.last - self.first).days
        return self.left + (day - self.first).days / span * (self.right - self.left)

    def labelled(self, most: int) -> list[tuple[int, float]]:
        """(year, x of its middle) for the years to label: thinned so that at most about
        `most` labels share the axis and they never overlap."""
        step = 1 + len(self.years) // most
        middles = [(year, self.x(datetime.date(year, 7, 2))) for year in self.years]
        return middles[::step]


@dataclass(frozen=True)
class ValueScale:
    """Maps a value to its bin's legend entry; `legend` lists the bins, then "no data"."""

    edges: tuple[float, ...]  # ascending, one more than the bins
    entries: tuple[LegendEntry, ...]  # one per bin, in ascending order of value

    def __call__(self, value: float | None) -> LegendEntry:
        if value is None or not self.entries:
            return NO_DATA
        index = bisect.bisect_right(self.edges, value) - 1
        return self.entries[min(max(index, 0), len(self.entries) - 1)]

    @property
    def legend(self) -> tuple[LegendEntry, ...]:
        return (*self.entries, NO_DATA)


def value_scale(values: Sequence[float | None], *, direction: str, bins: int = 5) -> ValueScale:
    """Equal intervals between the smallest and the largest given value, darker = better.

    Equal intervals, not quantiles: a bin is the same range of values whoever is in it, the
    legend reads as plain ranges, and a handful of jurisdictions with ties cannot collapse
    the bins. A bin holds its lower bound; the last also holds the largest value. `direction`
    "increase" makes high values dark, "decrease" low values; "none" (no better way) makes
    high values dark as plain magnitude. None gets the "no data" entry.
    """
    if direction not in ("increase", "decrease", "none"):
        raise ValueError(_("The direction is “increase”, “decrease” or “none”."))
    if not 1 <= bins <= len(RAMP):
        raise ValueError(_("A scale has from 1 to %(n)d bins.") % {"n": len(RAMP)})
    known = sorted(v for v in values if v is not None)
    if not known:
        return ValueScale((), ())
    low, high = known[0], known[-1]
    if low == high:
        bins = 1
    colours = (
        [RAMP[4]]
        if bins == 1
        else [RAMP[round(i * (len(RAMP) - 1) / (bins - 1))] for i in range(bins)]
    )
    if direction == "decrease":
        colours.reverse()
    width = (high - low) / bins
    edges = (*(low + i * width for i in range(bins)), high)
    precision = 10 ** (math.floor(math.log10(width)) - 2) if width else 1  # 3 digits
    entries = []
    for index, colour in enumerate(colours):
        a, b = (format_number(edge, precision) for edge in edges[index : index + 2])
        label = a if a == b else _("%(low)s – %(high)s") % {"low": a, "high": b}
        entries.append(legend_entry(label, colour))
    return ValueScale(edges, tuple(entries))
