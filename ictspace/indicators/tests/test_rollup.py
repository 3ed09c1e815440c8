"""The region's row of an indicator: states reporting, median and range, population-free."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from ictspace.catalogue.models import Indicator
from ictspace.directory.models import Jurisdiction
from ictspace.indicators.models import Observation
from ictspace.indicators.rollup import RegionSummary, region_summary
from ictspace.indicators.selectors import statuses
from ictspace.indicators.values import Spec
from ictspace.review.models import ReviewState

pytestmark = pytest.mark.django_db
CORE = "ict-core-indicators"


def _indicator(slug, code):
    return Indicator.objects.select_related("item").get(library__slug=slug, code=code)


def _value(indicator, code, number=None, text="", period="2024"):
    Observation.objects.create(
        jurisdiction=Jurisdiction.objects.get(code=code), indicator=indicator, period=period,
        period_start=datetime.date(int(period), 1, 1), period_end=datetime.date(int(period), 12, 31),
        value_number=number, value_text=text, review_state=ReviewState.VALIDATED,
        created_at=timezone.now(),
    )  # fmt: skip


def _summary(indicator, period="2024"):
    rows = statuses([indicator], Jurisdiction.objects.all())
    return region_summary(indicator, Spec.of(indicator), rows, period)


def test_no_state_reporting_gives_a_count_and_no_summary(loaded_libraries):
    indicator = _indicator(CORE, "pop-covered-4g")
    assert _summary(indicator) == RegionSummary("2024", reporting=0, states=15)


def test_median_and_range_over_the_reporting_states_only(loaded_libraries):
    indicator = _indicator(CORE, "pop-covered-4g")  # a percentage, national: 15 states
    _value(indicator, "BB", Decimal("90"))
    assert _summary(indicator) == RegionSummary("2024", 1, 15, Decimal("90"), 90, 90)
    _value(indicator, "JM", Decimal("70"))
    _value(indicator, "GY", Decimal("40"))
    _value(indicator, "HT", Decimal("50"))  # even count: the mean of the middle two
    _value(indicator, "CARICOM", Decimal("1"))  # the region's own value: not a state's
    _value(indicator, "VG", Decimal("99"))  # an associate member: not concerned here
    _value(indicator, "TT", Decimal("100"), period="2023")  # another period
    summary = _summary(indicator)
    assert (summary.reporting, summary.states) == (4, 15)
    assert (summary.median, summary.low, summary.high) == (Decimal("60"), 40, 90)


def test_values_that_cannot_be_ranked_are_only_counted(loaded_libraries):
    indicator = _indicator("belize-egov-2015", "kpi-1.4.3")  # yes/no, Belize only
    _value(indicator, "BZ", Decimal("1"), text="yes")
    _value(indicator, "BB", Decimal("0"), text="no")  # Belize's plan: not Barbados'
    assert _summary(indicator) == RegionSummary("2024", reporting=1, states=1)


def test_the_indicator_page_labels_the_summary(cast, client_for, loaded_libraries):
    indicator = _indicator(CORE, "pop-covered-4g")
    for code, number in (("BB", "90"), ("JM", "70"), ("GY", "40")):
        _value(indicator, code, Decimal(number))
    url = reverse("indicators:indicator", args=[CORE, "pop-covered-4g"])
    page = client_for(cast["steering"]).get(url).content.decode()
    assert "3 of 15 states reported a value for 2024." in page
    assert "median 70" in page and "Each state counts once, whatever its population" in page
