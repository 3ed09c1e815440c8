"""Pages show numbers and dates the French way; machine formats never do.

A decimal comma inside SVG coordinates or a CSV value would break them, so the chart kit
and the exports must write numbers the same way whatever the interface language.
"""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from ictspace.catalogue.models import Library
from ictspace.charts import gantt
from ictspace.charts.scales import format_number
from ictspace.charts.tests.helpers import (
    parse_svg,
    sample_comparison,
    sample_series,
    sample_tiles,
    svg_texts,
    year,
)
from ictspace.directory.models import Jurisdiction
from ictspace.indicators.tests.helpers_imports import PERCENT, observe
from ictspace.tracking.workplan import timeline, work_plan

SCALARS = {"x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "ry", "width", "height"}


def _coordinates(root) -> list[str]:
    """Every number an SVG element is drawn with, as written."""
    found = []
    for element in root.iter():
        found += [v for k, v in element.attrib.items() if k in SCALARS]
        found += element.get("viewBox", "").split()
        for pair in element.get("points", "").split():
            x, y = pair.split(",")  # a decimal comma would make three parts
            found += [x, y]
    return found


def _small_series():
    points = [year(2019, 0.15), year(2021, 0.35), year(2023, 0.45)]
    return sample_series(points=points, baseline=year(2018, 0.1), targets=[year(2025, 0.5)])


@pytest.mark.parametrize(
    "build", [_small_series, sample_series, sample_comparison, sample_tiles], ids=str
)
def test_chart_coordinates_ignore_the_language(build):
    with translation.override("fr"):
        root = parse_svg(build().svg)
    coordinates = _coordinates(root)
    assert coordinates
    for number in coordinates:
        float(number)  # raises on "12,5"


def test_chart_labels_follow_the_language():
    with translation.override("fr"):
        french = svg_texts(parse_svg(_small_series().svg))
        assert format_number(1234.5, 0.5) == "1\xa0234,5"
    with translation.override("en"):
        english = svg_texts(parse_svg(_small_series().svg))
    assert "0,2" in french and "0.2" in english


@pytest.mark.django_db
def test_the_work_plan_timeline_draws_the_same_in_french(loaded_libraries):
    library = Library.objects.get(slug="single-ict-space-iwp-2017")
    as_of = datetime.date(2019, 1, 1)
    rows = work_plan(library, jurisdiction=Jurisdiction.objects.get(code="CARICOM"), as_of=as_of)
    with translation.override("fr"):
        root = parse_svg(gantt.render_svg(timeline(library, rows, as_of=as_of)))
    for number in _coordinates(root):
        float(number)


@pytest.fixture
def decimal_value(loaded_libraries, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"
    observe(Jurisdiction.objects.get(code="BB"), PERCENT, "2020", "41.25")


def _export(client, fmt):
    client.cookies["django_language"] = "fr"
    response = client.get(reverse("indicators:export", args=[fmt]))
    assert response.status_code == 200
    assert response["Content-Language"] == "fr"  # the request was served in French
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.django_db
def test_csv_exports_write_a_decimal_point_in_french(cast, client_for, decimal_value):
    client = client_for(cast["auditor"])
    rows = list(csv.DictReader(io.StringIO(_export(client, "csv").decode("utf-8-sig"))))
    assert [r["value"] for r in rows] == ["41.25"]
    sdmx = _export(client, "sdmx").decode("utf-8-sig")
    assert "41.25" in sdmx and "41,25" not in sdmx


@pytest.mark.django_db
def test_xlsx_exports_hold_numbers_not_localised_text(cast, client_for, decimal_value):
    book = openpyxl.load_workbook(io.BytesIO(_export(client_for(cast["auditor"]), "xlsx")))
    values = [cell.value for row in book.active.iter_rows(min_row=2) for cell in row]
    assert 41.25 in values
    assert "41,25" not in values


def test_values_on_pages_take_the_decimal_mark_of_the_language():
    from decimal import Decimal

    from ictspace.indicators.tests.test_values import COUNT
    from ictspace.indicators.tests.test_values import PERCENT as PERCENT_SPEC
    from ictspace.indicators.values import format_value

    with translation.override("fr"):
        assert format_value(PERCENT_SPEC, Decimal("42.500000"), "") == "42,5 %"
        assert format_value(COUNT, Decimal("1200.000000"), "") == "1200"
    with translation.override("en"):
        assert format_value(PERCENT_SPEC, Decimal("42.500000"), "") == "42.5 %"
