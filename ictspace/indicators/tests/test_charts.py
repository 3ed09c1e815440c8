import datetime
from pathlib import Path

import pytest
import yaml
from defusedxml import ElementTree
from django.template.loader import render_to_string

from ictspace.indicators.charts import (
    Bar,
    Point,
    comparison,
    format_number,
    nice_ticks,
    time_series,
)
from ictspace.indicators.tilemap import (
    PROGRESS_STYLES,
    TILE_LAYOUT,
    Tile,
    tile_map,
    value_scale,
)

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>&"'
DIRECTORY = Path(__file__).resolve().parents[2] / "directory" / "data" / "caricom.yaml"


def _year(year: int, value: float, label: str = "") -> Point:
    end = datetime.date(year, 12, 31)
    return Point(str(year), datetime.date(year, 1, 1), end, value, label or f"{value:g} %")


def _half(year: int, half: int, value: float) -> Point:
    start = datetime.date(year, 1 if half == 1 else 7, 1)
    end = datetime.date(year, 6, 30) if half == 1 else datetime.date(year, 12, 31)
    return Point(f"{year}-S{half}", start, end, value, f"{value:g} %")


def _series(title: str = "Households online", **overrides):
    arguments = {
        "title": title,
        "unit_label": "% of households",
        "points": [_year(2019, 35), _half(2021, 1, 47), _half(2021, 2, 49.5), _year(2023, 58.1)],
        "baseline": _year(2018, 31.5),
        "targets": [_year(2025, 70), _year(2030, 90)],
    }
    return time_series(**{**arguments, **overrides})


def _comparison(name: str = "Barbados"):
    return comparison(
        title="Households online",
        unit_label="% of households",
        period_label="2023",
        bars=[
            Bar("AG", "Antigua and Barbuda", 38.6, "38.6 %"),
            Bar("BB", name, 48.9, "48.9 %"),
            Bar("HT", "Haiti", None, ""),
            Bar("JM", "Jamaica", 85.3, "85.3 %", css_class="is-selected"),
        ],
        target=75,
    )


def _tiles(name: str = "Barbados", extra: tuple[Tile, ...] = ()):
    on_track, limited = PROGRESS_STYLES["on_track"], PROGRESS_STYLES["limited"]
    tiles = [
        Tile("CARICOM", "Caribbean Community", "On track", on_track.fill, on_track.ink),
        Tile("BB", name, "On track", on_track.fill, on_track.ink),
        Tile("BZ", "Belize", "Limited progress", limited.fill, limited.ink),
        Tile("KY", "Cayman Islands", "Limited progress", limited.fill, limited.ink),
        *extra,
    ]
    return tile_map(title="Progress", tiles=tiles, legend=list(PROGRESS_STYLES.values()))


def _parse(svg: str):
    return ElementTree.fromstring(svg)


def _texts(root) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def _of_kind(root, kind: str) -> list:
    return [g for g in root.iter(f"{SVG}g") if g.get("data-kind") == kind]


def _luminance(colour: str) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


BUILDERS = {
    "time_series": lambda name: _series(title=name),
    "comparison": _comparison,
    "tile_map": _tiles,
}


# Every chart ------------------------------------------------------------------------------


@pytest.mark.parametrize("build", BUILDERS.values(), ids=BUILDERS.keys())
def test_chart_is_an_accessible_image(build):
    root = _parse(build("Barbados").svg)

    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id
    assert root.find(f"{SVG}desc").get("id") == desc_id
    assert root.find(f"{SVG}title").text
    assert root.find(f"{SVG}desc").text


@pytest.mark.parametrize("build", BUILDERS.values(), ids=BUILDERS.keys())
def test_chart_escapes_hostile_text(build):
    chart = build(HOSTILE)

    assert "<script>" not in chart.svg
    root = _parse(chart.svg)  # still well-formed XML
    written = [*_texts(root), *("".join(t.itertext()) for t in root.iter(f"{SVG}title"))]
    assert any(HOSTILE in text for text in written)


