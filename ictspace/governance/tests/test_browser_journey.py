"""The review-round journey in a real browser, and every governance page checked with axe."""

import datetime
import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone
from playwright.sync_api import expect

from ictspace.accounts.models import Role
from ictspace.conftest import make_user
from ictspace.tests.browser import axe_violations
from ictspace.tests.test_browser_journeys import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
IWP = "single-ict-space-iwp-2017"


def _person(role, email):
    user = make_user(role, email=email, mfa=False)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return user, secret


def _row(page):
    return page.locator('#round-progress tr[data-code="BB"] .round-state')


def test_a_review_round_from_opening_to_closing(browser_page, loaded_libraries):
    page = browser_page
    today = timezone.localdate()
    secretariat = _person(Role.SECRETARIAT, "analyst@caricom.example")
    ncpoc = _person(Role.NCPOC, "nia@gov.bb.example")
    chair = _person(Role.RCC_CHAIR, "chair@impacs.example")

    sign_in(page, *secretariat)
    page.get_by_role("link", name="Governance").click()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Review rounds").click()
    page.get_by_label("Title").fill("Status review H1")
    page.get_by_label("Libraries").select_option(IWP)
    page.get_by_label("Only these items").fill("3.1.4")
    page.get_by_label("Barbados").check()
    page.get_by_label("Opens on").fill(today.isoformat())
    page.get_by_label("Due on").fill((today + datetime.timedelta(days=14)).isoformat())
    assert axe_violations(page) == []
    page.get_by_role("button", name="Open round").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Status review H1")
    expect(_row(page)).to_have_text("Not started")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, *ncpoc)
    page.get_by_role("link", name="Region", exact=True).click()  # from the NCPOC's home
    page.get_by_role("link", name="Barbados").click()
    expect(page.get_by_text("0 of 1 items updated")).to_be_visible()
    page.goto(f"/tracking/BB/{IWP}/3.1.4/new/")
    page.get_by_label("Status").select_option(label="Completed")
    page.get_by_label("Effective from").fill(today.isoformat())
    page.get_by_role("button", name="Save as draft").click()
    page.get_by_role("button", name="Submit for validation").click()
    # The confirmation page names the consequence; its own button submits.
    page.get_by_role("button", name="Submit for validation", exact=True).click()
    expect(page.locator(".review")).to_have_text("Submitted")
    page.get_by_role("link", name="Governance").click()
    page.get_by_role("link", name="Status review H1").click()
    expect(_row(page)).to_have_text("Submitted")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, *chair)
    page.get_by_role("link", name="Review queue").click()
    page.get_by_role("link", name="completed").click()
    page.get_by_role("button", name="Validate").click()
    page.get_by_role("button", name="Validate", exact=True).click()  # confirmed
    expect(page.locator(".review").first).to_have_text("Validated")
    page.get_by_role("button", name="Sign out").click()

    # Another analyst closes it: the first one's TOTP code may not have changed yet, and
    # a used code is refused a second time.
    sign_in(page, *_person(Role.SECRETARIAT, "second-analyst@caricom.example"))
    page.get_by_role("link", name="Governance").click()
    page.get_by_role("link", name="Status review H1").click()
    expect(_row(page)).to_have_text("Validated")
    page.get_by_role("button", name="Close the round").click()
    expect(page.get_by_text(re.compile("closed on .*the figures below are frozen"))).to_be_visible()
    expect(_row(page)).to_have_text("Validated")
    expect(page.locator('svg.tile-map rect[data-code="BB"]')).to_have_count(1)
    assert axe_violations(page) == []


