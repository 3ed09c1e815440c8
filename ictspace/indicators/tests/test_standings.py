"""The pages' progress reads a few seeks per pair, and says what the full series says."""

import datetime
import random
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ictspace.catalogue.models import Indicator
from ictspace.directory.models import Jurisdiction
from ictspace.indicators import seeks, selectors, visuals
from ictspace.indicators.models import Observation, Target
from ictspace.indicators.periods import parse_period
from ictspace.review.models import ReviewState

pytestmark = pytest.mark.django_db
BELIZE = "belize-egov-2015"
KPI = "kpi-1.1.1"  # percent; the plan's targets for Belize, no baseline: the earliest counts
# Years, semesters, quarters and months overlap: "2018" and "2018-Q4" end the same day,
# "2018" and "2018-01" start the same day, so both orders (by start, by end) have ties.
PERIODS = ["2016", "2017", "2017-S2", "2018", "2018-Q4", "2018-12", "2018-01", "2019-Q1", "2020"]
STATES = [ReviewState.VALIDATED] * 4 + [ReviewState.SUBMITTED, ReviewState.RETURNED]


def _observation(indicator, jurisdiction, period, *, number, text="", state, breakdown=""):
    p = parse_period(period)
    now = timezone.now()
    return Observation(
        jurisdiction=jurisdiction,
        indicator=indicator,
        period=p.code,
        period_start=p.start,
        period_end=p.end,
        disaggregation=breakdown,
        value_number=number,
        value_text=text,
        review_state=state,
        return_reason="Check the source." if state == ReviewState.RETURNED else "",
        created_at=now,
        submitted_at=now,
    )


def _random_stream(rng, indicators, jurisdictions, n):
    """Corrections, breakdowns, unreviewed rows and text values that replace numbers."""
    rows = []
    for _ in range(n):
        text_only = rng.random() < 0.1
        rows.append(
            _observation(
                rng.choice(indicators),
                rng.choice(jurisdictions),
                rng.choice(PERIODS),
                number=None if text_only else Decimal(rng.randint(0, 100)),
                text="not measured" if text_only else "",
                state=rng.choice(STATES),
                breakdown="" if rng.random() < 0.8 else "sex=female",
            )
        )
    Observation.objects.bulk_create(rows)


def _goals(indicators, jurisdictions):
    """Stated baselines for some pairs, targets only for others, nothing for the rest."""
    now = timezone.now()
    bb, jm = jurisdictions[1], jurisdictions[2]
    for indicator in indicators:
        for jurisdiction, kind, period, value in (
            (bb, "baseline", "2016", 20),
            (bb, "target", "2021", 60),
            (jm, "target", "2019", 40),
            (jm, "target", "2022", 80),
        ):
            Target.objects.create(
                jurisdiction=jurisdiction, indicator=indicator, kind=kind, period=period,
                period_end=parse_period(period).end, value_number=value, set_at=now,
            )  # fmt: skip


def _world(seed):
    indicators = list(
        Indicator.objects.filter(library__slug=BELIZE, definition__unit="percent")
        .select_related("library", "item")
        .order_by("code")[:6]
    )
    jurisdictions = list(
        Jurisdiction.objects.filter(code__in=["BZ", "BB", "JM", "TT"]).order_by("code")
    )
    jurisdictions.sort(key=lambda j: ["BZ", "BB", "JM", "TT"].index(j.code))
    _goals(indicators, jurisdictions)
    _random_stream(random.Random(seed), indicators, jurisdictions, 600)
    return indicators, jurisdictions


