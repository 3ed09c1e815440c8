"""Each role's home page: its queues and counts, asserted against the database."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ictspace.accounts.models import Role, User
from ictspace.catalogue.models import Indicator, Item
from ictspace.conftest import OTHER, OWN
from ictspace.directory.models import Jurisdiction
from ictspace.indicators.actions import do_review_observation, do_submit_observation
from ictspace.indicators.models import Observation
from ictspace.portal import selectors
from ictspace.review.models import ReviewState
from ictspace.tracking.actions import (
    do_draft_status_update,
    do_review_status_update,
    do_submit_status_update,
)
from ictspace.tracking.models import StatusUpdate

pytestmark = pytest.mark.django_db
CCSCAP = "ccscap-2016"
DAY = datetime.date(2025, 1, 1)


def _update(ncpoc, ref: str, status: str, *, to: str, reviewer=None, code=OWN):
    update = do_draft_status_update(
        jurisdiction=Jurisdiction.objects.get(code=code),
        item=Item.objects.get(library__slug=CCSCAP, ref=ref),
        status=status,
        effective_date=DAY,
        acting_user=ncpoc,
    )
    if to == "draft":
        return update
    do_submit_status_update(update, acting_user=ncpoc)
    if to == "validated":
        do_review_status_update(update, decision="validate", acting_user=reviewer)
    if to == "returned":
        do_review_status_update(
            update, decision="return", reason="Attach the act.", acting_user=reviewer
        )
    return update


def _values(ncpoc, years, *, code=OWN):
    indicator = Indicator.objects.get(library__slug="ict-core-indicators", code="ind-internet")
    return [
        do_submit_observation(
            jurisdiction=Jurisdiction.objects.get(code=code),
            indicator=indicator,
            period=str(year),
            value=str(40 + year % 10),
            acting_user=ncpoc,
        )
        for year in years
    ]


@pytest.fixture
def work(cast, loaded_libraries):
    """The NCPOC's work in every state: validated, returned, waiting, drafts and values."""
    ncpoc, chair = cast[Role.NCPOC], cast[Role.RCC_CHAIR]
    _update(ncpoc, "ms-1.1", "met", to="validated", reviewer=chair)
    _update(ncpoc, "ms-1.2", "partially_met", to="returned", reviewer=chair)
    _update(ncpoc, "ms-1.3", "met", to="submitted")
    _update(ncpoc, "ms-1.4", "met", to="submitted")
    _update(ncpoc, "ms-1.5", "partially_met", to="draft")
    _update(ncpoc, "ms-4.1", "met", to="draft")
    values = _values(ncpoc, [2021, 2022, 2023])
    do_review_observation(values[0], decision="validate", acting_user=chair)
    return cast


def _text(response) -> str:
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_the_reviewers_home_counts_what_waits_oldest_first(work, client_for):
    chair = work[Role.RCC_CHAIR]
    statuses = StatusUpdate.objects.filter(review_state=ReviewState.SUBMITTED).exclude(author=chair)
    values = Observation.objects.filter(review_state=ReviewState.SUBMITTED).exclude(author=chair)
    assert (statuses.count(), values.count()) == (2, 2)
    response = client_for(chair).get("/")
    text = _text(response)
    assert f"<strong>{statuses.count()}</strong> statuses waiting for your review" in text
    assert f"<strong>{values.count()}</strong> values waiting for your review" in text
    assert f"Review queue ({statuses.count()})" in text
    assert f"Values to review ({values.count()})" in text
    listed = response.context["queues"].status_updates
    assert [u.pk for u in listed] == list(
        statuses.order_by("submitted_at").values_list("pk", flat=True)
    )