@pytest.mark.parametrize("build", BUILDERS.values(), ids=BUILDERS.keys())
def test_chart_is_deterministic(build):
    assert build("Barbados") == build("Barbados")


# Time series ------------------------------------------------------------------------------


def test_time_series_draws_a_marker_per_observation_and_target_and_the_baseline():
    root = _parse(_series().svg)

    assert len(_of_kind(root, "observation")) == 4
    assert len(_of_kind(root, "target")) == 2
    assert [g.get("data-period") for g in _of_kind(root, "baseline")] == ["2018"]
    assert root.find(f".//{SVG}polygon") is not None  # targets are diamonds


def test_time_series_table_has_one_row_per_period_in_order():
    table = _series().table

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
    texts = _texts(_parse(_series().svg))

    assert {"0", "20", "40", "60", "80", "100"} <= set(texts)


def test_ordinal_time_series_labels_the_y_axis_with_the_levels():
    levels = ["None", "Low", "Moderate", "High"]
    points = [_year(2020, 1, "Low"), _year(2023, 2, "Moderate")]

    chart = time_series(
        title="CSIRT maturity",
        unit_label="Level",
        points=points,
        baseline=None,
        targets=[_year(2026, 3, "High")],
        levels=levels,
    )

    texts = _texts(_parse(chart.svg))
    assert set(levels) <= set(texts)
    assert "0" not in texts  # no numeric ticks


def test_time_series_without_anything_is_an_empty_table():
    chart = _series(points=[], baseline=None, targets=[])

    assert chart.svg == ""
    assert chart.table.rows == (("No observations yet", "", "", ""),)


def test_time_series_with_targets_only_says_there_are_no_observations():
    root = _parse(_series(points=[]).svg)

    assert "No observations yet" in _texts(root)
    assert len(_of_kind(root, "target")) == 2


# Comparison -------------------------------------------------------------------------------


def test_comparison_writes_no_data_for_a_missing_value():
    chart = _comparison()
    root = _parse(chart.svg)

    values = {
        g.get("data-code"): "".join(g.itertext())
        for g in root.iter(f"{SVG}g")
        if g.get("class") == "value"
    }
    assert values == {"AG": "38.6 %", "BB": "48.9 %", "HT": "no data", "JM": "85.3 %"}
    assert ("Haiti", "no data") in chart.table.rows


def test_comparison_keeps_the_given_order_and_classes():
    root = _parse(_comparison().svg)

    bars = [g for g in root.iter(f"{SVG}g") if "bar" in (g.get("class") or "").split()]
    assert [g.get("data-code") for g in bars] == ["AG", "BB", "HT", "JM"]
    assert "is-selected" in bars[-1].get("class").split()
    assert len(_of_kind(root, "target")) == 1


def test_comparison_without_target_draws_no_target_line():
    chart = comparison(
        title="T", unit_label="u", period_label="2023", bars=[Bar("BB", "Barbados", 1, "1")]
    )

    assert _of_kind(_parse(chart.svg), "target") == []


# Tile map ---------------------------------------------------------------------------------


def _tile_rects(root) -> list:
    return [r for r in root.iter(f"{SVG}rect") if r.get("data-code")]


def test_tile_map_has_one_equal_tile_per_jurisdiction_at_distinct_places():
    codes = ["CARICOM", *TILE_LAYOUT.keys() - {"CARICOM"}]
    style = PROGRESS_STYLES["moderate"]
    tiles = [Tile(code, code, "42 %", style.fill, style.ink) for code in sorted(codes)]

    rects = _tile_rects(_parse(tile_map(title="All", tiles=tiles, legend=[style]).svg))

    assert sorted(r.get("data-code") for r in rects) == sorted(codes)
    assert {(r.get("width"), r.get("height")) for r in rects} == {("88", "88")}
    assert len({(r.get("x"), r.get("y")) for r in rects}) == len(rects)


