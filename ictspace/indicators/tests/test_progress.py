import datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from ictspace.indicators.progress import (
    ACHIEVED,
    DETERIORATION,
    INSUFFICIENT,
    LIMITED,
    MODERATE,
    ON_TRACK,
    Mark,
    assess,
    trajectory,
)

D = datetime.date


def _m(year, value, comparator="="):
    return Mark(D(year, 12, 31), Decimal(value), comparator)


BASE = _m(2015, 10)
TARGET = _m(2025, 110)  # +10 a year


def _status(latest_year, latest_value, **kwargs):
    return assess(
        direction=kwargs.get("direction", "increase"),
        observations=[_m(latest_year, latest_value)],
        targets=kwargs.get("targets", [TARGET]),
        baseline=kwargs.get("baseline", BASE),
    ).status


def test_the_boundaries_of_each_status():
    # By 2020 the trajectory expects 60: a change of 50 from the baseline.
    assert _status(2020, 110) == ACHIEVED
    assert _status(2020, Decimal("57.5")) == ON_TRACK  # 47.5 / 50 = 0.95
    assert _status(2020, Decimal("57.49")) == MODERATE
    assert _status(2020, 35) == MODERATE  # 25 / 50 = 0.5
    assert _status(2020, Decimal("34.99")) == LIMITED
    assert _status(2020, 10) == LIMITED  # no change at all
    assert _status(2020, Decimal("9.99")) == DETERIORATION


def test_lower_is_better_works_the_same_way_mirrored():
    base, target = _m(2015, 50), _m(2025, 10)  # a price basket falling to 10 % of GNI
    kwargs = {"direction": "decrease", "targets": [target], "baseline": base}
    assert _status(2020, 10, **kwargs) == ACHIEVED
    assert _status(2020, 30, **kwargs) == ON_TRACK
    assert _status(2020, 45, **kwargs) == LIMITED
    assert _status(2020, 55, **kwargs) == DETERIORATION


def test_insufficient_data():
    assert _status(2020, 50, targets=[]) == INSUFFICIENT
    assert assess(direction="increase", observations=[], targets=[TARGET]).status == INSUFFICIENT
    # No baseline and a single observation: nothing to measure change against.
    only = assess(direction="increase", observations=[_m(2020, 50)], targets=[TARGET])
    assert only.status == INSUFFICIENT
    # Without a stated baseline, the earliest observation serves as one.
    two = assess(direction="increase", observations=[_m(2016, 20), _m(2020, 60)], targets=[TARGET])
    assert two.status == ON_TRACK


def test_explicit_comparators_and_past_deadlines():
    assert _status(2020, 60, targets=[_m(2025, 60, ">")]) != ACHIEVED
    assert _status(2020, 61, targets=[_m(2025, 60, ">")]) == ACHIEVED
    # After the final target's date the whole change was required.
    assert _status(2030, 105) == ON_TRACK  # 95 / 100
    assert _status(2030, 100) == MODERATE  # 90 / 100


def test_intermediate_targets_bend_the_trajectory():
    targets = [_m(2017, 90), TARGET]  # most of the change expected early
    assert trajectory(BASE, targets, D(2017, 12, 31)) == 90
    assert _status(2017, 49, targets=targets) == LIMITED  # 39 / 80
    assert _status(2017, 50) == ON_TRACK  # the straight line expected 30


values = st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False)


@given(base=values, target=values, latest=values, year=st.integers(2016, 2030))
def test_every_case_gets_exactly_one_status_and_achieved_means_met(base, target, latest, year):
    result = assess(
        direction="increase",
        observations=[_m(year, latest)],
        targets=[_m(2025, target)],
        baseline=_m(2015, base),
    )
    assert result.status in {ACHIEVED, ON_TRACK, MODERATE, LIMITED, DETERIORATION}
    assert (result.status == ACHIEVED) == (latest >= target)
    if result.status != ACHIEVED and (latest - base) * (target - base) < 0:
        assert result.status == DETERIORATION  # moved away from the target


@given(latest=values, better=st.decimals(min_value="0.01", max_value=100, places=2))
def test_a_better_value_never_gets_a_worse_status(latest, better):
    order = [DETERIORATION, LIMITED, MODERATE, ON_TRACK, ACHIEVED]
    worse = _status(2020, latest)
    improved = _status(2020, latest + better)
    assert order.index(improved) >= order.index(worse)
