"""Indicator pages through HTTP: record, review, targets, progress, constant queries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ictspace.audit.models import AuditEntry
from ictspace.catalogue.models import Indicator
from ictspace.directory.models import Jurisdiction
from ictspace.indicators.models import ImportJob, Observation, Target
from ictspace.indicators.periods import parse_period
from ictspace.review.models import ReviewState

pytestmark = pytest.mark.django_db
BELIZE = "belize-egov-2015"
KPI = "kpi-1.1.1"  # percent; targets Y2 30 %, Y3 50 %, Y4 75 %, Y5 90 % for Belize


@pytest.fixture
def kpi(loaded_libraries):
    return Indicator.objects.get(library__slug=BELIZE, code=KPI)


def _obs(indicator, code, period, value, state=ReviewState.VALIDATED, **extra):
    p = parse_period(period)
    return Observation.objects.create(
        jurisdiction=Jurisdiction.objects.get(code=code),
        indicator=indicator,
        period=p.code,
        period_start=p.start,
        period_end=p.end,
        value_number=Decimal(value),
        review_state=state,
        created_at=timezone.now(),
        submitted_at=timezone.now(),
        **extra,
    )


def _text(response) -> str:
    return response.content.decode()


def test_ncpoc_records_a_value_and_the_chair_validates_it(cast, client_for, kpi):
    client = client_for(cast["ncpoc"])
    url = reverse("indicators:observation_new", args=[BELIZE, KPI, "BB"])
    response = client.post(
        url, {"period": "2024", "value": "42.5", "source": "Ministry survey 2024"}
    )
    assert response.status_code == 302
    observation = Observation.objects.get()
    assert (observation.review_state, observation.value_number, observation.author) == (
        ReviewState.SUBMITTED,
        Decimal("42.5"),
        cast["ncpoc"],
    )
    assert AuditEntry.objects.filter(action="submit_observation").count() == 1
    series = reverse("indicators:series", args=[BELIZE, KPI, "BB"])
    assert "Submitted" in _text(client.get(series))

    chair = client_for(cast["rcc_chair"])
    queue = _text(chair.get(reverse("indicators:review_queue")))
    assert reverse("indicators:observation", args=[observation.pk]) in queue
    chair.post(
        reverse("indicators:observation_review", args=[observation.pk]), {"decision": "validate"}
    )
    observation.refresh_from_db()
    assert observation.review_state == ReviewState.VALIDATED
    listing = _text(chair.get(reverse("indicators:list") + f"?library={BELIZE}&jurisdiction=BB"))
    assert "42.5 %" in listing and "(2024)" in listing


@pytest.mark.parametrize(
    ("data", "field_message"),
    [
        ({"period": "2024", "value": "142"}, "above the largest valid value, 100"),
        ({"period": "2024", "value": "lots"}, "is not a number"),
        ({"period": "FY24", "value": "40"}, "is not a period"),
        ({"period": str(timezone.localdate().year + 1), "value": "40"}, "has not started yet"),
    ],
)
def test_a_bad_value_names_the_field_and_saves_nothing(cast, client_for, kpi, data, field_message):
    url = reverse("indicators:observation_new", args=[BELIZE, KPI, "BB"])
    response = client_for(cast["ncpoc"]).post(url, {**data, "source": "survey"})
    assert response.status_code == 400
    assert field_message in _text(response)
    assert not Observation.objects.exists()


def test_an_unusual_value_is_flagged_for_the_reviewer_not_refused(cast, client_for, kpi):
    for year, value in ((2019, 40), (2020, 42), (2021, 45), (2022, 47)):
        _obs(kpi, "BB", str(year), value)
    url = reverse("indicators:observation_new", args=[BELIZE, KPI, "BB"])
    client_for(cast["ncpoc"]).post(url, {"period": "2023", "value": "4.9", "source": "x"})
    flagged = Observation.objects.get(period="2023")
    assert flagged.outlier and flagged.review_state == ReviewState.SUBMITTED
    page = _text(
        client_for(cast["secretariat"]).get(reverse("indicators:observation", args=[flagged.pk]))
    )
    assert "Far outside this jurisdiction" in page and "40.000000" in page


def test_progress_uses_the_plans_own_targets_for_its_own_country(cast, client_for, kpi):
    _obs(kpi, "BZ", "2015", 10)
    _obs(kpi, "BZ", "2017", 50)  # the plan wanted 50 % in year 3 (2017)
    _obs(kpi, "BB", "2015", 10)
    _obs(kpi, "BB", "2017", 50)
    client = client_for(cast["steering"])
    belize = _text(client.get(reverse("indicators:series", args=[BELIZE, KPI, "BZ"])))
    assert "On track" in belize and "target 2019: 90%" in belize
    barbados = _text(client.get(reverse("indicators:series", args=[BELIZE, KPI, "BB"])))
    assert "Insufficient data" in barbados and "No target is set." in barbados


def test_a_set_target_counts_and_its_change_is_audited(cast, client_for, kpi):
    _obs(kpi, "BB", "2020", 20)
    _obs(kpi, "BB", "2022", 25)
    client = client_for(cast["ncpoc"])
    url = reverse("indicators:target_set", args=[BELIZE, KPI, "BB"])
    for value in ("80", "60"):
        response = client.post(
            url,
            {
                "kind": "target",
                "period": "2030",
                "comparator": ">=",
                "value": value,
                "source": "National ICT plan",
            },
        )
        assert response.status_code == 302
    target = Target.objects.get()
    assert (target.value_number, target.comparator) == (Decimal(60), ">=")
    changes = AuditEntry.objects.filter(action="set_target").order_by("at").last().changes
    assert changes["value_number"] == ["80.000000", "60"]
    page = _text(client.get(reverse("indicators:series", args=[BELIZE, KPI, "BB"])))
    # From 20 % (2020) to 60 % by 2030 expects 28 % by 2022: 5 of the 8 points came.
    assert "Moderate progress" in page and "62% of the change" in page


def test_the_chair_validates_a_whole_upload_at_once(cast, client_for, kpi):
    job = ImportJob.objects.create(
        jurisdiction=Jurisdiction.objects.get(code="BB"),
        uploaded_by=cast["ncpoc"],
        created_at=timezone.now(),
        file="imports/x.csv",
        original_name="survey.csv",
        file_format="csv",
        sha256="0" * 64,
        size=10,
        state=ImportJob.State.APPLIED,
    )
    for year in ("2021", "2022", "2023"):
        _obs(kpi, "BB", year, 30, state=ReviewState.SUBMITTED, import_job=job, author=cast["ncpoc"])
    chair = client_for(cast["rcc_chair"])
    assert "survey.csv" in _text(chair.get(reverse("indicators:review_queue")))
    response = chair.post(
        reverse("indicators:import_review", args=[job.pk]), {"decision": "return"}
    )
    assert Observation.objects.filter(review_state=ReviewState.SUBMITTED).count() == 3  # no reason
    chair.get(reverse("indicators:import", args=[job.pk]))  # the preview, opened first
    response = chair.post(
        reverse("indicators:import_review", args=[job.pk]), {"decision": "validate"}
    )
    assert response.status_code == 302
    assert Observation.objects.filter(review_state=ReviewState.VALIDATED).count() == 3
    entry = AuditEntry.objects.get(action="validated_import")
    assert entry.changes["observations"] == [None, 3]
    # The uploader cannot validate their own upload.
    assert (
        client_for(cast["ncpoc"])
        .post(reverse("indicators:import_review", args=[job.pk]), {"decision": "validate"})
        .status_code
        == 404
    )


def _queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


@pytest.mark.parametrize(
    "url",
    [
        reverse("indicators:list") + f"?library={BELIZE}&jurisdiction=BZ",
        reverse("indicators:indicator", args=[BELIZE, KPI]),
        reverse("indicators:series", args=[BELIZE, KPI, "BZ"]),
        reverse("indicators:review_queue"),
    ],
)
def test_indicator_pages_run_a_constant_number_of_queries(url, cast, client_for, kpi):
    client = client_for(cast["secretariat"])
    _obs(kpi, "BZ", "2015", 10)
    _obs(kpi, "BZ", "2016", 12, state=ReviewState.SUBMITTED)
    few = _queries(client, url)
    others = list(Indicator.objects.filter(library__slug=BELIZE, definition__unit="percent")[:10])
    for n, state in enumerate(Jurisdiction.objects.all()):
        for indicator in others:
            _obs(indicator, state.code, str(2010 + n % 10), 20 + n)
            _obs(indicator, state.code, str(2011 + n % 10), 21 + n, state=ReviewState.SUBMITTED)
    many = _queries(client, url)
    assert len(many) == len(few), "\n".join(q for q in many if q not in few)
    assert len(few) <= 14
