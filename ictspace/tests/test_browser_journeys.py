"""Main journeys in a real browser, each page checked with axe-core."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from playwright.sync_api import expect

from ictspace.accounts.models import Role
from ictspace.accounts.tests.test_mfa import totp_code
from ictspace.conftest import PASSWORD, make_user
from ictspace.tests.browser import axe_violations

OWN_CODE = "BB"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, user, secret):
    page.goto("/accounts/login/")
    assert axe_violations(page) == []
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label(re.compile("Authenticator code|Code")).fill(totp_code(secret))
    assert axe_violations(page) == []
    page.get_by_role("button", name=re.compile("Sign In|Sign in|Submit")).click()
    expect(page.locator(".user-box .who")).to_have_text(user.full_name)


@pytest.fixture
def ncpoc(directory):
    user = make_user(Role.NCPOC, email="nia@gov.bb.example", mfa=False)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return user, secret


def test_sign_in_open_a_member_state_and_sign_out(browser_page, ncpoc):
    page = browser_page
    user, secret = ncpoc
    sign_in(page, user, secret)
    # An NCPOC lands on their home: their country's scorecard and their work.
    expect(page.get_by_role("heading", level=1)).to_have_text("Barbados")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Region", exact=True).click()
    expect(page.get_by_role("heading", name="Caribbean Community")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Barbados").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Barbados")
    expect(page.get_by_role("link", name="National CSIRT (Barbados)")).to_be_visible()
    expect(page.get_by_role("link", name="Regional Cyber Committee")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    page.goto("/libraries/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def test_filter_the_work_plan_by_lead_organisation(browser_page, ncpoc, loaded_libraries):
    page = browser_page
    user, secret = ncpoc
    sign_in(page, user, secret)
    page.get_by_role("link", name="Libraries").click()
    assert axe_violations(page) == []
    # exact: the source document's link beside it carries the same words and more.
    plan = "Integrated Work Plan for the CARICOM Single ICT Space"
    page.get_by_role("link", name=plan, exact=True).click()
    everything = page.locator("table.tree tbody tr").count()
    page.get_by_label("Lead organisation").select_option("CXC")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"lead=CXC"))
    rows = page.locator("table.tree tbody tr")
    assert 0 < rows.count() < everything
    for i in range(rows.count()):
        expect(rows.nth(i).locator("td").nth(1)).to_contain_text("CXC")
    assert axe_violations(page) == []
    rows.first.get_by_role("link").first.click()
    # The item names its source document by title, the text behind the link.
    source = "Integrated Work Plan for the CARICOM Single ICT Space (Approved Document)"
    expect(page.get_by_role("link", name=source)).to_be_visible()
    assert axe_violations(page) == []


def _pdf_bytes() -> bytes:
    """A small but well-formed one-page PDF."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def test_ncpoc_records_a_status_with_evidence_and_the_chair_validates(
    browser_page, ncpoc, loaded_libraries, tmp_path, settings
):
    import datetime

    from django.utils import timezone

    settings.MEDIA_ROOT = tmp_path / "media"
    page = browser_page
    user, secret = ncpoc
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)

    sign_in(page, user, secret)
    page.get_by_role("link", name="Matrix").click()
    page.get_by_label("Component or priority area").select_option("3")
    page.get_by_role("button", name="Show").click()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Barbados, 3.1.4: no data").click()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Record a new status").click()
    page.get_by_label("Status").select_option(label="Completed")
    page.get_by_label("Effective from").fill(today.isoformat())
    page.get_by_label("Narrative").fill("The Barbados IXP exchanges traffic since today.")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()

    evidence = tmp_path / "ixp-launch-notice.pdf"
    evidence.write_bytes(_pdf_bytes())
    page.locator("input[type=file]").set_input_files(str(evidence))
    page.locator("textarea[name=citation]").first.fill("Regulator's launch notice")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Upload the file").click()
    expect(page.get_by_role("link", name="ixp-launch-notice.pdf")).to_be_visible()
    page.get_by_role("button", name="Submit for validation").click()
    # The confirmation page names the consequence; its own button submits.
    page.get_by_role("button", name="Submit for validation", exact=True).click()
    expect(page.locator(".review")).to_have_text("Submitted")
    page.get_by_role("button", name="Sign out").click()

    chair = make_user(Role.RCC_CHAIR, email="chair@impacs.example", mfa=False)
    chair_secret = generate_totp_secret()
    TOTP.activate(chair, chair_secret)
    sign_in(page, chair, chair_secret)
    page.get_by_role("link", name="Review queue").click()
    assert axe_violations(page) == []
    page.get_by_role("link", name="completed").click()
    expect(page.get_by_role("link", name="ixp-launch-notice.pdf")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Validate").click()
    page.get_by_role("button", name="Validate", exact=True).click()  # confirmed
    expect(page.locator(".review").first).to_have_text("Validated")

    page.get_by_role("link", name="Matrix").click()
    page.get_by_label("Component or priority area").select_option("3")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("link", name="Barbados, 3.1.4: Completed")).to_be_visible()
    page.get_by_label("As of", exact=True).fill(yesterday.isoformat())
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(f"as_of={yesterday.isoformat()}"))
    expect(page.get_by_role("link", name="Barbados, 3.1.4: no data")).to_be_visible()
    assert axe_violations(page) == []


