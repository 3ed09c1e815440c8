"""The journey from the form to the downloaded PDF, in Chromium, checked with axe-core."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from playwright.sync_api import expect

from ictspace.accounts.models import Role
from ictspace.conftest import make_user
from ictspace.tests.browser import axe_violations
from ictspace.tests.test_browser_journeys import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ncpoc(loaded_libraries):
    user = make_user(Role.NCPOC, email="nia@gov.bb.example", mfa=False)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return user, secret


def _fits(page, width: int) -> bool:
    page.set_viewport_size({"width": width, "height": 900})
    return page.evaluate("document.documentElement.scrollWidth") <= width


def test_an_ncpoc_generates_their_country_report_and_downloads_the_pdf(browser_page, ncpoc):
    page = browser_page
    sign_in(page, *ncpoc)
    page.get_by_role("link", name="Reports", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reports")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Generate a report").click()
    assert axe_violations(page) == []
    page.locator("#id_kind").select_option("country")
    page.locator("#id_jurisdiction").select_option("BB")
    page.locator("#id_introduction").fill("Our status for the committee.")
    page.get_by_role("button", name="Generate").click()
    # The test server builds the report inline (WeasyPrint takes seconds): the page then
    # shows the issued report.
    expect(page.get_by_role("heading", level=1).first).to_contain_text(
        "Status and gap analysis of Barbados", timeout=180_000
    )
    expect(page.get_by_text("Our status for the committee.")).to_be_visible()
    expect(page.get_by_text("TLP:", exact=False).first).to_be_visible()
    assert axe_violations(page) == []
    assert _fits(page, 390), "the report page is wider than a phone"
    assert _fits(page, 1366)
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF", exact=True).click()
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert download.value.suggested_filename.endswith(".pdf")
