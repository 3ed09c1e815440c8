import datetime

import pytest

from ictspace.indicators.periods import parse_period, plan_year, resolve

D = datetime.date


@pytest.mark.parametrize(
    ("text", "code", "start", "end"),
    [
        ("2024", "2024", D(2024, 1, 1), D(2024, 12, 31)),
        ("2024-S2", "2024-S2", D(2024, 7, 1), D(2024, 12, 31)),
        ("2024-h1", "2024-S1", D(2024, 1, 1), D(2024, 6, 30)),
        ("2024Q1", "2024-Q1", D(2024, 1, 1), D(2024, 3, 31)),
        (" 2024-Q4 ", "2024-Q4", D(2024, 10, 1), D(2024, 12, 31)),
        ("2024-02", "2024-02", D(2024, 2, 1), D(2024, 2, 29)),
        (2019, "2019", D(2019, 1, 1), D(2019, 12, 31)),
    ],
)
def test_periods_in_their_accepted_forms(text, code, start, end):
    period = parse_period(text)
    assert (period.code, period.start, period.end) == (code, start, end)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-13", "has no month 13"),
        ("2024-Q5", "is not a period"),
        ("FY2024", "is not a period"),
        ("", "is not a period"),
        ("1492", "not a plausible year"),
    ],
)
def test_bad_periods_say_what_to_write(text, message):
    with pytest.raises(ValueError, match=message):
        parse_period(text)


def test_plan_years_count_from_the_plans_start():
    # The Belize plan: YEAR 1 is 2015 (its library's plan_start).
    assert plan_year("Y1", "2015").code == "2015"
    assert plan_year("Y5", "2015").code == "2019"
    assert resolve("Year 3", "2015").code == "2017"
    assert resolve("2018-Q2", "2015").code == "2018-Q2"
    with pytest.raises(ValueError):
        resolve("Y2", None)


def test_periods_sort_by_time():
    codes = ["2024-Q2", "2023", "2024-01", "2024-S1"]
    assert [p.code for p in sorted(map(parse_period, codes))] == [
        "2023",
        "2024-01",
        "2024-S1",
        "2024-Q2",
    ]