def _shown(status):
    return (
        status.indicator.pk,
        status.jurisdiction.pk,
        status.progress,
        status.latest,
        status.latest_label,
        status.goals,
        status.final_target,
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_seeks_give_the_same_progress_as_the_full_series(loaded_libraries, seed):
    indicators, jurisdictions = _world(seed)
    full = selectors.statuses(indicators, jurisdictions)
    lean = selectors.standings(indicators, jurisdictions)
    assert [_shown(s) for s in lean] == [_shown(s) for s in full]
    # The data reaches every branch of the method, and both kinds of "latest".
    kinds = {s.progress.status for s in full}
    assert {"achieved", "insufficient_data"} <= kinds and len(kinds) >= 4, kinds
    assert any(s.latest and s.latest.number is None for s in full)
    for period in PERIODS:
        by_period = selectors.standings(indicators, jurisdictions, period=period)
        for before, after in zip(full, by_period, strict=True):
            assert visuals._value_in(after, period) == visuals._value_in(before, period)
            assert after.progress == before.progress


def test_the_latest_of_the_series_and_the_latest_progress_measures_can_differ(loaded_libraries):
    kpi = Indicator.objects.get(library__slug=BELIZE, code=KPI)
    bz = Jurisdiction.objects.get(code="BZ")
    for period, number in (("2016", 10), ("2017", 60), ("2017-06", 20)):
        _observation(kpi, bz, period, number=Decimal(number), state="validated").save()
    [full] = selectors.statuses([kpi], [bz])
    [lean] = selectors.standings([kpi], [bz])
    # The series lists June 2017 last (it starts last); progress measures up to the year
    # 2017 (it ends last).
    assert _shown(lean) == _shown(full)
    assert lean.latest.period.code == "2017-06" and "2017-12-31" in lean.progress.explanation
    # A correction without a number: the year drops out of progress, June 2017 is its end.
    _observation(kpi, bz, "2017", number=None, text="not measured", state="validated").save()
    [full] = selectors.statuses([kpi], [bz])
    [lean] = selectors.standings([kpi], [bz])
    assert _shown(lean) == _shown(full)
    assert "2017-06-30" in lean.progress.explanation


def test_a_pair_reads_a_few_rows_however_often_it_was_corrected(loaded_libraries):
    kpi = Indicator.objects.get(library__slug=BELIZE, code=KPI)
    bz = Jurisdiction.objects.get(code="BZ")
    Observation.objects.bulk_create(
        _observation(kpi, bz, period, number=Decimal(k), state="validated")
        for period in ("2016", "2017", "2018")
        for k in range(30)
    )
    found = seeks.shown_observations([kpi.pk], [bz.pk], period="2017")
    # The latest (also progress's last), the earliest and the chosen period's value.
    assert sorted((o.period, o.value_number) for o in found) == [
        ("2016", 29),
        ("2017", 29),
        ("2018", 29),
    ]
    series = selectors.validated_series(selectors._pairs([kpi], [bz]))[(kpi.pk, bz.pk)]
    assert [(v.period.code, v.number) for v in series] == [
        ("2016", 29),
        ("2017", 29),
        ("2018", 29),
    ]


def test_nothing_to_seek_is_no_query(loaded_libraries):
    with CaptureQueriesContext(connection) as ctx:
        assert seeks.shown_observations([], [1]) == []
    assert not ctx.captured_queries


def _page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_pages_run_the_same_queries_on_a_stream_that_reaches_every_branch(
    cast, client_for, loaded_libraries
):
    client = client_for(cast["secretariat"])
    indicators, jurisdictions = _world(4)
    code = indicators[0].code
    urls = [
        reverse("indicators:list") + f"?library={BELIZE}&jurisdiction=BB",
        reverse("indicators:list") + f"?library={BELIZE}",
        reverse("indicators:indicator", args=[BELIZE, code]),
        reverse("indicators:indicator", args=[BELIZE, code]) + "?colour=progress&period=2018",
        reverse("indicators:series", args=[BELIZE, code, "BB"]),
        reverse("indicators:series", args=[BELIZE, code, "BB"]) + "?breakdown=sex%3Dfemale",
    ]
    few = [_page_queries(client, url) for url in urls]
    _random_stream(random.Random(5), indicators, jurisdictions, 2000)
    assert [_page_queries(client, url) for url in urls] == few
    # A series page reads its breakdowns, the count and rows of its table; a chosen
    # breakdown adds that breakdown's series.
    assert few == [11, 11, 11, 11, 13, 14]


def test_the_series_table_is_paginated(cast, client_for, loaded_libraries):
    kpi = Indicator.objects.get(library__slug=BELIZE, code=KPI)
    bz = Jurisdiction.objects.get(code="BZ")
    first = datetime.date(2000, 1, 1)
    Observation.objects.bulk_create(
        _observation(
            kpi,
            bz,
            f"{first.year + k // 12}-{k % 12 + 1:02d}",
            number=Decimal(k),
            state="validated",
        )
        for k in range(60)
    )
    client = client_for(cast["secretariat"])
    url = reverse("indicators:series", args=[BELIZE, KPI, "BZ"])
    page = client.get(url)
    assert len(page.context["page"].object_list) == 50
    assert "Page 1 of 2" in page.content.decode()
    second = client.get(url + "?page=2")
    assert [o.period for o in second.context["page"]] == [f"2000-{m:02d}" for m in range(10, 0, -1)]
    # The chart still draws every period, not the page's.
    assert page.content.decode().count('data-kind="observation"') == 60


def test_the_outlier_history_and_the_previous_values_read_what_counts(loaded_libraries):
    kpi = Indicator.objects.get(library__slug=BELIZE, code=KPI)
    bz = Jurisdiction.objects.get(code="BZ")
    for period, number in (("2016", 10), ("2016", 11), ("2017", 12), ("2018", 13)):
        _observation(kpi, bz, period, number=Decimal(number), state="validated").save()
    _observation(kpi, bz, "2017", number=Decimal(99), state="submitted").save()
    # 10 was corrected to 11: one value per period, the one that counts.
    assert sorted(selectors.history(bz, kpi, "", excluding_period="2018")) == [11, 12]
    previous = selectors.previous_values(bz, [kpi], parse_period("2017"))
    assert previous == {kpi.pk: "12 % (2017)"}
    previous = selectors.previous_values(bz, [kpi], parse_period("2016-Q3"))
    assert previous == {kpi.pk: "11 % (2016)"}
