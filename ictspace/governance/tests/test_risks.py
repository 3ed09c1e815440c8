import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from ictspace.charts.heatmap import CELL, LEFT, TOP, cell_origin
from ictspace.directory.models import Organisation
from ictspace.governance.models import Risk
from ictspace.governance.risks import actions, scoring, selectors

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("likelihood", "impact", "level", "band"),
    [
        (1, 1, 1, "low"),
        (1, 4, 4, "low"),
        (5, 1, 5, "medium"),
        (3, 3, 9, "medium"),
        (2, 5, 10, "high"),
        (4, 4, 16, "high"),
        (4, 5, 20, "critical"),
        (5, 5, 25, "critical"),
    ],
)
def test_levels_and_bands_at_their_boundaries(likelihood, impact, level, band):
    assert scoring.level(likelihood, impact) == level
    assert scoring.band(level) == band


@pytest.mark.parametrize(("likelihood", "impact"), [(0, 3), (6, 1), (3, 0), (1, 6)])
def test_off_the_scale_is_refused(likelihood, impact):
    with pytest.raises(ValueError):
        scoring.level(likelihood, impact)


def test_the_corners_of_the_heat_map():
    assert cell_origin(1, 1) == (LEFT, TOP + 4 * CELL)  # bottom left
    assert cell_origin(5, 5) == (LEFT + 4 * CELL, TOP)  # top right
    assert cell_origin(5, 1) == (LEFT, TOP)  # top left: likely, small impact


def _risk(cast, user="secretariat", **extra):
    fields = {
        "title": "Loss of funding for the IXP",
        "category": Risk.Category.FINANCIAL,
        "inherent_likelihood": 4,
        "inherent_impact": 5,
        "residual_likelihood": 2,
        "residual_impact": 5,
        "owner": Organisation.objects.get(code="CTU"),
        "status": Risk.Status.OPEN,
        **extra,
    }
    return actions.do_create_risk(**fields, acting_user=cast[user])


def test_a_risk_lands_in_its_cells(cast):
    _risk(cast)
    _risk(cast, residual_likelihood=1, residual_impact=1, status=Risk.Status.CLOSED)
    inherent, residual = selectors.heat_maps(cast["steering"])

    assert 'data-likelihood="4" data-impact="5" data-count="1"' in inherent.svg
    assert 'data-likelihood="2" data-impact="5" data-count="1"' in residual.svg
    # A closed risk is off the map.
    assert 'data-likelihood="1" data-impact="1" data-count="0"' in residual.svg
    assert residual.table.rows[3] == ("2", "0", "0", "0", "0", "1")


def test_the_list_sorts_by_residual_level_and_flags_overdue_reviews(cast):
    past = timezone.localdate() - datetime.timedelta(days=1)
    low = _risk(cast, title="Low", residual_likelihood=1, residual_impact=2, next_review_on=past)
    high = _risk(cast, title="High", residual_likelihood=4, residual_impact=4)
    risks, _order = selectors.risk_list(cast["steering"], "residual")
    assert [r.pk for r in risks] == [high.pk, low.pk]
    assert [r.review_overdue for r in risks] == [False, True]


def test_acceptance_needs_a_reason_and_records_who(cast):
    risk = _risk(cast)
    with pytest.raises(ValidationError) as caught:
        actions.do_update_risk(risk, status=Risk.Status.ACCEPTED, acting_user=cast["secretariat"])
    assert "acceptance_reason" in caught.value.message_dict
    risk = Risk.objects.get(pk=risk.pk)
    actions.do_update_risk(
        risk,
        status=Risk.Status.ACCEPTED,
        acceptance_reason="Residual level is tolerable until 2028.",
        acting_user=cast["secretariat"],
    )
    risk.refresh_from_db()
    assert risk.accepted_by == cast["secretariat"]


def test_a_focal_point_edits_only_its_organisations_risks(cast):
    own = _risk(cast, user="focal_point")  # CTU, the focal point's organisation
    with pytest.raises(ValidationError):
        _risk(cast, user="focal_point", owner=Organisation.objects.get(code="IMPACS"))
    other = _risk(cast, owner=Organisation.objects.get(code="IMPACS"))
    actions.do_update_risk(own, residual_impact=3, acting_user=cast["focal_point"])
    with pytest.raises(PermissionDenied):
        actions.do_update_risk(other, residual_impact=3, acting_user=cast["focal_point"])
    with pytest.raises(PermissionDenied):
        _risk(cast, user="ncpoc")


def test_every_change_is_in_the_history(cast, client_for):
    risk = _risk(cast)
    actions.do_update_risk(risk, residual_impact=3, acting_user=cast["secretariat"])
    actions.do_add_mitigation(
        risk, description="Regional donor round", owner=risk.owner, acting_user=cast["secretariat"]
    )
    assert [e.action for e in selectors.history(risk)] == [
        "create_risk",
        "update_risk",
        "add_mitigation",
    ]
    page = client_for(cast["steering"]).get(reverse("governance:risk", args=[risk.pk]))
    assert "Regional donor round" in page.content.decode()


def test_the_form_puts_errors_on_their_fields(cast, client_for):
    client = client_for(cast["secretariat"])
    response = client.post(
        reverse("governance:risk_new"),
        {"title": "", "category": "financial", "inherent_likelihood": "6", "owner": "CTU",
         "residual_likelihood": "1", "residual_impact": "1", "inherent_impact": "1",
         "status": "accepted", "item_refs": "nope:1"},
    )  # fmt: skip
    assert response.status_code == 200
    form = response.context["form"]
    assert {"title", "inherent_likelihood", "item_refs"} <= set(form.errors)


def test_the_register_page_draws_both_heat_maps(cast, client_for):
    _risk(cast)
    page = client_for(cast["steering"]).get(reverse("governance:risks")).content.decode()
    assert page.count('class="chart heat-map"') == 2
    assert "Loss of funding for the IXP" in page


def test_the_audit_log_shows_governance_entries(cast, client_for, loaded_libraries):
    """Change names like "items" would shadow dict.items() in the audit log's template."""
    risk = _risk(cast)
    actions.do_update_risk(risk, residual_impact=3, acting_user=cast["secretariat"])
    page = client_for(cast["auditor"]).get(reverse("audit:log"))
    assert page.status_code == 200
    assert "Loss of funding for the IXP" in page.content.decode()
