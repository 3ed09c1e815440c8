"""One transition for every reviewable thing: conditional, audited, refusing a late decision."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ictspace.audit.models import AuditEntry
from ictspace.indicators import actions as indicator_actions
from ictspace.indicators.models import Observation
from ictspace.review.models import ReviewState
from ictspace.review.tests.helpers import applied_upload, observation, status_update
from ictspace.tracking import actions as tracking_actions
from ictspace.tracking.models import StatusUpdate

pytestmark = pytest.mark.django_db

# (maker, action, audit prefix) for each kind reviewed one at a time.
SINGLE = {
    "status update": (status_update, tracking_actions.do_review_status_update, "status"),
    "value": (observation, indicator_actions.do_review_observation, "observation"),
}


@pytest.fixture(params=sorted(SINGLE))
def kind(request, loaded_libraries):
    return SINGLE[request.param]


def test_a_second_decision_on_the_same_thing_is_refused(cast, kind):
    make, review, _ = kind
    thing = make(cast["ncpoc"])
    stale = type(thing).objects.get(pk=thing.pk)  # the second reviewer's page, loaded before
    review(thing, decision="validate", acting_user=cast["rcc_chair"])
    with pytest.raises(ValidationError, match="is validated"):
        review(stale, decision="return", reason="Late.", acting_user=cast["secretariat"])
    stale.refresh_from_db()
    assert (stale.review_state, stale.reviewed_by) == ("validated", cast["rcc_chair"])
    assert stale.return_reason == ""


def test_the_decision_is_audited_with_old_and_new_state(cast, kind):
    make, review, noun = kind
    thing = make(cast["ncpoc"])
    review(thing, decision="return", reason=" Add the source. ", acting_user=cast["secretariat"])
    entry = AuditEntry.objects.get(action=f"returned_{noun}", object_id=str(thing.pk))
    assert entry.actor == cast["secretariat"]
    assert entry.changes["review_state"] == ["submitted", "returned"]
    assert entry.changes["return_reason"] == [None, "Add the source."]


def test_a_return_needs_a_reason(cast, kind):
    make, review, _ = kind
    thing = make(cast["ncpoc"])
    with pytest.raises(ValidationError, match="Say why"):
        review(thing, decision="return", reason="   ", acting_user=cast["rcc_chair"])
    thing.refresh_from_db()
    assert thing.review_state == ReviewState.SUBMITTED
    assert not AuditEntry.objects.filter(object_id=str(thing.pk), action__startswith="ret")


def test_an_unknown_decision_changes_nothing(cast, kind):
    make, review, _ = kind
    thing = make(cast["ncpoc"])
    with pytest.raises(ValidationError, match="validate or to return"):
        review(thing, decision="maybe", acting_user=cast["rcc_chair"])
    thing.refresh_from_db()
    assert thing.review_state == ReviewState.SUBMITTED


@pytest.mark.parametrize("model", [StatusUpdate, Observation])
def test_the_database_refuses_a_return_without_reason_on_both_apps(cast, loaded_libraries, model):
    make = status_update if model is StatusUpdate else observation
    thing = make(cast["ncpoc"])
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=thing.pk).update(review_state="returned", return_reason="")


def test_an_upload_is_decided_as_one_batch_with_one_audit_row(cast, loaded_libraries):
    job = applied_upload(cast["ncpoc"], values=3)
    decided = observation(cast["ncpoc"], period="2019", job=job, state=ReviewState.RETURNED)
    indicator_actions.do_open_upload_preview(job, acting_user=cast["rcc_chair"])
    moved = indicator_actions.do_review_import(
        job, decision="validate", acting_user=cast["rcc_chair"]
    )
    assert moved == 3
    decided.refresh_from_db()
    assert decided.review_state == ReviewState.RETURNED  # only waiting values move
    entry = AuditEntry.objects.get(action="validated_import")
    assert (entry.object_id, entry.changes["observations"]) == (str(job.pk), [None, 3])
    with pytest.raises(ValidationError, match="Nothing here waits"):
        indicator_actions.do_review_import(
            job, decision="return", reason="Late.", acting_user=cast["secretariat"]
        )
    assert AuditEntry.objects.filter(object_id=str(job.pk), action__endswith="_import").count() == 1
