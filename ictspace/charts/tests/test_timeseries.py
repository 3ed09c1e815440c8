from ictspace.charts.tests.helpers import SVG, of_kind, parse_svg, sample_series, svg_texts, year
from ictspace.charts.timeseries import time_series


def test_time_series_draws_a_marker_per_observation_and_target_and_the_baseline():
    root = parse_svg(sample_series().svg)

    assert len(of_kind(root, "observation")) == 4
    assert len(of_kind(root, "target")) == 2
    assert [g.get("data-period") for g in of_kind(root, "baseline")] == ["2018"]
    assert root.find(f".//{SVG}polygon") is not None  # targets are diamonds


def test_time_series_table_has_one_row_per_period_in_order():
    table = sample_series().table

    assert table.header == ("Period", "Baseline", "Observed", "Target")
    assert [row[0] for row in table.rows] == [
        "2018",
        "2019",
        "2021-S1",
        "2021-S2",
        "2023",
        "2025",
        "2030",
    ]
    assert table.rows[0] == ("2018", "31.5 %", "", "")
    assert table.rows[-1] == ("2030", "", "", "90 %")


def test_time_series_value_axis_has_round_ticks():
    texts = svg_texts(parse_svg(sample_series().svg))

    assert {"0", "20", "40", "60", "80", "100"} <= set(texts)


def test_ordinal_time_series_labels_the_y_axis_with_the_levels():
    levels = ["None", "Low", "Moderate", "High"]
    points = [year(2020, 1, "Low"), year(2023, 2, "Moderate")]

    chart = time_series(
        title="CSIRT maturity",
        unit_label="Level",
        points=points,
        baseline=None,
        targets=[year(2026, 3, "High")],
        levels=levels,
    )

    texts = svg_texts(parse_svg(chart.svg))
    assert set(levels) <= set(texts)
    assert "0" not in texts  # no numeric ticks


def test_time_series_without_anything_is_an_empty_table():
    chart = sample_series(points=[], baseline=None, targets=[])

    assert chart.svg == ""
    assert chart.table.rows == (("No observations yet", "", "", ""),)


def test_time_series_with_targets_only_says_there_are_no_observations():
    root = parse_svg(sample_series(points=[]).svg)

    assert "No observations yet" in svg_texts(root)
    assert len(of_kind(root, "target")) == 2
