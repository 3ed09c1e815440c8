"""The public pages in Chromium: axe-core finds nothing, and nothing is wider than a phone."""

import datetime

import pytest
from playwright.sync_api import expect

from ictspace.access import SYSTEM
from ictspace.catalogue.models import Library
from ictspace.directory.models import Jurisdiction
from ictspace.releases.actions import do_publish_release
from ictspace.releases.tests.test_public import _status, _value
from ictspace.tests.browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_public_page_passes_axe_and_fits_a_phone(browser_page, loaded_libraries, tmp_path):
    _status("BB", "validated", datetime.date(2024, 1, 1))
    _value("BB", "validated", 2023, 41)
    _value("JM", "validated", 2023, 63)
    release = do_publish_release(
        title="Mid-year 2024",
        as_of=datetime.date(2024, 6, 30),
        libraries=Library.objects.all(),
        jurisdictions=Jurisdiction.objects.all(),
        acting_user=SYSTEM,
    )
    n = release.number
    pages = [
        "/public/",
        "/public/releases/",
        f"/public/releases/{n}/",
        f"/public/releases/{n}/jurisdictions/BB/",
        f"/public/releases/{n}/indicators/ict-core-indicators/ind-internet/",
        "/public/libraries/",
        "/public/libraries/single-ict-space-iwp-2017/",
        "/api/v1/",
    ]
    page = browser_page
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for path in pages:
            page.goto(path)
            expect(page.locator("h1")).to_be_visible()
            assert axe_violations(page) == [], path
            wide = page.evaluate("document.documentElement.scrollWidth")
            assert wide <= width, f"{path} is {wide}px wide at {width}px"
        page.goto(pages[0])
        page.screenshot(path=str(tmp_path / f"overview-{width}.png"), full_page=True)