def test_states_without_a_recent_status_are_listed(work, client_for, settings):
    settings.NOT_REPORTED_AFTER_DAYS = (timezone.localdate() - DAY).days + 1
    silent = selectors.not_reported(settings.NOT_REPORTED_AFTER_DAYS, timezone.localdate())
    codes = {state.code for state in silent}
    assert OWN not in codes  # its status took effect within the window
    assert OTHER in codes
    members = Jurisdiction.objects.filter(kind="state", membership="member").count()
    assert len(silent) == members - 1
    text = _text(client_for(work[Role.SECRETARIAT]).get("/"))
    assert f"<strong>{members - 1}</strong> states not reporting" in text

    settings.NOT_REPORTED_AFTER_DAYS = (timezone.localdate() - DAY).days - 1
    assert OWN in {
        s.code
        for s in selectors.not_reported(settings.NOT_REPORTED_AFTER_DAYS, timezone.localdate())
    }


def test_the_ncpocs_home_shows_the_scorecard_and_their_work(work, client_for):
    ncpoc = work[Role.NCPOC]
    response = client_for(ncpoc).get("/")
    text = _text(response)
    card = response.context["scorecards"][0]
    standards = Item.objects.filter(library__slug=CCSCAP, kind="minimum_standard", assessable=True)
    assert card.library.slug == CCSCAP
    assert (card.standards_met, card.standards_total) == (1, standards.count())
    assert f"of minimum standards met (1 of {standards.count()})" in text
    mine = StatusUpdate.objects.filter(author=ncpoc)
    drafts, returned = mine.filter(review_state="draft"), mine.filter(review_state="returned")
    assert f"<strong>{drafts.count()}</strong> drafts" in text
    assert f"<strong>{returned.count()}</strong> returned to you" in text
    assert "Reason: Attach the act." in text
    assert f"My updates ({drafts.count() + returned.count()})" in text
    waiting = Observation.objects.filter(author=ncpoc, review_state=ReviewState.SUBMITTED)
    assert f"<strong>{waiting.count()}</strong> values waiting for review" in text
    # The gap of ms-1.2 stays listed under its priority area, with how long it has been open.
    gaps = {gap.row.item.ref: gap for group in card.groups for gap in group.gaps}
    assert "ms-1.1" not in gaps
    assert gaps["ms-1.3"].days_open is None  # submitted, not validated: never assessed
    tiles = {row.indicator.code: row for row in response.context["tiles"]}
    assert tiles["ind-internet"].latest_label.startswith("41")


def test_what_changed_since_the_last_visit(work, client_for):
    ncpoc, chair = work[Role.NCPOC], work[Role.RCC_CHAIR]
    client = client_for(ncpoc)
    assert "This is your first visit" in _text(client.get("/"))
    seen = User.objects.get(pk=ncpoc.pk).home_seen_at
    assert seen is not None
    update = StatusUpdate.objects.get(author=ncpoc, item__ref="ms-1.3")
    do_review_status_update(update, decision="validate", acting_user=chair)
    response = client.get("/")
    assert [u.pk for u in response.context["changes"]] == [update.pk]
    assert "Public Sector" in _text(response)
    assert User.objects.get(pk=ncpoc.pk).home_seen_at > seen


def test_the_focal_points_home_shows_the_items_their_agency_leads(
    cast, loaded_libraries, client_for
):
    response = client_for(cast[Role.FOCAL_POINT]).get("/")
    text = _text(response)
    assert "Caribbean Telecommunications Union" in text
    led = Item.objects.filter(lead_organisations__code="CTU", assessable=True)
    assert response.context["scorecards"][0].total <= led.count()
    assert response.context["scorecards"][0].total > 0


@pytest.mark.parametrize("role", [Role.STEERING, Role.AUDITOR])
def test_the_readers_home_shows_the_region_and_recent_changes(role, work, client_for):
    response = client_for(work[role]).get("/")
    text = _text(response)
    assert "Open the regional matrix" in text
    area = response.context["rollup"][0]
    assert area.counts["met"] == 1  # OWN met ms-1.1, the first priority area's standard
    assert [u.item.ref for u in response.context["changes"]] == ["ms-1.1"]
    assert "Review queue" not in text


