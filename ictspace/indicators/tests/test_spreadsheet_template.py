import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from ictspace.catalogue.models import Indicator
from ictspace.directory.models import Jurisdiction
from ictspace.indicators.imports.files import COLUMNS
from ictspace.indicators.imports.forms import periods_between
from ictspace.indicators.imports.template import HEADER, build_template
from ictspace.indicators.tests.helpers_imports import (
    BELIZE,
    COUNT,
    ORDINAL,
    PERCENT,
    YES_NO,
    observe,
)
from ictspace.review.models import ReviewState

pytestmark = pytest.mark.django_db
YEARS = periods_between(2019, 2021, "year")


def _book(user, codes=(PERCENT, ORDINAL, COUNT, YES_NO), periods=YEARS, place="BB"):
    indicators = [
        Indicator.objects.select_related("library").get(library__slug=BELIZE, code=c) for c in codes
    ]
    content = build_template(Jurisdiction.objects.get(code=place), indicators, periods, user=user)
    return openpyxl.load_workbook(io.BytesIO(content))


def _rows(sheet):
    header = [c.value for c in sheet[1]]
    return [
        dict(zip(header, r, strict=False)) for r in sheet.iter_rows(min_row=2, values_only=True)
    ]


def test_the_data_sheet_has_the_columns_the_upload_reads_and_a_row_per_indicator_and_period(
    cast, loaded_libraries
):
    book = _book(cast["ncpoc"])
    assert book.sheetnames == ["Data", "Instructions", "Indicators", "Lists"]
    assert book["Lists"].sheet_state == "hidden"
    data = book["Data"]
    assert [c.value for c in data[1]] == list(HEADER)
    assert set(COLUMNS) <= set(HEADER)
    rows = _rows(data)
    assert [(r["indicator"], r["period"]) for r in rows[:3]] == [
        (PERCENT, "2019"),
        (PERCENT, "2020"),
        (PERCENT, "2021"),
    ]
    assert len(rows) == 4 * 3
    assert {r["library"] for r in rows} == {BELIZE}
    assert {r["jurisdiction"] for r in rows} == {"BB"}
    assert {r["disaggregation"] for r in rows} == {None}  # the total
    assert {r["unit"] for r in rows if r["indicator"] == PERCENT} == {"%"}
    assert data["E2"].number_format == "@"  # a period stays text


def test_the_current_values_are_the_validated_ones_that_count(cast, loaded_libraries):
    place = Jurisdiction.objects.get(code="BB")
    observe(place, PERCENT, "2019", "40")
    observe(place, PERCENT, "2019", "42.5")  # the later validated value counts
    observe(place, PERCENT, "2020", "50", state=ReviewState.SUBMITTED)  # not yet validated
    observe(place, ORDINAL, "2021", "High")
    observe(Jurisdiction.objects.get(code="JM"), PERCENT, "2021", "99")  # another jurisdiction
    rows = {(r["indicator"], r["period"]): r["value"] for r in _rows(_book(cast["ncpoc"])["Data"])}
    assert rows[(PERCENT, "2019")] == 42.5
    assert rows[(PERCENT, "2020")] is None
    assert rows[(PERCENT, "2021")] is None
    assert rows[(ORDINAL, "2021")] == "High"


def test_ordinal_and_yes_no_values_have_drop_down_lists(cast, loaded_libraries):
    book = _book(cast["ncpoc"])
    validations = book["Data"].data_validations.dataValidation
    by_range = {str(v.sqref): v for v in validations}
    ordinal = by_range["G5:G7"]  # the ordinal indicator's three rows
    assert ordinal.type == "list"
    assert ordinal.formula1 == "'Lists'!$A$1:$A$3"
    assert [book["Lists"].cell(row=n, column=1).value for n in (1, 2, 3)] == ["Low", "Med", "High"]
    assert by_range["G11:G13"].formula1 == '"yes,no"'
    percent = by_range["G2:G4"]
    assert (percent.type, percent.formula1, percent.formula2) == ("decimal", "0", "100")
    assert by_range["G8:G10"].type == "whole"  # a count


def test_instructions_and_the_indicator_sheet(cast, loaded_libraries):
    book = _book(cast["ncpoc"])
    text = "\n".join(str(r[0]) for r in book["Instructions"].iter_rows(values_only=True) if r[0])
    assert "Rows you leave empty are skipped" in text
    assert "2019, 2020, 2021" in text
    assert "sex=female|male" in text
    assert "nothing is added if anything fails" in text
    indicators = {r[1]: r for r in book["Indicators"].iter_rows(min_row=2, values_only=True)}
    assert indicators[ORDINAL][3] == "ordinal"
    assert indicators[ORDINAL][5] == "Low, Med, High"


def test_text_that_looks_like_a_formula_is_escaped(cast, loaded_libraries):
    Indicator.objects.filter(library__slug=BELIZE, code=PERCENT).update(
        name='=HYPERLINK("http://x")'
    )
    rows = _rows(_book(cast["ncpoc"], codes=[PERCENT])["Data"])
    assert rows[0]["indicator_name"] == '\'=HYPERLINK("http://x")'


def test_the_template_page_offers_the_library_and_downloads(cast, client_for, loaded_libraries):
    client = client_for(cast["ncpoc"])
    html = client.get(reverse("indicators:template")).content.decode()
    assert '<option value="BB" selected>' in html  # the NCPOC's own jurisdiction first
    page = client.get(reverse("indicators:template"), {"library": BELIZE, "jurisdiction": "BB"})
    assert page.status_code == 200
    assert f'value="{ORDINAL}"' in page.content.decode()
    year = timezone.localdate().year
    response = client.get(
        reverse("indicators:template"),
        {
            "jurisdiction": "BB",
            "library": BELIZE,
            "frequency": "quarter",
            "from_year": year - 1,
            "to_year": year - 1,
            "download": "1",
        },
    )
    assert response.status_code == 200
    assert "BB-belize-egov-2015-template.xlsx" in response["Content-Disposition"]
    rows = _rows(openpyxl.load_workbook(io.BytesIO(response.content))["Data"])
    assert len(rows) == Indicator.objects.filter(library__slug=BELIZE).count() * 4


def test_a_wrong_template_request_says_why(cast, client_for, loaded_libraries):
    client = client_for(cast["ncpoc"])
    response = client.get(
        reverse("indicators:template"),
        {
            "jurisdiction": "BB",
            "library": BELIZE,
            "frequency": "year",
            "from_year": 2021,
            "to_year": 2019,
            "download": "1",
        },
    )
    assert response.status_code == 400
    assert "The last year comes after the first" in response.content.decode()
    response = client.get(
        reverse("indicators:template"),
        {
            "jurisdiction": "BB",
            "library": BELIZE,
            "frequency": "month",
            "from_year": 1990,
            "to_year": 2024,
            "download": "1",
        },
    )
    assert "choose fewer indicators or years" in response.content.decode()


@pytest.mark.parametrize("role", ["anonymous"])
def test_the_template_needs_a_sign_in(cast, client_for, role):
    assert client_for(cast[role]).get(reverse("indicators:template")).status_code == 302