def test_tile_map_gives_unknown_codes_a_tile_in_a_last_row():
    style = PROGRESS_STYLES["insufficient_data"]
    extra = (Tile("XX", "Elsewhere", "no data", style.fill, style.ink),)

    rects = {r.get("data-code"): r for r in _tile_rects(_parse(_tiles(extra=extra).svg))}

    assert set(rects) == {"CARICOM", "BB", "BZ", "KY", "XX"}
    assert float(rects["XX"].get("y")) > max(
        float(r.get("y")) for r in rects.values() if r is not rects["XX"]
    )


def test_each_tile_has_its_own_title_and_writes_its_value():
    root = _parse(_tiles().svg)

    tiles = [g for g in root.iter(f"{SVG}g") if g.get("class") == "tile"]
    assert [g.find(f"{SVG}title").text for g in tiles] == [
        "Caribbean Community: On track",
        "Barbados: On track",
        "Belize: Limited progress",
        "Cayman Islands: Limited progress",
    ]
    assert {"BB", "On track", "Limited", "progress"} <= set(_texts(root))


def test_tile_map_has_a_text_legend_and_a_table():
    chart = _tiles()

    texts = _texts(_parse(chart.svg))
    assert {str(entry.label) for entry in PROGRESS_STYLES.values()} <= set(texts)
    assert chart.table.rows[1] == ("Barbados", "On track")


def test_layout_places_every_directory_code_once():
    directory = yaml.safe_load(DIRECTORY.read_text(encoding="utf-8"))
    codes = {directory["region"]["code"], *(j["iso"] for j in directory["jurisdictions"])}

    assert set(TILE_LAYOUT) == codes
    assert len(set(TILE_LAYOUT.values())) == len(TILE_LAYOUT)


# Colours ----------------------------------------------------------------------------------


def test_progress_styles_cover_the_six_statuses_with_readable_text():
    labels = {key: str(style.label) for key, style in PROGRESS_STYLES.items()}

    assert labels == {
        "achieved": "Target achieved",
        "on_track": "On track",
        "moderate": "Moderate progress",
        "limited": "Limited progress",
        "deterioration": "Deterioration",
        "insufficient_data": "Insufficient data",
    }
    for style in PROGRESS_STYLES.values():
        assert _contrast(style.fill, style.ink) >= 4.5, style
    assert len({style.fill for style in PROGRESS_STYLES.values()}) == 6


@pytest.mark.parametrize("direction", ["increase", "decrease"])
def test_value_scale_is_darker_for_better_values(direction):
    values = [10.0, 20.0, 35.0, 50.0, 60.0, None]

    scale = value_scale(values, direction=direction)

    low, high = _luminance(scale(10.0).fill), _luminance(scale(60.0).fill)
    assert (high < low) if direction == "increase" else (low < high)
    ladder = [_luminance(entry.fill) for entry in scale.entries]
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
        assert _contrast(entry.fill, entry.ink) >= 4.5, entry


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


# Template ---------------------------------------------------------------------------------


def test_chart_template_renders_the_svg_and_the_table():
    html = render_to_string("indicators/_chart.html", {"chart": _comparison(HOSTILE)})

    assert html.count("<svg") == 1
    assert "<details" in html and '<details class="chart-data" open' not in html
    assert "Show the data as a table" in html
    assert "<caption>Households online, 2023</caption>" in html
    assert '<th scope="col">Jurisdiction</th>' in html
    assert '<th scope="row">Haiti</th><td>no data</td>' in html
    assert "<script>" not in html


def test_chart_template_opens_the_table_when_there_is_no_picture():
    html = render_to_string(
        "indicators/_chart.html", {"chart": _series(points=[], baseline=None, targets=[])}
    )

    assert "<svg" not in html
    assert '<details class="chart-data" open>' in html
    assert '<th scope="row">No observations yet</th>' in html
