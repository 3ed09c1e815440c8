"""The review queue lists every kind of waiting thing, oldest first, in constant queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ictspace.review.models import ReviewState
from ictspace.review.selectors import review_queue
from ictspace.review.tests.helpers import applied_upload, observation, status_update

pytestmark = pytest.mark.django_db


def _read(queue) -> tuple:
    """Everything a queue page shows."""
    return (
        [u.item.library.slug for u in queue.status_updates],
        [v.indicator.code for v in queue.values],
        list(queue.uploads),
        queue.counts(),
    )


def _queries(user) -> int:
    with CaptureQueriesContext(connection) as ctx:
        _read(review_queue(user))
    return len(ctx.captured_queries)


def test_every_kind_waits_oldest_first_and_never_ones_own(cast, loaded_libraries):
    chair = cast["rcc_chair"]
    now = timezone.now()
    newer = status_update(cast["ncpoc"], when=now)
    older = status_update(cast["ncpoc"], when=now - datetime.timedelta(days=2))
    status_update(chair)  # the chair's own
    status_update(cast["ncpoc"], state=ReviewState.VALIDATED)  # decided
    value = observation(cast["ncpoc"])
    observation(cast["ncpoc"], state=ReviewState.DRAFT)
    job = applied_upload(cast["ncpoc"], values=2)
    queue = review_queue(chair)
    assert list(queue.status_updates) == [older, newer]
    assert list(queue.values) == [value]
    assert [(u["import_job"], u["n"]) for u in queue.uploads] == [(job.pk, 2)]
    assert queue.counts() == {"status_updates": 2, "values": 1, "uploads": 1}


@pytest.mark.parametrize("role", ["ncpoc", "focal_point", "steering", "auditor"])
def test_who_does_not_review_has_an_empty_queue(cast, loaded_libraries, role):
    status_update(cast["rcc_chair"])
    observation(cast["rcc_chair"])
    queue = review_queue(cast[role])
    assert queue.counts() == {"status_updates": 0, "values": 0, "uploads": 0}
    assert not list(queue.uploads)


def test_the_queue_takes_the_same_queries_however_long_it_is(cast, loaded_libraries):
    secretariat = cast["secretariat"]
    status_update(cast["ncpoc"])
    observation(cast["ncpoc"])
    applied_upload(cast["ncpoc"], values=1)
    secretariat._ictspace_grants = None
    few = _queries(secretariat)
    for code in ("BB", "JM", "TT", "BZ"):
        status_update(cast["ncpoc"], code=code)
        observation(cast["ncpoc"], code=code, period="2021")
        applied_upload(cast["ncpoc"], values=2, code=code)
    secretariat._ictspace_grants = None
    # The grants, three lists and one aggregate; the update count reuses the fetched list.
    assert _queries(secretariat) == few == 5
