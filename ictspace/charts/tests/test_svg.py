"""What every chart shares: an accessible image, escaped text, determinism, the template."""

import pytest
from django.template.loader import render_to_string

from ictspace.charts.tests.helpers import (
    BUILDERS,
    HOSTILE,
    SVG,
    parse_svg,
    sample_comparison,
    sample_series,
    svg_texts,
)


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