def _governance_data(secretariat):
    """One of everything, so that every governance page has rows to show."""
    from ictspace.catalogue.models import Item, Library
    from ictspace.directory.actions import do_add_contact_channel, do_create_person
    from ictspace.directory.models import Body, Jurisdiction, Organisation
    from ictspace.governance.contacts.actions import do_record_reachability_test
    from ictspace.governance.meetings.actions import do_add_action_item, do_record_meeting
    from ictspace.governance.nominations.actions import do_nominate
    from ictspace.governance.risks.actions import do_create_risk
    from ictspace.governance.rounds.actions import do_open_round

    today = timezone.localdate()
    bb = Jurisdiction.objects.get(code="BB")
    ctu = Organisation.objects.get(code="CTU")
    rnd = do_open_round(title="Overdue review", libraries=[Library.objects.get(slug=IWP)],
                        opens_on=today - datetime.timedelta(days=40),
                        due_on=today - datetime.timedelta(days=1), acting_user=secretariat)  # fmt: skip
    risk = do_create_risk(title="Loss of funding", category="financial", inherent_likelihood=4,
                          inherent_impact=5, residual_likelihood=2, residual_impact=5, owner=ctu,
                          status="open", next_review_on=today - datetime.timedelta(days=3),
                          acting_user=secretariat)  # fmt: skip
    meeting = do_record_meeting(body=Body.objects.get(code="RCC"), title="RCC quarterly",
                                date=today, place="Bridgetown", acting_user=secretariat)  # fmt: skip
    do_add_action_item(title="Launch the IXP", due_on=today - datetime.timedelta(days=2),
                       owner_organisation=ctu, meeting=meeting, gap_jurisdiction=bb,
                       gap_item=Item.objects.get(library__slug=IWP, ref="3.1.4"),
                       acting_user=secretariat)  # fmt: skip
    do_nominate(jurisdiction=bb, nominating_authority="Cabinet Office", full_name="Nia Nominee",
                email="nominee@gov.bb.example", background="judiciary", acting_user=secretariat)  # fmt: skip
    person = do_create_person(full_name="Duty officer", jurisdiction=bb, acting_user=secretariat)
    channel = do_add_contact_channel(person, kind="phone", value="+1 246 555 0100",
                                     available_24_7=True, acting_user=secretariat)  # fmt: skip
    do_record_reachability_test(channel=channel, tested_on=today, reached=False,
                                acting_user=secretariat)  # fmt: skip
    return rnd, risk, meeting


# The elements that stick out past the right edge of the window, for the failure message.
WIDEST = """[...document.querySelectorAll('body *')].filter(e => {
  if (e.getBoundingClientRect().right <= window.innerWidth + 1) return false;
  for (let p = e.parentElement; p; p = p.parentElement)
    if (getComputedStyle(p).overflowX !== 'visible') return false;
  return true;
}).slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""


def test_every_governance_page_passes_axe_and_fits_a_phone(browser_page, loaded_libraries):
    page = browser_page
    secretariat = _person(Role.SECRETARIAT, "analyst@caricom.example")
    rnd, risk, meeting = _governance_data(secretariat[0])
    sign_in(page, *secretariat)
    paths = [
        "/governance/",
        "/governance/rounds/",
        f"/governance/rounds/{rnd.pk}/",
        "/governance/risks/",
        "/governance/risks/new/",
        f"/governance/risks/{risk.pk}/",
        f"/governance/risks/{risk.pk}/edit/",
        "/governance/meetings/",
        "/governance/meetings/new/",
        f"/governance/meetings/{meeting.pk}/",
        "/governance/actions/mine/",
        "/governance/nominations/",
        "/governance/reachability/",
        "/governance/calendar/",
        f"/tracking/BB/{IWP}/",
        "/BB/",
        "/",
    ]
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for path in paths:
            page.goto(path)
            expect(page.locator("h1")).to_be_visible()
            assert axe_violations(page) == [], path
            scroll = page.evaluate("document.documentElement.scrollWidth")
            wide = page.evaluate(WIDEST)
            # The gap analysis's library picker is wider than a phone already (not ours).
            if path.startswith("/governance/"):
                assert scroll <= width, f"{path} is {scroll}px wide at {width}px: {wide}"
