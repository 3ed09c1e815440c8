"""Axes that start at zero for counts and percentages; an empty chart says so in words."""

from ictspace.charts.comparison import Bar, comparison
from ictspace.charts.scales import nice_ticks
from ictspace.charts.tests.helpers import parse_svg, svg_texts, year
from ictspace.charts.timeseries import time_series


def test_from_zero_keeps_zero_in_view_even_for_close_values():
    assert nice_ticks([80.0, 90.0])[0][0] > 0  # a close-up by default
    values, _step = nice_ticks([80.0, 90.0], from_zero=True)
    assert values[0] == 0 and values[-1] >= 90


def test_all_zero_values_run_from_zero_up_not_from_minus_one():
    values, _step = nice_ticks([0.0, 0.0])
    assert values[0] == 0 and values[-1] > 0


def test_a_time_series_of_percentages_starts_its_axis_at_zero():
    points = [year(2021, 81.0, "81 %"), year(2023, 88.0, "88 %")]
    chart = time_series(
        title="Internet use",
        unit_label="%",
        points=points,
        baseline=None,
        targets=[],
        from_zero=True,
    )
    assert "0" in svg_texts(parse_svg(chart.svg))
    close_up = time_series(
        title="Internet use", unit_label="%", points=points, baseline=None, targets=[]
    )
    assert "0" not in svg_texts(parse_svg(close_up.svg))


def test_an_empty_time_series_says_no_data_yet_instead_of_an_axis():
    chart = time_series(title="Empty", unit_label="%", points=[], baseline=None, targets=[])
    assert chart.svg == ""
    assert chart.empty == "No data yet."


def test_a_comparison_without_any_value_says_no_data_yet():
    bars = [Bar("BB", "Barbados", None, ""), Bar("JM", "Jamaica", None, "")]
    chart = comparison(title="T", unit_label="%", period_label="2024", bars=bars)
    assert chart.svg == ""
    assert chart.empty == "No data yet."
    assert ("Barbados", "no data") in chart.table.rows


def test_the_chart_template_shows_the_words_in_place_of_the_picture():
    from django.template.loader import render_to_string

    chart = time_series(title="Empty", unit_label="%", points=[], baseline=None, targets=[])
    html = render_to_string("charts/_chart.html", {"chart": chart})
    assert '<p class="chart-empty">No data yet.</p>' in html
    assert "<svg" not in html
