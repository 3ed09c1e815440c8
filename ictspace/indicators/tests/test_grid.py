"""The grid entry form: a section's indicators for one period, saved all together or not at all."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from ictspace.audit.models import AuditEntry
from ictspace.catalogue.models import Indicator
from ictspace.indicators.models import Observation
from ictspace.indicators.tests.test_views import _obs
from ictspace.review.models import ReviewState

pytestmark = pytest.mark.django_db
CORE = "ict-core-indicators"
QUERY = "?library=ict-core-indicators&section=HH&period=2023"


def _grid(client, code="BB", query=QUERY):
    return client.get(reverse("indicators:grid", args=[code]) + query)


def _cells(response) -> list:
    return response.context["cells"].forms


def _post(client, response, typed: dict, source="National ICT survey 2023", code="BB", extra=None):
    """Post the grid as the confirmed form does: every cell, typed ones filled in."""
    forms = _cells(response)
    data = {
        "cells-TOTAL_FORMS": str(len(forms)),
        "cells-INITIAL_FORMS": str(len(forms)),
        "source": source,
        **(extra or {}),
    }
    for index, form in enumerate(forms):
        code_ = form.row.indicator.code
        data[f"cells-{index}-indicator"] = code_
        data[f"cells-{index}-value"] = typed.get(code_, "")
    return client.post(reverse("indicators:grid", args=[code]) + QUERY, data)


def test_the_grid_shows_the_sections_indicators_with_the_value_that_counts(
    cast, client_for, loaded_libraries
):
    internet = Indicator.objects.get(library__slug=CORE, code="ind-internet")
    _obs(internet, "BB", "2021", 61.5)
    response = _grid(client_for(cast["ncpoc"]))
    assert response.status_code == 200
    codes = [form.row.indicator.code for form in _cells(response)]
    assert "ind-internet" in codes and "hh-computer" in codes
    assert "fixed-telephone-subs" not in codes  # section A, not HH
    page = response.content.decode()
    assert "61.5 % (2021)" in page  # beside its cell


def test_the_grid_saves_every_typed_cell_as_submitted(cast, client_for, loaded_libraries):
    client = client_for(cast["ncpoc"])
    response = _post(client, _grid(client), {"ind-internet": "64", "hh-computer": "41.5"})
    assert response.status_code == 302
    saved = Observation.objects.filter(jurisdiction__code="BB", period="2023")
    assert {(o.indicator.code, o.value_number) for o in saved} == {
        ("ind-internet", Decimal("64")),
        ("hh-computer", Decimal("41.5")),
    }
    assert {o.review_state for o in saved} == {ReviewState.SUBMITTED}
    assert {o.source for o in saved} == {"National ICT survey 2023"}
    assert AuditEntry.objects.filter(action="submit_observation").count() == 2


def test_one_cell_refused_saves_nothing_and_names_the_cell(cast, client_for, loaded_libraries):
    client = client_for(cast["ncpoc"])
    typed = {"ind-internet": "64", "hh-computer": "140"}  # a percentage over 100
    response = _post(client, _grid(client), typed)
    assert response.status_code == 400
    assert not Observation.objects.exists()
    assert not AuditEntry.objects.filter(action="submit_observation").exists()
    faults = response.context["faults"]
    assert [indicator.code for indicator, _problems in faults] == ["hh-computer"]
    page = response.content.decode()
    name = Indicator.objects.get(library__slug=CORE, code="hh-computer").name
    assert "Nothing was saved: 1 cell needs correcting." in page
    assert name in page.split('id="grid-faults"')[1].split("</div>")[0]
    # What was typed stays in the cells for correcting.
    assert 'value="64"' in page and 'value="140"' in page


def test_a_cell_that_is_not_a_number_is_caught_before_anything_is_saved(
    cast, client_for, loaded_libraries
):
    client = client_for(cast["ncpoc"])
    response = _post(client, _grid(client), {"ind-internet": "sixty", "hh-computer": "41"})
    assert response.status_code == 400
    assert not Observation.objects.exists()
    assert [i.code for i, _p in response.context["faults"]] == ["ind-internet"]


def test_an_empty_grid_asks_for_a_value(cast, client_for, loaded_libraries):
    client = client_for(cast["ncpoc"])
    response = _post(client, _grid(client), {})
    assert response.status_code == 400
    assert "Type at least one value." in response.content.decode()


def test_another_jurisdictions_grid_is_not_found(cast, client_for, loaded_libraries):
    assert _grid(client_for(cast["ncpoc"]), code="JM").status_code == 404
    assert _grid(client_for(cast["steering"])).status_code == 404


def test_a_period_not_started_is_refused_on_the_form(cast, client_for, loaded_libraries):
    next_year = timezone.localdate().year + 1
    response = _grid(client_for(cast["ncpoc"]), query=f"?section=HH&period={next_year}")
    assert response.status_code == 400
    assert "The period has not started yet." in response.content.decode()


# Session and user, grants, the navigation's counts, libraries, items, indicators, previous
# values: raise only with a reason.
GRID_QUERIES = 10


def _count(client) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert _grid(client).status_code == 200
    return len(captured)


def test_the_grid_page_has_a_fixed_number_of_queries(cast, client_for, loaded_libraries):
    client = client_for(cast["ncpoc"])
    internet = Indicator.objects.get(library__slug=CORE, code="ind-internet")
    _obs(internet, "BB", "2020", 50)
    few = _count(client)
    for indicator in Indicator.objects.filter(library__slug=CORE):
        for year in ("2019", "2021", "2022"):
            _obs(indicator, "BB", year, 10)
    assert _count(client) == few == GRID_QUERIES
