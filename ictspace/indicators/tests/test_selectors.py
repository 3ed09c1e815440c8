"""Baselines and targets as the plans write them, resolved for the plan's own country."""

import pytest

from ictspace.catalogue.models import Indicator
from ictspace.directory.models import Jurisdiction
from ictspace.indicators.selectors import goals_for

pytestmark = pytest.mark.django_db


def _goals(code, jurisdiction):
    indicator = Indicator.objects.get(library__slug="belize-egov-2015", code=code)
    return goals_for(indicator, Jurisdiction.objects.get(code=jurisdiction))


def test_year_n_targets_become_calendar_years_from_the_plans_start(loaded_libraries):
    goals = _goals("kpi-1.1.1", "BZ")  # Y2 30 %, Y3 50 %, Y4 75 %, Y5 90 %; Y1 is 2015
    assert [(g.period.code, g.text, g.value) for g in goals] == [
        ("2016", "30%", 30),
        ("2017", "50%", 50),
        ("2018", "75%", 75),
        ("2019", "90%", 90),
    ]
    assert {g.kind for g in goals} == {"target"}


def test_ordinal_targets_count_by_level(loaded_libraries):
    goals = _goals("kpi-2.1.2", "BZ")  # Y2 Low, Y3 Med, Y4 High
    assert [(g.period.code, g.text, g.value) for g in goals] == [
        ("2016", "Low", 0),
        ("2017", "Med", 1),
        ("2018", "High", 2),
    ]


def test_a_baseline_in_words_is_kept_as_text_without_a_number(loaded_libraries):
    indicator = Indicator.objects.filter(
        library__slug="belize-egov-2015", definition__baseline__text="New Initiative"
    ).first()
    goals = goals_for(indicator, Jurisdiction.objects.get(code="BZ"))
    baseline = next(g for g in goals if g.kind == "baseline")
    assert (baseline.text, baseline.value, baseline.mark) == ("New Initiative", None, None)


def test_a_national_plans_targets_are_not_another_countrys(loaded_libraries):
    assert _goals("kpi-1.1.1", "BB") == []


def test_a_target_outside_the_indicators_range_is_kept_as_text(loaded_libraries):
    indicator = Indicator.objects.get(library__slug="belize-egov-2015", code="kpi-1.1.1")
    indicator.definition = {
        **indicator.definition,
        "targets": [{"period": "Y5", "text": "500K", "comparator": "=", "value": 500000}],
    }
    goals = goals_for(indicator, Jurisdiction.objects.get(code="BZ"))
    assert [(g.text, g.value, g.mark) for g in goals] == [("500K", None, None)]


def test_the_period_menu_names_each_period_once(loaded_libraries):
    # Several jurisdictions and corrections per period: an ordering inherited by the
    # DISTINCT once listed each period once per (jurisdiction, correction).
    import datetime

    from django.utils import timezone

    from ictspace.indicators.models import Observation
    from ictspace.indicators.selectors import periods_with_data
    from ictspace.review.models import ReviewState

    indicator = Indicator.objects.get(library__slug="belize-egov-2015", code="kpi-1.1.1")
    Observation.objects.bulk_create(
        Observation(
            jurisdiction=Jurisdiction.objects.get(code=code),
            indicator=indicator,
            period=str(year),
            period_start=datetime.date(year, 1, 1),
            period_end=datetime.date(year, 12, 31),
            value_number=value,
            review_state=ReviewState.VALIDATED,
            created_at=timezone.now(),
        )
        for code in ("BZ", "BB", "JM")
        for year in (2017, 2016)
        for value in (10, 20)
    )
    assert periods_with_data(indicator) == ["2016", "2017"]