def test_ncpoc_fills_a_template_offline_and_the_chart_shows_the_values(
    browser_page, ncpoc, loaded_libraries, tmp_path, settings
):
    from django.utils import timezone
    from openpyxl import load_workbook

    settings.MEDIA_ROOT = tmp_path / "media"
    page = browser_page
    user, secret = ncpoc
    year = timezone.localdate().year - 1
    periods = [str(year - 1), str(year)]

    sign_in(page, user, secret)
    page.get_by_role("link", name="Indicators").click()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Work offline with a spreadsheet").click()
    page.get_by_role("link", name="Download a template").click()
    # htmx is a deferred script: a change made before the page's load event (a slow link,
    # a loaded machine) reaches no listener, and the list stays the first library's.
    page.wait_for_load_state("load")
    page.get_by_label("Library").select_option("ict-core-indicators")
    # The library's indicators replace the list in place (htmx), ticked by section.
    page.get_by_role("checkbox", name="ind-internet").check()
    page.get_by_label("From year").fill(periods[0])
    page.get_by_label("To year").fill(periods[1])
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the template").click()
    template = tmp_path / "template.xlsx"
    download.value.save_as(template)

    # Offline: two values typed into the template's Data sheet.
    book = load_workbook(template)
    sheet = book["Data"]
    header = [cell.value for cell in sheet[1]]
    filled = 0
    for cells in sheet.iter_rows(min_row=2):
        by_name = dict(zip(header, cells, strict=False))
        if by_name["indicator"].value == "ind-internet" and by_name["period"].value in periods:
            by_name["value"].value = {periods[0]: 61.5, periods[1]: 66.25}[by_name["period"].value]
            by_name["source"].value = "Household ICT survey"
            filled += 1
    assert filled == 2
    book.save(template)

    page.get_by_role("link", name="Indicators").click()
    page.get_by_role("link", name="Work offline with a spreadsheet").click()
    page.locator("input[type=file]").set_input_files(str(template))
    page.get_by_role("button", name="Upload and preview").click()
    expect(page.get_by_text("2 new", exact=True)).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Confirm and apply").click()
    expect(page.locator(".import-state.is-applied")).to_have_text("Applied")
    page.get_by_role("button", name="Sign out").click()

    chair = make_user(Role.RCC_CHAIR, email="chair@impacs.example", mfa=False)
    chair_secret = generate_totp_secret()
    TOTP.activate(chair, chair_secret)
    sign_in(page, chair, chair_secret)
    page.get_by_role("link", name="Values to review").click()
    assert axe_violations(page) == []
    # A whole upload is decided from its preview, and confirmed.
    page.get_by_role("link", name="Open the preview to decide on 2 values").click()
    page.get_by_role("button", name="Validate every value of this upload still waiting").click()
    page.get_by_role("button", name="Validate", exact=True).click()
    expect(page.get_by_text("No upload waits for review.")).to_be_visible()

    page.goto(f"/indicators/ict-core-indicators/ind-internet/{OWN_CODE}/")
    chart = page.locator("svg").first
    expect(chart.locator(f'g.observation[data-period="{periods[1]}"] title')).to_have_text(
        f"Observed in {periods[1]}: 66.25 %"
    )
    expect(chart.locator("g.observation")).to_have_count(2)
    assert axe_violations(page) == []


