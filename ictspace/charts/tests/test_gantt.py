"""The plan timeline: well-formed, accessible, escaped, the same every time."""

import datetime

import pytest
from defusedxml import ElementTree

from ictspace.catalogue.models import Library
from ictspace.charts import gantt
from ictspace.directory.models import Jurisdiction
from ictspace.tracking.workplan import timeline, work_plan

IWP = "single-ict-space-iwp-2017"
D = datetime.date
SVG = "{http://www.w3.org/2000/svg}"


def _state(code):
    return Jurisdiction.objects.get(code=code)


def _svg():
    as_of = D(2019, 1, 1)
    library = Library.objects.get(slug=IWP)
    rows = work_plan(library, jurisdiction=_state("CARICOM"), as_of=as_of)
    return gantt.render_svg(timeline(library, rows, as_of=as_of))


@pytest.mark.django_db
def test_svg_is_well_formed_and_accessible(loaded_libraries):
    svg = _svg()
    root = ElementTree.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert "Integrated Work Plan" in title.text
    # Dates in the site's one style, as on the page around the chart.
    assert "2017 (Last quarter) – 2018" in desc.text and "1 Jan 2019" in desc.text
    assert root.get("aria-labelledby") == "timeline-title timeline-desc"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Phase 4: 2022 (2/3 quarter)" in texts
    assert "As of 1 Jan 2019" in texts
    assert root.find(f".//{SVG}g[@class='as-of']/{SVG}line") is not None
    assert root.findall(f".//{SVG}g[@class='marker overdue']")
    assert svg == _svg()  # deterministic


def test_svg_escapes_every_text():
    chart = gantt.Timeline(
        title='<script>alert("x")</script> & co',
        as_of=D(2020, 1, 1),
        bars=(gantt.Bar("1", "<b>one</b>", D(2019, 1, 1), D(2019, 12, 31), "2019", "2019"),),
        markers=(gantt.Marker("A & <B>", D(2019, 6, 30), 3, 1),),
    )
    svg = gantt.render_svg(chart, id_prefix='x"y')
    assert "<script>" not in svg and "<b>" not in svg
    root = ElementTree.fromstring(svg)
    assert root.find(f"{SVG}title").text == '<script>alert("x")</script> & co'


@pytest.mark.django_db
def test_long_labels_wrap_instead_of_being_cut(loaded_libraries):
    root = ElementTree.fromstring(_svg())
    labels = [" ".join(s.text for s in t.iter(f"{SVG}tspan")) for t in root.iter(f"{SVG}text")]
    # "1 Environmental assessment, informat…" was cut to one line; it wraps whole now.
    assert any(label.startswith("1 Environmental assessment, information") for label in labels)
    assert not any(label.endswith("…") for label in labels)
