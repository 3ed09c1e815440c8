"""The template form: own jurisdiction only, this year included, indicators ticked by section."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from ictspace.directory.models import Jurisdiction

pytestmark = pytest.mark.django_db
BELIZE = "belize-egov-2015"
CORE = "ict-core-indicators"


def _page(client, **params) -> str:
    response = client.get(reverse("indicators:template"), params)
    assert response.status_code == 200
    return response.content.decode()


def _jurisdictions(page: str) -> list[str]:
    select = page.split('name="jurisdiction"')[1].split("</select>")[0]
    return re.findall(r'<option value="([^"]+)"', select)


def test_an_ncpoc_gets_only_their_own_jurisdiction(cast, client_for, loaded_libraries):
    assert _jurisdictions(_page(client_for(cast["ncpoc"]))) == ["BB"]


def test_the_secretariat_may_choose_any_jurisdiction(cast, client_for, loaded_libraries):
    offered = _jurisdictions(_page(client_for(cast["secretariat"])))
    assert len(offered) == Jurisdiction.objects.count()


def test_who_submits_nothing_is_told_so(cast, client_for, loaded_libraries):
    page = _page(client_for(cast["steering"]))
    assert "there is no template for you to fill in" in page


def test_a_download_for_another_jurisdiction_is_refused(cast, client_for, loaded_libraries):
    response = client_for(cast["ncpoc"]).get(
        reverse("indicators:template"),
        {"jurisdiction": "JM", "library": CORE, "frequency": "year", "from_year": 2022,
         "to_year": 2023, "download": "1"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "xlsx" not in response.get("Content-Disposition", "")


def test_the_default_periods_include_the_current_year(cast, client_for, loaded_libraries):
    page = _page(client_for(cast["ncpoc"]))
    year = timezone.localdate().year
    assert re.search(rf'name="to_year" value="{year}"', page)


def test_indicators_are_checkboxes_grouped_by_section(cast, client_for, loaded_libraries):
    page = _page(client_for(cast["ncpoc"]), library=CORE)
    sections = re.findall(r'<fieldset class="template-section">\s*<legend>([^<]+)</legend>', page)
    assert [s.split()[0] for s in sections] == ["A", "HH"]
    hh = page.split("<legend>HH ")[1].split("</fieldset>")[0]
    assert 'type="checkbox" name="indicators" value="ind-internet"' in hh
    assert 'value="fixed-telephone-subs"' not in hh


def test_a_new_library_refreshes_the_list_without_errors(cast, client_for, loaded_libraries):
    # What the library select sends on change (htmx), with a box of the old library ticked.
    page = _page(client_for(cast["ncpoc"]), library=BELIZE, indicators="ind-internet")
    listed = page.split('id="template-indicators"')[1].split("</fieldset>\n</fieldset>")[0]
    assert "kpi-1.1.1" in listed and "ind-internet" not in listed
    assert 'class="error"' not in page
    assert 'hx-get="/indicators/imports/template/"' in page
    assert 'hx-select="#template-indicators"' in page