def test_every_tracking_and_indicator_page_passes_axe(browser_page, loaded_libraries):
    """The pages the journeys above do not reach, with data on them, checked by axe-core."""
    import datetime
    from decimal import Decimal

    from django.utils import timezone

    from ictspace.catalogue.models import Indicator, Item
    from ictspace.directory.models import Jurisdiction
    from ictspace.indicators.models import Observation
    from ictspace.tracking.models import StatusUpdate

    user = make_user(Role.SECRETARIAT, email="analyst@caricom.example", mfa=False)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    bb = Jurisdiction.objects.get(code="BB")
    StatusUpdate.objects.create(
        jurisdiction=bb,
        item=Item.objects.get(library__slug="single-ict-space-iwp-2017", ref="3.1.4"),
        status="in_progress",
        effective_date=datetime.date(2019, 1, 1),
        review_state="validated",
        created_at=timezone.now(),
    )
    internet = Indicator.objects.get(library__slug="ict-core-indicators", code="ind-internet")
    for n, place in enumerate(Jurisdiction.objects.all()):
        for year in (2021, 2022):
            Observation.objects.create(
                jurisdiction=place,
                indicator=internet,
                period=str(year),
                period_start=datetime.date(year, 1, 1),
                period_end=datetime.date(year, 12, 31),
                value_number=Decimal(40 + n + (year - 2021) * 3),
                review_state="validated" if n % 4 else "submitted",
                outlier=n == 1,
                created_at=timezone.now(),
            )
    flagged = Observation.objects.filter(review_state="submitted").order_by("id").first()

    sign_in(page := browser_page, user, secret)
    pages = [
        "/tracking/BB/single-ict-space-iwp-2017/?since=2017-01-01",
        "/tracking/CARICOM/single-ict-space-iwp-2017/",
        "/tracking/items/single-ict-space-iwp-2017/3.1.4/",
        "/tracking/workplan/single-ict-space-iwp-2017/?as_of=2019-01-01",
        "/tracking/workplan/belize-egov-2015/",
        "/indicators/ict-core-indicators/ind-internet/",
        "/indicators/ict-core-indicators/ind-internet/?colour=progress",
        "/indicators/ict-core-indicators/ind-internet/BB/",
        "/indicators/ict-core-indicators/ind-internet/BB/targets/",
        f"/indicators/observations/{flagged.pk}/",
        "/indicators/imports/",
        "/indicators/?library=belize-egov-2015&jurisdiction=BZ",
    ]
    for path in pages:
        page.goto(path)
        expect(page.locator("h1")).to_be_visible()
        assert axe_violations(page) == [], path


def test_a_grid_of_values_is_confirmed_and_a_decision_asks_first_at_phone_width(
    browser_page, ncpoc, loaded_libraries
):
    """Decisions (issue 12 §5–6): the grid names the faulty cell, then saves all; the chair's
    validation goes through the confirmation page; no page is wider than a phone."""
    from django.utils import timezone

    from ictspace.indicators.models import Observation

    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    user, secret = ncpoc
    period = str(timezone.localdate().year - 1)

    def fits():
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= page.evaluate("window.innerWidth"), page.url

    sign_in(page, user, secret)
    page.goto(
        f"/indicators/grid/{OWN_CODE}/?library=ict-core-indicators&section=HH&period={period}"
    )
    fits()
    assert axe_violations(page) == []
    page.get_by_label("Proportion of individuals using the Internet").fill("64")
    page.get_by_label("Proportion of households with a computer").fill("140")
    page.get_by_label("Source").fill("Household ICT survey")
    page.get_by_role("button", name="Submit these values for validation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Submit 2 values for validation?")
    fits()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Submit for validation", exact=True).click()
    faults = page.locator("#grid-faults")
    expect(faults).to_contain_text("Nothing was saved: 1 cell needs correcting.")
    expect(faults).to_contain_text("Proportion of households with a computer")
    assert not Observation.objects.exists()
    fits()
    assert axe_violations(page) == []
    page.get_by_label("Proportion of households with a computer").fill("41")
    page.get_by_role("button", name="Submit these values for validation").click()
    page.get_by_role("button", name="Submit for validation", exact=True).click()
    expect(page.get_by_text("2 values submitted for validation together.")).to_be_visible()
    assert Observation.objects.filter(review_state="submitted").count() == 2
    page.get_by_role("button", name="Sign out").click()

    chair = make_user(Role.RCC_CHAIR, email="chair@impacs.example", mfa=False)
    chair_secret = generate_totp_secret()
    TOTP.activate(chair, chair_secret)
    sign_in(page, chair, chair_secret)
    value = Observation.objects.get(indicator__code="ind-internet")
    page.goto(f"/indicators/observations/{value.pk}/")
    expect(page.get_by_text("Nothing has been validated here before")).to_be_visible()
    page.get_by_role("button", name="Validate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Validate this indicator value?")
    fits()
    assert axe_violations(page) == []
    value.refresh_from_db()
    assert value.review_state == "submitted"  # nothing happens before the confirmation
    page.get_by_role("button", name="Validate", exact=True).click()
    expect(page.get_by_text("Validated: it now counts.")).to_be_visible()
    value.refresh_from_db()
    assert value.review_state == "validated"
