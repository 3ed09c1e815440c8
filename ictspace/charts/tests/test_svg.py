"""What every chart shares: an accessible image, escaped text, determinism, the template."""

import datetime

import pytest
from defusedxml import ElementTree
from django.template.loader import render_to_string

from ictspace.charts import gantt
from ictspace.charts.colours import PROGRESS_STYLES, LegendEntry
from ictspace.charts.comparison import Bar, comparison
from ictspace.charts.svg import diamond, esc, fit, num, polyline, svg_heading, svg_open, text_width
from ictspace.charts.tests.helpers import (
    BUILDERS,
    HOSTILE,
    SVG,
    parse_svg,
    sample_comparison,
    sample_series,
    sample_tiles,
    svg_texts,
    year,
)
from ictspace.charts.tilemap import Tile, tile_map
from ictspace.charts.timeseries import time_series


@pytest.mark.parametrize("build", BUILDERS.values(), ids=BUILDERS.keys())
def test_chart_is_an_accessible_image(build):
    root = parse_svg(build("Barbados").svg)

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
    root = parse_svg(chart.svg)  # still well-formed XML
    written = [*svg_texts(root), *("".join(t.itertext()) for t in root.iter(f"{SVG}title"))]
    assert any(HOSTILE in text for text in written)


@pytest.mark.parametrize("build", BUILDERS.values(), ids=BUILDERS.keys())
def test_chart_is_deterministic(build):
    assert build("Barbados") == build("Barbados")


def test_chart_template_renders_the_svg_and_the_table():
    html = render_to_string("charts/_chart.html", {"chart": sample_comparison(HOSTILE)})

    assert html.count("<svg") == 1
    assert "<details" in html and '<details class="chart-data" open' not in html
    assert "Show the data as a table" in html
    assert "<caption>Households online, 2023</caption>" in html
    assert '<th scope="col">Jurisdiction</th>' in html
    assert '<th scope="row">Haiti</th><td>no data</td>' in html
    assert "<script>" not in html


def test_chart_template_opens_the_table_when_there_is_no_picture():
    html = render_to_string(
        "charts/_chart.html", {"chart": sample_series(points=[], baseline=None, targets=[])}
    )

    assert "<svg" not in html
    assert '<details class="chart-data" open>' in html
    assert '<th scope="row">No observations yet</th>' in html


# The primitives ---------------------------------------------------------------------------


def test_esc_escapes_markup_ampersands_and_both_quotes():
    assert esc('<a href="x">Tom & Jerry\'s</a>') == (
        "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#x27;s&lt;/a&gt;"
    )
    assert esc(12.5) == "12.5"


def test_frame_escapes_its_ids_title_and_description():
    hostile, prefix = "<x & \"y\" 'z'>", "<p&\"q'>"
    svg = svg_open(prefix, "chart", 100, 50) + svg_heading(prefix, hostile, hostile) + "</svg>"

    root = ElementTree.fromstring(svg)
    assert root.get("aria-labelledby") == f"{prefix}-title {prefix}-desc"
    assert root.find(f"{SVG}title").get("id") == f"{prefix}-title"
    assert root.find(f"{SVG}desc").get("id") == f"{prefix}-desc"
    assert root.find(f"{SVG}title").text == hostile
    assert root.find(f"{SVG}desc").text == hostile
    assert root.get("viewBox") == "0 0 100.0 50.0"


def test_fit_cuts_with_an_ellipsis_and_keeps_what_fits():
    assert fit("Barbados", 66) == "Barbados"
    assert fit("Saint Vincent and the Grenadines", 66) == "Saint Vin…"
    assert fit("Saint Vincent and the Grenadines", 70, char_width=7.0) == "Saint Vin…"
    assert fit("abcdefgh", 1) == "abc…"  # never fewer than four characters
    assert text_width("abc") == pytest.approx(19.8)
    assert num(1 / 3) == "0.3" and num(-0.04) == "-0.0" and num(720) == "720.0"


def test_marks_write_their_points():
    assert diamond(10, 20, 5) == "10.0,15.0 15.0,20.0 10.0,25.0 5.0,20.0"
    line = polyline([(0, 0), (1.25, 2)], "#000000", "6 4")
    assert line == (
        '<polyline points="0.0,0.0 1.2,2.0" fill="none" stroke="#000000" '
        'stroke-width="2" stroke-dasharray="6 4"/>'
    )
    assert "dasharray" not in polyline([(0, 0)], "#000000")


# Every kind of chart, on awkward inputs, is well-formed XML --------------------------------


def _timeline(text: str) -> str:
    D = datetime.date
    chart = gantt.Timeline(
        title=text,
        as_of=D(2045, 5, 5),  # far right: the as-of label turns to the left
        bars=(gantt.Bar(text, text, D(2017, 10, 1), D(2018, 12, 31), text, text),),
        markers=(
            gantt.Marker(text, D(2001, 2, 3), 1, 1),
            gantt.Marker(text, D(2003, 2, 3), 5, 0),
        ),
    )
    return gantt.render_svg(chart, id_prefix=text)


def _ordinal(text: str) -> str:
    points = [year(2020, 1, text), year(2023, 2, "Moderate")]
    return time_series(
        title=text,
        unit_label=text,
        points=points,
        baseline=year(2019, 0, text),
        targets=[year(2026, 3, text)],
        levels=[text, "Low", "Moderate", text * 10],
        id_prefix=text,
    ).svg


def _negative(text: str) -> str:
    bars = [Bar(text, text, -40.25, text), Bar("B", text * 20, 12, "12"), Bar("C", "C", None, "")]
    return comparison(
        title=text, unit_label=text, period_label=text, bars=bars, target=-3, id_prefix=text
    ).svg


def _unknown_tiles(text: str) -> str:
    style = PROGRESS_STYLES["limited"]
    extra = (Tile("XX", text, text * 5, style.fill, style.ink),)
    legend = [*PROGRESS_STYLES.values(), LegendEntry(text, "#ffffff", "#1b1f24")]
    return tile_map(
        title=text,
        tiles=[Tile("BB", text, text, style.fill, style.ink), *extra],
        legend=legend,
        id_prefix=text,
    ).svg


KINDS = {
    "gantt": _timeline,
    "time_series": lambda text: sample_series(title=text, unit_label=text).svg,
    "time_series_targets_only": lambda text: sample_series(title=text, points=[]).svg,
    "time_series_ordinal": _ordinal,
    "comparison": lambda text: sample_comparison(text).svg,
    "comparison_negative": _negative,
    "tile_map": lambda text: sample_tiles(text).svg,
    "tile_map_unknown_codes": _unknown_tiles,
}


@pytest.mark.parametrize("text", ["Barbados", HOSTILE, 'Tom & Jerry\'s "<b>"'])
@pytest.mark.parametrize("render", KINDS.values(), ids=KINDS.keys())
def test_every_kind_of_chart_is_well_formed_xml(render, text):
    svg = render(text)

    root = ElementTree.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert "<script>" not in svg and "<b>" not in svg
    written = [*svg_texts(root), *("".join(t.itertext()) for t in root.iter(f"{SVG}title"))]
    assert any(text in line for line in written)
