import datetime

import pytest
from django.utils import timezone

from ictspace import access
from ictspace.catalogue.models import Item
from ictspace.conftest import make_user
from ictspace.directory.models import Jurisdiction
from ictspace.review.models import ReviewState
from ictspace.tracking.models import StatusUpdate

pytestmark = pytest.mark.django_db


@pytest.fixture
def updates(loaded_libraries):
    item = Item.objects.get(library__slug="single-ict-space-iwp-2017", ref="3.1.4")
    bb = Jurisdiction.objects.get(code="BB")
    region = Jurisdiction.objects.get(code="CARICOM")
    rows = {}
    for state in ReviewState.values:
        for where in (bb, region):
            rows[(state, where.code)] = StatusUpdate.objects.create(
                jurisdiction=where,
                item=item,
                status="in_progress",
                effective_date=datetime.date(2024, 1, 1),
                review_state=state,
                created_at=timezone.now(),
                return_reason="why" if state == "returned" else "",
            )
    return rows


EXPECTED = {
    # role: the (review state, jurisdiction) pairs it sees
    "anonymous": set(),
    "secretariat": {(s, j) for s in ReviewState.values for j in ("BB", "CARICOM")},
    "rcc_chair": {("validated", "BB"), ("validated", "CARICOM"), ("submitted", "BB"), ("submitted", "CARICOM")},
    "ncpoc": {("validated", "CARICOM")} | {(s, "BB") for s in ReviewState.values},
    "focal_point": {("validated", "BB")} | {(s, "CARICOM") for s in ReviewState.values},
    "steering": {("validated", "BB"), ("validated", "CARICOM")},
    "auditor": {("validated", "BB"), ("validated", "CARICOM")},
}  # fmt: skip


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_who_sees_which_updates(cast, updates, role):
    visible = set(access.status_updates_visible_to(cast[role]).values_list("pk", flat=True))
    expected = {updates[key].pk for key in EXPECTED[role]}
    assert visible == expected


def test_another_states_ncpoc_sees_only_validated(updates, directory):
    other = make_user("ncpoc", email="jm@x.example")
    other.role_grants.update(jurisdiction=Jurisdiction.objects.get(code="JM"))
    visible = set(access.status_updates_visible_to(other).values_list("review_state", flat=True))
    assert visible == {"validated"}
