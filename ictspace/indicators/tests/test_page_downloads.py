"""The series and indicator pages offer their validated values as CSV and XLSX."""

import csv
import html
import io
import re

import openpyxl
import pytest
from django.urls import reverse

from ictspace.catalogue.models import Indicator
from ictspace.indicators.tests.test_views import BELIZE, KPI, _obs
from ictspace.review.models import ReviewState

pytestmark = pytest.mark.django_db


@pytest.fixture
def kpi(loaded_libraries):
    return Indicator.objects.get(library__slug=BELIZE, code=KPI)


def _links(page: str) -> dict[str, str]:
    found = re.findall(r'href="([^"]*/export\.(csv|xlsx)\?[^"]*)"', page)
    return {fmt: html.unescape(url) for url, fmt in found}


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _series(cast, client_for, kpi):
    _obs(kpi, "BB", "2022", 31, source='=HYPERLINK("http://x")')
    _obs(kpi, "BB", "2023", 42.5, source="Ministry survey")
    _obs(kpi, "BB", "2024", 50, state=ReviewState.SUBMITTED)  # not validated: not exported
    _obs(kpi, "JM", "2023", 60)  # another jurisdiction: not on the Barbados page
    client = client_for(cast["steering"])
    page = client.get(reverse("indicators:series", args=[BELIZE, KPI, "BB"]))
    assert page.status_code == 200
    return client, _links(page.content.decode())


def test_the_series_page_csv_holds_exactly_its_validated_values(cast, client_for, kpi):
    client, links = _series(cast, client_for, kpi)
    response = client.get(links["csv"])
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(_body(response).decode("utf-8-sig"))))
    assert [(r["jurisdiction"], r["indicator"], r["period"], r["value"]) for r in rows] == [
        ("BB", KPI, "2022", "31"),
        ("BB", KPI, "2023", "42.5"),
    ]
    # A source that a spreadsheet would run as a formula is escaped.
    assert rows[0]["source"] == '\'=HYPERLINK("http://x")'


def test_the_series_page_xlsx_holds_exactly_its_validated_values(cast, client_for, kpi):
    client, links = _series(cast, client_for, kpi)
    response = client.get(links["xlsx"])
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(_body(response)), read_only=True)
    sheet = book.worksheets[0]
    header, *rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    records = [dict(zip(header, r, strict=False)) for r in rows]
    assert [(r["jurisdiction"], r["period"], str(r["value"])) for r in records] == [
        ("BB", "2022", "31"),
        ("BB", "2023", "42.5"),
    ]
    assert records[0]["source"] == '\'=HYPERLINK("http://x")'


def test_the_indicator_page_offers_every_jurisdiction(cast, client_for, kpi):
    _obs(kpi, "BB", "2023", 42.5)
    _obs(kpi, "JM", "2023", 60)
    client = client_for(cast["steering"])
    page = client.get(reverse("indicators:indicator", args=[BELIZE, KPI]))
    links = _links(page.content.decode())
    assert set(links) == {"csv", "xlsx"} and "jurisdiction" not in links["csv"]
    rows = list(csv.DictReader(io.StringIO(_body(client.get(links["csv"])).decode("utf-8-sig"))))
    assert sorted((r["jurisdiction"], r["value"]) for r in rows) == [("BB", "42.5"), ("JM", "60")]


def test_an_empty_series_says_no_data_yet(cast, client_for, kpi):
    page = client_for(cast["steering"]).get(reverse("indicators:series", args=[BELIZE, KPI, "BB"]))
    assert '<p class="chart-empty">No data yet.</p>' in page.content.decode()
