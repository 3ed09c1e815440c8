"""The public reporting form end to end in Chromium, at a phone's width and a desktop's."""

import re

import pytest
from playwright.sync_api import expect

from ictspace.publicreports.models import PublicReport
from ictspace.tests.browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("width", [390, 1366])
def test_a_child_exploitation_report_from_the_public_home(browser_page, directory, width):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/public/")
    page.get_by_role("link", name="Report a crime or abuse online").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report a crime or abuse online")
    assert page.locator("input[type=file]").count() == 0
    expect(page.locator("#no-files")).to_contain_text("do not copy, save or send the material")
    assert axe_violations(page) == []
    assert _page_width(page) <= width

    page.get_by_label("Where do you live, or where did it happen?").select_option(label="Barbados")
    page.get_by_label("Online child sexual exploitation").check()
    page.get_by_label("What happened?").fill("An account sends messages to pupils of a school.")
    page.get_by_label("Web addresses (optional)").fill("https://social.example/profile/123")
    page.get_by_role("button", name="Send the report").click()

    reference = page.locator("#reference")
    expect(reference).to_have_text(re.compile(r"^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$"))
    expect(page.get_by_role("heading", name="What happens next")).to_be_visible()
    assert axe_violations(page) == []
    assert _page_width(page) <= width
    report = PublicReport.objects.get()
    assert report.reference == reference.inner_text()
    assert report.category == "child_exploitation"
    assert report.recipient.code == "IMPACS"


def test_a_missing_description_is_explained_and_nothing_is_sent(browser_page, directory):
    page = browser_page
    page.goto("/public/report/")
    page.get_by_label("Where do you live, or where did it happen?").select_option(label="Jamaica")
    page.get_by_label("Fraud or scam").check()
    page.get_by_role("button", name="Send the report").click()
    expect(page.locator(".has-error .error")).to_have_count(1)
    assert PublicReport.objects.count() == 0
    assert axe_violations(page) == []
