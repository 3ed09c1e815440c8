"""Issue 11.1: a huge or tiny number is refused at every door, and one already stored
(SQLite keeps inf and 1e30) takes no page or export down."""

import csv
import io

import pytest
from django.db import connection
from django.urls import reverse

from ictspace.directory.models import Jurisdiction
from ictspace.indicators import exports
from ictspace.indicators.models import Observation, Target
from ictspace.indicators.tests.helpers_imports import (
    BELIZE,
    COUNT,
    LAST_YEAR,
    PERCENT,
    indicator,
    latest_job,
    observe,
    row,
    tidy_csv,
    upload,
)
from ictspace.indicators.values import Spec, parse_value
from ictspace.review.models import ReviewState

pytestmark = pytest.mark.django_db
HUGE = ["1e400", "1E+30", "-1e16", "1000000000000000"]
TINY = ["1e-400", "0.0000001"]


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def count(loaded_libraries):
    return indicator(COUNT)  # a count: no maximum


@pytest.mark.parametrize("raw", HUGE)
def test_a_huge_number_is_refused_naming_the_limit(count, raw):
    with pytest.raises(ValueError, match="at most 15 digits before the decimal point"):
        parse_value(Spec.of(count), raw)


@pytest.mark.parametrize("raw", TINY)
def test_a_number_finer_than_the_column_is_refused_not_stored_as_zero(loaded_libraries, raw):
    with pytest.raises(ValueError, match="more than 6 decimal places"):
        parse_value(Spec.of(indicator(PERCENT)), raw)


@pytest.mark.parametrize("raw", ["999999999999999", "0.000001", "12.500000000"])
def test_the_largest_and_finest_numbers_that_fit_are_kept(count, raw):
    spec = Spec.of(indicator(PERCENT)) if "." in raw else Spec.of(count)
    if "." not in raw:
        assert parse_value(spec, raw)[0] == int(raw)
    else:
        assert parse_value(spec, raw)[0] * 1 == parse_value(spec, raw)[0]


@pytest.mark.parametrize("raw", ["1e400", "1E+30", "1e-400"])
def test_the_forms_refuse_it_and_store_nothing(cast, client_for, count, raw):
    client = client_for(cast["ncpoc"])
    new = reverse("indicators:observation_new", args=[BELIZE, COUNT, "BB"])
    response = client.post(new, {"period": "2020", "value": raw, "source": "survey"})
    assert response.status_code == 400
    assert not Observation.objects.exists()
    target = reverse("indicators:target_set", args=[BELIZE, COUNT, "BB"])
    data = {"kind": "target", "period": "2030", "comparator": ">=", "value": raw, "source": "x"}
    assert client.post(target, data).status_code == 400
    assert not Target.objects.exists()


def test_an_upload_row_with_a_huge_number_is_a_row_error(cast, client_for, count):
    body = tidy_csv([row(COUNT, value="1E+30"), row(COUNT, period=str(LAST_YEAR - 1))])
    upload(client_for(cast["ncpoc"]), body)
    job = latest_job()
    assert job.counts["error"] == 1 and job.counts["new"] == 1
    assert "15 digits" in job.errors[0]["message"] and job.errors[0]["row"] == 2


# Values already stored -----------------------------------------------------------------

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="PostgreSQL's numeric(24, 6) refuses these values at write; only SQLite keeps them",
)


def _store_raw(model, pk, value: float) -> None:
    # How the values got in before the bounds: SQLite keeps any REAL in the column.
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {model._meta.db_table} SET value_number = %s WHERE id = %s",  # noqa: S608
            [value, pk],
        )


@sqlite_only
@pytest.mark.parametrize("stored", [float("inf"), 1e30, float("-inf")])
def test_pages_exports_and_uploads_survive_a_stored_impossible_value(
    cast, client_for, count, stored
):
    bb = Jurisdiction.objects.get(code="BB")
    bad = observe(bb, COUNT, "2019", "5", state=ReviewState.SUBMITTED)
    _store_raw(Observation, bad.pk, stored)
    fine = observe(bb, COUNT, "2018", "7")
    bad_validated = observe(bb, COUNT, "2017", "9")
    _store_raw(Observation, bad_validated.pk, stored)
    target = Target.objects.create(
        jurisdiction=bb, indicator=count, kind="target", period="2030",
        period_end="2030-12-31", value_number=1, set_at=fine.created_at,
    )  # fmt: skip
    _store_raw(Target, target.pk, stored)
    pages = [
        reverse("indicators:review_queue"),
        reverse("indicators:list"),
        reverse("indicators:indicator", args=[BELIZE, COUNT]),
        reverse("indicators:series", args=[BELIZE, COUNT, "BB"]),
        reverse("indicators:observation", args=[bad.pk]),
    ]
    for role in ("rcc_chair", "secretariat", "ncpoc", "steering"):
        client = client_for(cast[role])
        for url in pages:
            assert client.get(url).status_code in (200, 404), (role, url)
        if role in ("rcc_chair", "secretariat"):
            assert client.get(pages[0]).status_code == 200
    steering = client_for(cast["steering"])
    for fmt in ("xlsx", "sdmx"):
        assert steering.get(reverse("indicators:export", args=[fmt])).status_code == 200
    ncpoc = client_for(cast["ncpoc"])
    template = {"jurisdiction": "BB", "library": BELIZE, "indicators": [COUNT], "download": "1"}
    template |= {"frequency": "year", "from_year": 2015, "to_year": 2020}
    response = ncpoc.get(reverse("indicators:template"), template)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd")
    rows = list(csv.DictReader(io.StringIO(_body("csv", cast, client_for).decode("utf-8-sig"))))
    assert [r["value"] for r in rows if r["indicator"] == COUNT] == ["", "7"]
    # Its author can still upload, and correct the target.
    ncpoc = client_for(cast["ncpoc"])
    response = upload(ncpoc, tidy_csv([row(COUNT, period=str(LAST_YEAR))]))
    assert response.status_code == 302
    assert latest_job().counts["new"] == 1
    url = reverse("indicators:target_set", args=[BELIZE, COUNT, "BB"])
    data = {"kind": "target", "period": "2030", "comparator": ">=", "value": "8", "source": "x"}
    assert ncpoc.post(url, data).status_code == 302
    target.refresh_from_db()
    assert target.value_number == 8


def _body(fmt, cast, client_for) -> bytes:
    response = client_for(cast["steering"]).get(reverse("indicators:export", args=[fmt]))
    return b"".join(response.streaming_content)


# Exports fail whole ----------------------------------------------------------------------


class Broken(Exception):
    pass


@pytest.mark.parametrize(("fmt", "row_maker"), [("csv", "tidy_row"), ("sdmx", "sdmx_row")])
def test_an_export_that_fails_on_a_row_fails_whole_instead_of_a_short_200(
    cast, client_for, count, monkeypatch, fmt, row_maker
):
    bb = Jurisdiction.objects.get(code="BB")
    for year in (2015, 2016, 2017):
        observe(bb, COUNT, str(year), str(year))
    real = getattr(exports, row_maker)

    def failing_on_2016(line):
        if line.period == "2016":
            raise Broken
        return real(line)

    monkeypatch.setattr(exports, row_maker, failing_on_2016)
    client = client_for(cast["steering"])
    client.raise_request_exception = False
    response = client.get(reverse("indicators:export", args=[fmt]))
    assert response.status_code == 500