def test_the_public_home_is_the_region_page(directory, client):
    text = _text(client.get("/"))
    assert "Caribbean Community" in text and "NCPOC seats filled" in text


# Counts in the navigation: one query, for who has a queue -----------------------------------


@pytest.mark.parametrize(
    ("role", "queries"),
    [(Role.RCC_CHAIR, 1), (Role.SECRETARIAT, 1), (Role.NCPOC, 1), (Role.STEERING, 0)],
)
def test_the_navigation_counts_cost_one_query(role, queries, work, django_assert_num_queries):
    user = User.objects.get(pk=work[role].pk)
    user.role_grants.all()  # grants are read (and cached) by the layout anyway
    from ictspace import access

    access.grants(user)
    with django_assert_num_queries(queries):
        counts = selectors.nav_counts(user)
    if role == Role.NCPOC:
        assert counts == {"my_updates": 3}
    if role == Role.RCC_CHAIR:
        assert counts == {"review_statuses": 2, "review_values": 2, "review_uploads": 0}


# Query counts: pinned per role, the same with more data ------------------------------------

# Session, user, grants and the navigation's counts are 4 of each; the scorecards cost
# 4 a library that concerns the jurisdiction (items, statuses, evidence, gap parents).
HOME_QUERIES = {
    Role.NCPOC: 33,  # + the open requests for assistance
    Role.FOCAL_POINT: 28,
    Role.RCC_CHAIR: 16,
    Role.SECRETARIAT: 16,
    Role.STEERING: 10,
    Role.AUDITOR: 10,
}


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    return len(captured)


def _more(cast) -> None:
    """More of everything the pages list: another state's statuses and values."""
    from ictspace.accounts.models import RoleGrant
    from ictspace.tests.factories import UserFactory  # noqa: F401  (the cast's factory)

    other = User.objects.create_user(email="other-ncpoc@test.example", password="x")
    RoleGrant.objects.create(
        user=other, role=Role.NCPOC, jurisdiction=Jurisdiction.objects.get(code=OTHER)
    )
    chair = cast[Role.RCC_CHAIR]
    for ref in ("ms-1.1", "ms-1.2", "ms-1.5", "ms-4.1"):
        _update(other, ref, "met", to="validated", reviewer=chair, code=OTHER)
    for ref in ("ms-1.3", "ms-1.4", "ms-4.2"):
        _update(other, ref, "met", to="submitted", code=OTHER)
    _values(other, [2019, 2020, 2021, 2022], code=OTHER)
    _update(cast[Role.NCPOC], "ms-4.2", "met", to="returned", reviewer=chair)
    _update(cast[Role.NCPOC], "ms-4.3", "met", to="draft")


@pytest.mark.parametrize("role", sorted(HOME_QUERIES))
def test_each_home_costs_a_pinned_number_of_queries(role, work, client_for):
    client = client_for(work[role])
    client.get("/")  # the first visit of the NCPOC writes its time like every later one
    small = _queries(client)
    _more(work)
    assert _queries(client) == small, f"the {role} home grows with the data"
    assert small == HOME_QUERIES[role]


def test_the_ncpocs_home_lists_open_requests_for_assistance(work, client_for):
    from ictspace.sharing.actions import do_create_post

    ncpoc = work[Role.NCPOC]
    do_create_post(
        kind="request",
        title="Two phones to examine",
        body="A forensic laboratory for two phones.",
        jurisdiction=Jurisdiction.objects.get(code=OWN),
        label="amber",
        audience="named",
        fields={
            "addressed_to": Jurisdiction.objects.get(code=OTHER),
            "resource_type": "forensic_lab",
        },
        acting_user=ncpoc,
    )
    text = _text(client_for(ncpoc).get("/"))
    assert "Two phones to examine" in text
    assert "No open request to or from your jurisdiction." not in text
