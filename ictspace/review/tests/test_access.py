"""access.can_review owns the whole rule: the reviewer roles, a waiting state, not one's own."""

import pytest
from django.core.exceptions import PermissionDenied

from ictspace import access
from ictspace.accounts.models import Role, RoleGrant
from ictspace.indicators import actions as indicator_actions
from ictspace.indicators.models import ImportJob
from ictspace.review.models import ReviewState
from ictspace.review.tests.helpers import applied_upload, observation, status_update
from ictspace.tracking import actions as tracking_actions

pytestmark = pytest.mark.django_db
MAKERS = {"status update": status_update, "value": observation}


@pytest.mark.parametrize("kind", sorted(MAKERS))
@pytest.mark.parametrize("role", ["anonymous", *Role.values])
def test_only_the_chair_and_the_secretariat_review(cast, loaded_libraries, kind, role):
    thing = MAKERS[kind](cast["ncpoc"])
    expected = role in (Role.RCC_CHAIR, Role.SECRETARIAT)
    assert access.can_review(cast[role], thing) is expected


@pytest.mark.parametrize("kind", sorted(MAKERS))
@pytest.mark.parametrize("state", [ReviewState.DRAFT, ReviewState.VALIDATED, ReviewState.RETURNED])
def test_only_a_submitted_thing_is_reviewed(cast, loaded_libraries, kind, state):
    thing = MAKERS[kind](cast["ncpoc"], state=state)
    assert not access.can_review(cast["rcc_chair"], thing)
    assert not access.can_review(cast["secretariat"], thing)


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_nobody_reviews_their_own_submission(cast, loaded_libraries, kind):
    chair = cast["rcc_chair"]
    RoleGrant.objects.create(user=chair, role=Role.NCPOC, jurisdiction=cast["ncpoc"]
                             .role_grants.get().jurisdiction)  # fmt: skip
    chair._ictspace_grants = None
    own = MAKERS[kind](chair)
    assert not access.can_review(chair, own)
    assert access.can_review(cast["secretariat"], own)


def test_the_actions_ask_can_review_themselves(cast, loaded_libraries):
    own_update = status_update(cast["rcc_chair"])
    draft_value = observation(cast["ncpoc"], state=ReviewState.DRAFT)
    with pytest.raises(PermissionDenied):
        tracking_actions.do_review_status_update(
            own_update, decision="validate", acting_user=cast["rcc_chair"]
        )
    with pytest.raises(PermissionDenied):
        indicator_actions.do_review_observation(
            draft_value, decision="validate", acting_user=cast["secretariat"]
        )
    with pytest.raises(PermissionDenied):
        indicator_actions.do_review_observation(
            observation(cast["ncpoc"]), decision="validate", acting_user=access.SYSTEM
        )


@pytest.mark.parametrize(
    ("state", "expected"),
    [(ImportJob.State.APPLIED, True), (ImportJob.State.PREVIEW, False)],
)
def test_an_upload_is_reviewed_once_applied_and_not_by_its_uploader(
    cast, loaded_libraries, state, expected
):
    job = applied_upload(cast["ncpoc"], values=1, state=state)
    assert access.can_review(cast["rcc_chair"], job) is expected
    assert not access.can_review(cast["ncpoc"], job)
    assert not access.can_review(cast["steering"], job)
    if not expected:
        with pytest.raises(PermissionDenied):
            indicator_actions.do_review_import(
                job, decision="validate", acting_user=cast["rcc_chair"]
            )
