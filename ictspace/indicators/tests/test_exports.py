import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from ictspace.directory.models import Jurisdiction
from ictspace.indicators import exports
from ictspace.indicators.imports.files import COLUMNS
from ictspace.indicators.models import ImportJob
from ictspace.indicators.tests.helpers_imports import (
    BELIZE,
    COUNT,
    ORDINAL,
    PERCENT,
    indicator,
    latest_job,
    observe,
    upload,
)
from ictspace.review.models import ReviewState

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def places(loaded_libraries):
    return {code: Jurisdiction.objects.get(code=code) for code in ("BB", "JM", "CARICOM")}


def _csv(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body)))


def _get(client, fmt, **params):
    response = client.get(reverse("indicators:export", args=[fmt]), params)
    assert response.status_code == 200
    return response


def test_only_the_validated_value_that_counts_is_exported(cast, client_for, places):
    observe(places["BB"], PERCENT, "2020", "40")
    observe(places["BB"], PERCENT, "2020", "41.25")  # later: counts
    observe(places["BB"], PERCENT, "2020", "60", state=ReviewState.SUBMITTED)
    observe(places["BB"], PERCENT, "2021", "70", state=ReviewState.RETURNED)
    observe(places["JM"], ORDINAL, "2019", "High")
    rows = _csv(_get(client_for(cast["auditor"]), "csv"))
    assert list(rows[0]) == list(COLUMNS)
    assert [
        (r["jurisdiction"], r["indicator"], r["period"], r["value"], r["unit"]) for r in rows
    ] == [
        ("BB", PERCENT, "2020", "41.25", "%"),
        ("JM", ORDINAL, "2019", "High", "ordinal"),
    ]


def test_filters_from_the_query_string(cast, client_for, places):
    for year in (2017, 2018, 2019, 2020):
        observe(places["BB"], PERCENT, str(year), "10")
    observe(places["BB"], COUNT, "2019", "3")
    observe(places["JM"], PERCENT, "2019", "10")
    client = client_for(cast["steering"])
    rows = _csv(
        _get(
            client,
            "csv",
            jurisdiction="BB",
            indicator=PERCENT,
            library=BELIZE,
            **{"from": "2018", "to": "2019-12"},
        )
    )
    assert [r["period"] for r in rows] == ["2018", "2019"]
    assert _csv(_get(client, "csv", library="caribbean-ig-framework")) == []
    bad = client.get(reverse("indicators:export", args=["csv"]), {"from": "last year"})
    assert bad.status_code == 400
    # The site's own page, with the reason, not a bare line of text.
    assert bad["Content-Type"].startswith("text/html")
    assert "<h1>Request not understood</h1>" in bad.content.decode()
    assert "last year" in bad.content.decode()


def test_sdmx_csv_maps_dimensions_and_attributes(cast, client_for, places):
    ind = indicator(PERCENT)
    ind.definition = {**ind.definition, "disaggregations": ["sex", "age", "area"]}
    ind.save()
    observe(places["BB"], PERCENT, "2020", "40", source="ITU survey")
    observe(places["BB"], PERCENT, "2020", "38", breakdown="age=15-24;sex=female")
    observe(places["BB"], PERCENT, "2020-Q3", "39", breakdown="age=75+;area=rural")
    observe(places["CARICOM"], COUNT, "2021-03", "12")
    observe(places["BB"], ORDINAL, "2021", "Med")
    response = _get(client_for(cast["rcc_chair"]), "sdmx")
    assert response["Content-Type"].startswith("application/vnd.sdmx.data+csv; version=1.0.0")
    body = b"".join(response.streaming_content).decode()
    assert not body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert list(rows[0]) == list(exports.SDMX_COLUMNS)
    picked = {
        (r["REF_AREA"], r["INDICATOR"], r["TIME_PERIOD"], r["SEX"], r["AGE"], r["URBANISATION"]): r
        for r in rows
    }
    total = picked[("BB", "KPI-1_1_1", "2020", "_T", "_T", "_T")]
    assert total["DATAFLOW"] == "CARICOM:BELIZE_EGOV_2015(2.0)"
    assert (total["FREQ"], total["OBS_VALUE"], total["UNIT_MEASURE"], total["OBS_STATUS"]) == (
        "A",
        "40",
        "PT",
        "A",
    )
    assert total["SOURCE_DETAIL"] == "ITU survey"
    assert picked[("BB", "KPI-1_1_1", "2020", "F", "Y15T24", "_T")]["OBS_VALUE"] == "38"
    assert picked[("BB", "KPI-1_1_1", "2020-Q3", "_T", "Y_GE75", "R")]["FREQ"] == "Q"
    regional = picked[("CARICOM", "KPI-1_4_2", "2021-03", "_Z", "_Z", "_Z")]
    assert (regional["FREQ"], regional["UNIT_MEASURE"]) == ("M", "NUMBER")
    assert picked[("BB", "KPI-2_1_2", "2021", "_Z", "_Z", "_Z")]["OBS_VALUE"] == "Med"


def test_formula_looking_text_is_escaped_in_every_format(cast, client_for, places):
    observe(places["BB"], PERCENT, "2020", "40", source='=HYPERLINK("http://evil.example","x")')
    client = client_for(cast["steering"])
    assert _csv(_get(client, "csv"))[0]["source"] == '\'=HYPERLINK("http://evil.example","x")'
    sdmx = list(
        csv.DictReader(io.StringIO(b"".join(_get(client, "sdmx").streaming_content).decode()))
    )
    assert sdmx[0]["SOURCE_DETAIL"].startswith("'=")
    sheet = openpyxl.load_workbook(io.BytesIO(_get(client, "xlsx").content))["Data"]
    row = next(sheet.iter_rows(min_row=2, values_only=True))
    assert row[7].startswith("'=")
    assert row[5] == 40  # a number stays a number


def test_negative_numbers_are_numbers_not_escaped_text(cast, client_for, places):
    observe(places["BB"], "kpi-8.5.1", "2020", "-3.5")
    client = client_for(cast["steering"])
    assert _csv(_get(client, "csv"))[0]["value"] == "-3.5"
    sdmx = list(
        csv.DictReader(io.StringIO(b"".join(_get(client, "sdmx").streaming_content).decode()))
    )
    assert sdmx[0]["OBS_VALUE"] == "-3.5"


def test_an_xlsx_export_reimports_as_unchanged(cast, client_for, places):
    observe(places["BB"], PERCENT, "2020", "40", source="=SUM(A1)")
    observe(places["BB"], ORDINAL, "2020", "Low")
    xlsx = _get(client_for(cast["steering"]), "xlsx").content
    upload(client_for(cast["ncpoc"]), xlsx, name="export.xlsx")
    job = latest_job()
    assert job.state == ImportJob.State.PREVIEW, job.failure
    assert (job.counts["unchanged"], job.counts["error"]) == (2, 0)


def test_who_may_export(cast, client_for, places):
    assert client_for(None).get(reverse("indicators:export", args=["csv"])).status_code == 302
    client = client_for(cast["steering"])
    assert client.get(reverse("indicators:export", args=["pdf"])).status_code == 404


def test_the_csv_export_streams_in_a_constant_number_of_queries(
    cast, client_for, places, django_assert_max_num_queries
):
    for year in range(2000, 2020):
        observe(places["BB"], PERCENT, str(year), "10")
    client = client_for(cast["steering"])
    with django_assert_max_num_queries(10):
        rows = _csv(_get(client, "csv"))
    assert len(rows) == 20
