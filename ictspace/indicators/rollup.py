"""The region's row of an indicator: how many states report, and a summary across them.

Population-free on purpose: each state counts once, whatever its size, so the median
and range describe the states, never a regional total or average of people.
"""

import statistics
from dataclasses import dataclass
from decimal import Decimal

from ictspace.catalogue import scope as scopes
from ictspace.indicators.values import Spec

# Value types whose numbers may be ranked across states (not yes/no, levels or text).
SUMMARISED = frozenset({"percent", "number", "count", "currency"})


@dataclass(frozen=True)
class RegionSummary:
    period: str
    reporting: int  # states with a validated value in the period
    states: int  # states the indicator concerns
    median: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None


def region_summary(indicator, spec: Spec, rows, period: str) -> RegionSummary:
    """Over `rows` (selectors.statuses of this indicator): the states' values in `period`."""
    states = [
        r
        for r in rows
        if r.jurisdiction.kind != "region" and scopes.concerns(indicator.item, r.jurisdiction)
    ]
    values = [v for r in states for v in r.values if v.period.code == period]
    numbers = sorted(v.number for v in values if v.number is not None)
    if spec.value_type not in SUMMARISED or not numbers:
        return RegionSummary(period, len(values), len(states))
    return RegionSummary(
        period,
        len(values),
        len(states),
        median=Decimal(str(statistics.median(numbers))),
        low=numbers[0],
        high=numbers[-1],
    )
