"""Indicator series for the core ICT indicators: several years for every member state."""

import random
from decimal import Decimal

from ictspace.catalogue.models import Indicator
from ictspace.indicators.actions import do_review_observation, do_set_target, do_submit_observation

YEARS = 6
# code → (start at the least developed, start at the most, yearly change low, high, kind).
# "add" moves by points a year, "scale" multiplies (prices fall by a share a year).
SERIES = {
    "mobile-cellular-subs": (95, 140, -3, 4, "add"),
    "active-mobile-broadband-subs": (40, 85, 3, 7, "add"),
    "fixed-broadband-subs": (6, 30, 0.4, 2, "add"),
    "pop-covered-4g": (55, 92, 2, 6, "add"),
    "hh-internet": (38, 80, 1.5, 4, "add"),
    "ind-internet": (45, 85, 1.5, 4, "add"),
    "fixed-broadband-basket": (9, 2.5, 0.85, 0.97, "scale"),
    "mobile-broadband-basket": (6, 1.5, 0.85, 0.97, "scale"),
}
TARGETED = ("ind-internet", "hh-internet", "fixed-broadband-subs", "fixed-broadband-basket")


def years(today) -> list[int]:
    return list(range(today.year - YEARS, today.year))


def series(rng: random.Random, code: str, development: float, count: int) -> list[Decimal]:
    """`count` plausible yearly values, kept inside the indicator's bounds."""
    low, high, step_low, step_high, kind = SERIES[code]
    value = low + (high - low) * development
    out = []
    for _year in range(count):
        out.append(_bounded(code, value))
        step = rng.uniform(step_low, step_high)
        value = value * step if kind == "scale" else value + step
    return out


def _bounded(code: str, value: float) -> Decimal:
    if code.endswith("basket"):
        return Decimal(str(round(max(value, 0.3), 2)))
    ceiling = 99.5 if code.startswith(("pop-", "hh-", "ind-")) else 300
    return Decimal(str(round(min(max(value, 0.5), ceiling), 1)))


def load(rng, states, reporters: dict, reviewer, today, *, held_back: set) -> int:
    """Submit and validate each series; `held_back` states keep their last year waiting."""
    indicators = Indicator.objects.filter(library__slug="ict-core-indicators", code__in=SERIES)
    indicators = sorted(indicators, key=lambda i: i.code)
    count = 0
    for state in states:
        development = rng.uniform(0.1, 0.95)
        author = reporters[state.pk]
        for indicator in indicators:
            values = series(rng, indicator.code, development, YEARS)
            for year, value in zip(years(today), values, strict=True):
                observation = do_submit_observation(
                    jurisdiction=state, indicator=indicator, period=str(year), value=value,
                    source="Demonstration data", acting_user=author,
                )  # fmt: skip
                count += 1
                if state.pk in held_back and year == today.year - 1:
                    continue  # waits for the reviewers: the demo accounts' queues
                do_review_observation(observation, decision="validate", acting_user=reviewer)
            if indicator.code in TARGETED:
                ambition = Decimal(str(round(rng.uniform(1.2, 3.5), 2)))
                _targets(indicator, state, values, today, author, ambition)
    return count


def _targets(indicator, state, values, today, author, ambition: Decimal) -> None:
    """A baseline at the first year and a target three years ahead: some states are on
    track, others set themselves more than their trend gives."""
    first, last = values[0], values[-1]
    goal = first + (last - first) * ambition
    goal = max(goal, first / 10)  # a price cannot fall below nothing
    if indicator.code.startswith(("hh-", "ind-")):
        goal = min(goal, Decimal("98"))
    common = {"jurisdiction": state, "indicator": indicator, "acting_user": author}
    do_set_target(kind="baseline", period=str(today.year - YEARS), value=first, **common)
    do_set_target(kind="target", period=str(today.year + 3), value=goal.quantize(first), **common)
