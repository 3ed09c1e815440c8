"""Progress status of an indicator in a jurisdiction: where it is against where it should be.

The method (explained for users in docs/indicators.md) compares the change achieved since
the baseline with the change the targets required by the latest observation:

- The *trajectory* runs straight from the baseline to each target in turn (targets in
  period order; the baseline is the stated one, else the earliest observation).
- **Target achieved**: the latest value meets the final target (its comparator; a plain
  target means "at least" for higher-is-better indicators and "at most" for lower).
- Otherwise, with `actual` = latest − baseline and `required` = trajectory(latest) −
  baseline, the ratio `actual / required` decides: **on track** from 0.95, **moderate
  progress** from 0.5, **limited progress** from 0 (including no change), and
  **deterioration** below 0 (moving away from the target).
- **Insufficient data**: no target, no observation, or no baseline earlier than the
  latest observation (nothing to measure change against).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ACHIEVED, ON_TRACK, MODERATE, LIMITED, DETERIORATION, INSUFFICIENT = (
    "achieved",
    "on_track",
    "moderate",
    "limited",
    "deterioration",
    "insufficient_data",
)
LABELS = {
    ACHIEVED: gettext_lazy("Target achieved"),
    ON_TRACK: gettext_lazy("On track"),
    MODERATE: gettext_lazy("Moderate progress"),
    LIMITED: gettext_lazy("Limited progress"),
    DETERIORATION: gettext_lazy("Deterioration"),
    INSUFFICIENT: gettext_lazy("Insufficient data"),
}
ON_TRACK_FROM = Decimal("0.95")
MODERATE_FROM = Decimal("0.5")


@dataclass(frozen=True)
class Mark:
    """A value at a time: an observation, the baseline, or a target (with its comparator)."""

    when: datetime.date
    value: Decimal
    comparator: str = "="


@dataclass(frozen=True)
class Progress:
    status: str
    explanation: str
    ratio: Decimal | None = None

    @property
    def label(self) -> str:
        return str(LABELS[self.status])


def meets(value: Decimal, target: Mark, direction: str) -> bool:
    comparator = target.comparator
    if comparator == "=":
        comparator = {"increase": ">=", "decrease": "<="}.get(direction, "=")
    return {
        "=": value == target.value,
        ">=": value >= target.value,
        ">": value > target.value,
        "<=": value <= target.value,
        "<": value < target.value,
    }[comparator]


def _months(a: datetime.date, b: datetime.date) -> Decimal:
    # Periods are months at the finest, so time is counted in months: a year is always 12.
    return Decimal((b.year - a.year) * 12 + b.month - a.month)


def trajectory(baseline: Mark, targets: list[Mark], when: datetime.date) -> Decimal:
    """The value the plan expects at `when`: straight lines from the baseline through targets."""
    previous = baseline
    for target in targets:
        if when <= target.when:
            span = _months(previous.when, target.when)
            if span <= 0:
                return target.value
            share = _months(previous.when, when) / span
            return previous.value + (target.value - previous.value) * max(share, Decimal(0))
        previous = target
    return targets[-1].value


def assess(
    *,
    direction: str,
    observations: list[Mark],
    targets: list[Mark],
    baseline: Mark | None = None,
) -> Progress:
    """The progress status; `observations` and `targets` in any order."""
    if not targets:
        return Progress(INSUFFICIENT, _("No target is set."))
    if not observations:
        return Progress(INSUFFICIENT, _("No validated observation yet."))
    observations = sorted(observations, key=lambda m: m.when)
    targets = sorted(targets, key=lambda m: m.when)
    latest, final = observations[-1], targets[-1]
    if meets(latest.value, final, direction):
        return Progress(ACHIEVED, _("The latest value meets the final target."))
    start = baseline if baseline is not None else observations[0]
    if start.when >= latest.when:
        return Progress(INSUFFICIENT, _("No baseline before the latest observation."))
    required = trajectory(start, targets, latest.when) - start.value
    actual = latest.value - start.value
    if required == 0:
        status = (
            DETERIORATION if actual != 0 and not meets(latest.value, final, direction) else LIMITED
        )
        return Progress(status, _("The plan required no change yet; the target is not met."))
    ratio = actual / required
    if ratio >= ON_TRACK_FROM:
        status = ON_TRACK
    elif ratio >= MODERATE_FROM:
        status = MODERATE
    elif ratio >= 0:
        status = LIMITED
    else:
        status = DETERIORATION
    explanation = _(
        "%(pct)s%% of the change the targets required by %(when)s has been achieved."
    ) % {"pct": round(ratio * 100), "when": latest.when.isoformat()}
    return Progress(status, explanation, ratio)
