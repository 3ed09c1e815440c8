"""Tracking follows the declared scope: gaps, the matrix, the region's roll-up, refusals."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from ictspace import access
from ictspace.catalogue.models import Item, Library
from ictspace.directory.models import Jurisdiction
from ictspace.review.models import ReviewState
from ictspace.tracking import selectors
from ictspace.tracking.initial import do_load_initial_statuses
from ictspace.tracking.models import StatusUpdate

pytestmark = pytest.mark.django_db
IWP = "single-ict-space-iwp-2017"
BELIZE = "belize-egov-2015"
D = datetime.date
SIX = {"BB", "BZ", "DM", "JM", "TT", "VG"}  # "BAR, BEL, DOM, JAM, T&T, BVI Completed"


def _item(slug, ref):
    return Item.objects.get(library__slug=slug, ref=ref)


def _validated(item, code, status, effective):
    return StatusUpdate.objects.create(
        jurisdiction=Jurisdiction.objects.get(code=code), item=item, status=status,
        effective_date=effective, review_state=ReviewState.VALIDATED, created_at=timezone.now(),
    )  # fmt: skip


def _gaps(*args) -> str:
    out = io.StringIO()
    call_command("gaps", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def initial(loaded_libraries):
    do_load_initial_statuses(acting_user=access.SYSTEM)


def test_ixp_concerns_the_remaining_states_and_is_completed_for_the_six(initial):
    library = Library.objects.get(slug=IWP)
    m = selectors.matrix(library, timezone.localdate(), jurisdictions=Jurisdiction.objects.all())
    row = next(r for r in m.rows if r.item.ref == "3.1.4")
    cells = {c.jurisdiction.code: c for c in row.cells}
    assert {code for code, c in cells.items() if c.bucket == "met"} == SIX
    remaining = {code for code, c in cells.items() if c.applies and c.bucket == "no_data"}
    assert {"GY", "HT", "SR", "AG", "LC"} <= remaining and not remaining & SIX
    assert not cells["CARICOM"].applies  # each state's to do, not the region's
    assert cells["CARICOM"].rollup == selectors.Rollup(
        met=6, in_progress=0, not_started=0, no_data=14
    )


def test_guyanas_work_plan_gaps_include_ixp_cert_and_cyber_plan(initial):
    document = json.loads(_gaps("--jurisdiction", "GY", "--library", IWP))
    refs = {g["ref"] for g in document["gaps"]}
    assert {"3.1.4", "6.3", "6.4"} <= refs  # IXP, CERTs, national cyber-security plans
    assert {"4.8", "9.1.2", "9.1.3"}.isdisjoint(refs)  # .caricom, risk register, reports
    region = json.loads(_gaps("--jurisdiction", "CARICOM", "--library", IWP))
    assert {"4.8", "9.1.2", "9.1.3"} <= {g["ref"] for g in region["gaps"]}


def test_gaps_for_a_jurisdiction_the_library_does_not_concern_is_an_error(loaded_libraries):
    with pytest.raises(CommandError, match="does not concern Guyana"):
        _gaps("--jurisdiction", "GY", "--library", BELIZE)
    with pytest.raises(CommandError, match="does not concern Caribbean Community"):
        _gaps("--jurisdiction", "CARICOM", "--library", "caricom-cyber-profile-2020")
    assert json.loads(_gaps("--jurisdiction", "BZ", "--library", BELIZE))["gaps"]


def test_belizes_plan_concerns_belize_only(cast, client_for, loaded_libraries):
    library = Library.objects.get(slug=BELIZE)
    m = selectors.matrix(library, D(2020, 1, 1), jurisdictions=Jurisdiction.objects.all())
    assert [j.code for j in m.jurisdictions] == ["BZ"]  # not 21 columns of dashes
    assert m.counts["no_data"] == len(m.rows) == 36
    client = client_for(cast["steering"])
    guyana = client.get(reverse("portal:jurisdiction", args=["GY"])).content.decode()
    belize = client.get(reverse("portal:jurisdiction", args=["BZ"])).content.decode()
    assert reverse("tracking:dashboard", args=["GY", BELIZE]) not in guyana
    assert reverse("tracking:dashboard", args=["BZ", BELIZE]) in belize
    assert reverse("tracking:dashboard", args=["GY", IWP]) in guyana


def test_the_region_counts_states_at_the_boundaries(loaded_libraries):
    item = _item("ccscap-2016", "ms-4.1")  # national: the 15 member states
    library = item.library
    states = list(Jurisdiction.objects.all())

    def count(as_of):
        cells = selectors.current_statuses(as_of, library=library)
        return selectors.rollup(item, cells, states)

    assert count(D(2019, 1, 1)) == selectors.Rollup(0, 0, 0, 15)  # nobody reported
    members = Jurisdiction.objects.filter(membership="member")
    for state in members:
        _validated(item, state.code, "met", D(2019, 6, 1))
    _validated(item, "VG", "not_met", D(2019, 6, 1))  # an associate: not concerned
    _validated(item, "CARICOM", "not_met", D(2019, 6, 1))  # the region: not a state
    assert count(D(2019, 6, 1)) == selectors.Rollup(15, 0, 0, 0)  # every one met
    assert count(D(2019, 5, 31)) == selectors.Rollup(0, 0, 0, 15)  # the day before
    _validated(item, "GY", "partially_met", D(2019, 7, 1))
    _validated(item, "HT", "not_met", D(2019, 7, 1))
    assert count(D(2019, 7, 1)) == selectors.Rollup(13, 1, 1, 0)
    assert selectors.rolls_up(item, Jurisdiction.objects.get(code="CARICOM"))
    regional = _item("ccscap-2016", "need-5.6")
    assert not selectors.rolls_up(regional, Jurisdiction.objects.get(code="CARICOM"))


def test_an_ncpoc_is_told_why_an_item_takes_no_status_from_them(cast, client_for, loaded_libraries):
    client = client_for(cast["ncpoc"])  # NCPOC of Barbados
    form = {"status": "in_progress", "effective_date": "2019-01-01"}
    for slug, ref, why in [
        (BELIZE, "th-1.prog-1", "concerns only Belize"),
        (IWP, "4.8", "concerns the region as a whole"),
    ]:
        url = reverse("tracking:update_new", args=["BB", slug, ref])
        response = client.post(url, form, follow=True)
        assert response.redirect_chain[-1][0].startswith(
            reverse("tracking:history", args=["BB", slug, ref])
        )
        assert why in response.content.decode()
        assert "Record a new status" not in response.content.decode()
    assert not StatusUpdate.objects.exists()
    own = reverse("tracking:update_new", args=["BB", IWP, "3.1.4"])
    assert client.post(own, form).status_code == 302
    assert StatusUpdate.objects.get().item.ref == "3.1.4"


def test_the_action_refuses_with_the_reason_and_access_agrees(cast, loaded_libraries):
    from django.core.exceptions import PermissionDenied, ValidationError

    from ictspace import access
    from ictspace.tracking.actions import do_draft_status_update

    region, bb, jm = (Jurisdiction.objects.get(code=c) for c in ("CARICOM", "BB", "JM"))
    fields = {"status": "in_progress", "effective_date": D(2019, 1, 1)}
    cases = [
        (cast["ncpoc"], bb, _item("caricom-cyber-profile-2020", "hipcar-texts.3.2"), None),
        (cast["ncpoc"], bb, _item(BELIZE, "th-1.prog-1"), ValidationError),
        (cast["ncpoc"], jm, _item(IWP, "3.1.4"), PermissionDenied),  # not their state
        (cast["focal_point"], region, _item(IWP, "1.1.3"), None),  # CTU-led, regional
        (cast["focal_point"], region, _item(IWP, "3.1.4"), ValidationError),  # each state's
    ]
    for user, place, item, refused in cases:
        assert access.can_draft_status(user, place, item) is (refused is None)
        if refused is None:
            assert do_draft_status_update(jurisdiction=place, item=item, acting_user=user, **fields)
            continue
        with pytest.raises(refused) as caught:
            do_draft_status_update(jurisdiction=place, item=item, acting_user=user, **fields)
        if refused is ValidationError:
            assert item.ref in caught.value.messages[0]


def test_the_matrix_page_shows_the_regions_count_of_states(cast, client_for, initial):
    url = reverse("tracking:matrix") + f"?library={IWP}&component=3"
    page = client_for(cast["auditor"]).get(url).content.decode()
    assert "6 of 20 completed" in page and "14 no data" in page
