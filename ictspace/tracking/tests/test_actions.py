import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ictspace.audit.models import AuditEntry
from ictspace.catalogue.models import Item
from ictspace.directory.models import Jurisdiction
from ictspace.review.models import ReviewState
from ictspace.tracking import actions
from ictspace.tracking.models import StatusUpdate

pytestmark = pytest.mark.django_db
IWP = "single-ict-space-iwp-2017"
DAY = datetime.date(2025, 3, 1)


@pytest.fixture
def item(loaded_libraries):
    return Item.objects.get(library__slug=IWP, ref="3.1.4")  # IXPs, CTU-led


@pytest.fixture
def barbados(directory):
    return Jurisdiction.objects.get(code="BB")


def _draft(cast, item, state, **extra):
    fields = {"status": "in_progress", "effective_date": DAY, **extra}
    return actions.do_draft_status_update(
        jurisdiction=state, item=item, acting_user=cast["ncpoc"], **fields
    )


def test_the_review_cycle_is_audited(cast, item, barbados):
    update = _draft(cast, item, barbados, narrative="IXP tender awarded")
    actions.do_submit_status_update(update, acting_user=cast["ncpoc"])
    actions.do_review_status_update(update, decision="validate", acting_user=cast["rcc_chair"])
    update.refresh_from_db()
    assert update.review_state == ReviewState.VALIDATED
    assert update.reviewed_by == cast["rcc_chair"]
    trail = list(
        AuditEntry.objects.filter(object_type="tracking.statusupdate", object_id=str(update.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert trail == ["draft_status", "submitted_status", "validated_status"]


def test_a_returned_update_needs_a_reason(cast, item, barbados):
    update = _draft(cast, item, barbados)
    actions.do_submit_status_update(update, acting_user=cast["ncpoc"])
    with pytest.raises(ValidationError):
        actions.do_review_status_update(
            update, decision="return", reason="  ", acting_user=cast["secretariat"]
        )
    actions.do_review_status_update(
        update, decision="return", reason="Attach the contract", acting_user=cast["secretariat"]
    )
    update.refresh_from_db()
    assert (update.review_state, update.return_reason) == ("returned", "Attach the contract")


@pytest.mark.parametrize("role", ["ncpoc", "focal_point", "steering", "auditor"])
def test_only_the_chair_and_secretariat_review(cast, item, barbados, role):
    update = _draft(cast, item, barbados)
    actions.do_submit_status_update(update, acting_user=cast["ncpoc"])
    with pytest.raises(PermissionDenied):
        actions.do_review_status_update(update, decision="validate", acting_user=cast[role])


def test_nobody_validates_their_own_update(cast, item, directory):
    region = Jurisdiction.objects.get(code="CARICOM")
    secretariat_and_focal = cast["focal_point"]
    from ictspace.accounts.models import RoleGrant

    RoleGrant.objects.create(user=secretariat_and_focal, role="secretariat")
    secretariat_and_focal._ictspace_grants = None
    regional = Item.objects.get(library__slug=IWP, ref="1.1.3")  # CTU-led, regional
    update = actions.do_draft_status_update(
        jurisdiction=region, item=regional, status="completed", effective_date=DAY,
        acting_user=secretariat_and_focal,
    )  # fmt: skip
    actions.do_submit_status_update(update, acting_user=secretariat_and_focal)
    with pytest.raises(PermissionDenied):
        actions.do_review_status_update(
            update, decision="validate", acting_user=secretariat_and_focal
        )


def test_ncpoc_drafts_only_for_their_own_state(cast, item):
    with pytest.raises(PermissionDenied):
        _draft(cast, item, Jurisdiction.objects.get(code="JM"))


def test_focal_point_drafts_regional_rows_of_items_their_agency_leads(cast, loaded_libraries):
    region = Jurisdiction.objects.get(code="CARICOM")
    led = Item.objects.get(library__slug=IWP, ref="1.1.3")  # CTU, regional
    not_led = (
        Item.objects.filter(library__slug=IWP, assessable=True, scope_kind="regional")
        .exclude(lead_organisations__code="CTU")
        .first()
    )
    kwargs = {"status": "in_progress", "effective_date": DAY, "acting_user": cast["focal_point"]}
    assert actions.do_draft_status_update(jurisdiction=region, item=led, **kwargs).pk
    with pytest.raises(PermissionDenied):
        actions.do_draft_status_update(jurisdiction=region, item=not_led, **kwargs)
    with pytest.raises(PermissionDenied):
        actions.do_draft_status_update(
            jurisdiction=Jurisdiction.objects.get(code="BB"), item=led, **kwargs
        )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": "done"}, "is not on this item's scale"),
        ({"effective_date": datetime.date(2999, 1, 1)}, "cannot be in the future"),
        ({"percent_complete": 101}, "between 0 and 100"),
    ],
)
def test_bad_values_are_refused_with_a_reason(cast, item, barbados, fields, message):
    with pytest.raises(ValidationError) as caught:
        _draft(cast, item, barbados, **fields)
    assert message in str(caught.value)
    assert not StatusUpdate.objects.exists()


def test_a_retired_item_takes_no_updates(cast, item, barbados):
    Item.objects.filter(pk=item.pk).update(retired_in_version=2)
    item.refresh_from_db()
    with pytest.raises(ValidationError, match="was retired in version 2"):
        _draft(cast, item, barbados)


def test_two_people_editing_one_draft_the_second_save_is_refused(cast, item, barbados):
    update = _draft(cast, item, barbados, narrative="first words")
    mine = StatusUpdate.objects.get(pk=update.pk)
    theirs = StatusUpdate.objects.get(pk=update.pk)
    actions.do_edit_draft(mine, expected_version=1, narrative="mine", acting_user=cast["ncpoc"])
    with pytest.raises(actions.StaleDraft) as caught:
        actions.do_edit_draft(
            theirs, expected_version=1, narrative="theirs", acting_user=cast["ncpoc"]
        )
    assert caught.value.current.narrative == "mine"  # both versions can be shown
    assert StatusUpdate.objects.get(pk=update.pk).narrative == "mine"


def test_a_submitted_update_cannot_be_edited(cast, item, barbados):
    update = _draft(cast, item, barbados)
    actions.do_submit_status_update(update, acting_user=cast["ncpoc"])
    with pytest.raises(PermissionDenied):
        actions.do_edit_draft(update, expected_version=1, narrative="x", acting_user=cast["ncpoc"])


def test_a_second_reviewer_cannot_act_on_a_decided_update(cast, item, barbados):
    update = _draft(cast, item, barbados)
    actions.do_submit_status_update(update, acting_user=cast["ncpoc"])
    stale_copy = StatusUpdate.objects.get(pk=update.pk)
    actions.do_review_status_update(update, decision="validate", acting_user=cast["rcc_chair"])
    with pytest.raises(ValidationError, match="is validated"):
        actions.do_review_status_update(
            stale_copy, decision="return", reason="late", acting_user=cast["secretariat"]
        )
