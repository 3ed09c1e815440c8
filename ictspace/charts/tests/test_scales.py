import datetime

import pytest

from ictspace.charts.scales import LinearScale, YearScale, format_number, nice_ticks, value_scale
from ictspace.charts.tests.helpers import contrast, luminance


@pytest.mark.parametrize("direction", ["increase", "decrease"])
def test_value_scale_is_darker_for_better_values(direction):
    values = [10.0, 20.0, 35.0, 50.0, 60.0, None]

    scale = value_scale(values, direction=direction)

    low, high = luminance(scale(10.0).fill), luminance(scale(60.0).fill)
    assert (high < low) if direction == "increase" else (low < high)
    ladder = [luminance(entry.fill) for entry in scale.entries]
    assert ladder == sorted(ladder, reverse=direction == "increase")


def test_value_scale_bins_are_equal_intervals_with_ranges_in_the_legend():
    scale = value_scale([10.0, 20.0, 35.0, 50.0, 60.0], direction="increase")

    assert [str(entry.label) for entry in scale.legend] == [
        "10.0 – 20.0",
        "20.0 – 30.0",
        "30.0 – 40.0",
        "40.0 – 50.0",
        "50.0 – 60.0",
        "No data",
    ]
    assert scale(20.0) == scale.entries[1]  # a bin holds its lower bound
    assert scale(60.0) == scale.entries[-1]
    assert scale(None).label == scale.legend[-1].label
    for entry in scale.legend:
        assert contrast(entry.fill, entry.ink) >= 4.5, entry


def test_value_scale_edge_cases():
    assert value_scale([None], direction="increase")(None) == value_scale([], direction="none")(1)
    single = value_scale([7.0, 7.0], direction="decrease")
    assert [str(e.label) for e in single.entries] == ["7"]
    assert single(7.0) == single.entries[0]
    with pytest.raises(ValueError):
        value_scale([1.0], direction="sideways")


def test_round_numbers():
    assert nice_ticks([0.0, 42.5, 90.0]) == ([0, 20, 40, 60, 80, 100], 20)
    assert nice_ticks([0.12, 0.31]) == ([0.0, 0.1, 0.2, 0.3, 0.4], 0.1)
    assert nice_ticks([7.0]) == ([0, 2, 4, 6, 8], 2)  # one value: zero stays in view
    assert format_number(-0.0001, 0.1) == "0.0"
    assert format_number(2_500_000, 500_000) == "2,500,000"
    assert format_number(12.25, 12.25) == "12.25"


def test_linear_scale_maps_the_range_either_way_round():
    up = LinearScale(0.0, 100.0, 40.0, 240.0)
    down = LinearScale(0.0, 100.0, 254.0, 34.0)  # a y axis: larger values higher up

    assert (up(0), up(50), up(100)) == (40.0, 140.0, 240.0)
    assert (down(0), down(50), down(100)) == (254.0, 144.0, 34.0)


def test_year_scale_covers_whole_years_and_thins_its_labels():
    D = datetime.date
    scale = YearScale.covering([D(2019, 6, 1), D(2017, 3, 3)], left=100, right=400)

    assert (scale.first, scale.last, scale.years) == (
        D(2017, 1, 1),
        D(2020, 1, 1),
        [2017, 2018, 2019],
    )
    assert scale.x(D(2017, 1, 1)) == 100 and scale.x(D(2020, 1, 1)) == 400
    assert [year for year, _x in scale.labelled(12)] == [2017, 2018, 2019]
    wide = YearScale.covering([D(2000, 1, 1), D(2029, 1, 1)], left=0, right=300)
    assert [year for year, _x in wide.labelled(12)] == list(range(2000, 2030, 3))
