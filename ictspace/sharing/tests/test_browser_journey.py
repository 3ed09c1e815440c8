"""Sharing in a real browser: an AMBER incident for a named state, with an observable and
a file; another state's NCPOC cannot see it, the named one can. Pages checked with axe."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from playwright.sync_api import expect

from ictspace.accounts.models import Role, RoleGrant
from ictspace.conftest import make_user
from ictspace.directory.models import Jurisdiction
from ictspace.sharing.models import Post
from ictspace.tests.browser import axe_violations
from ictspace.tests.test_browser_journeys import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDEST = """[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right
  > document.documentElement.clientWidth + 1).slice(-3).map(e => e.tagName + '.' + e.className)"""


def _ncpoc(code, email):
    user = make_user(None, email=email, mfa=False)
    RoleGrant.objects.create(
        user=user, role=Role.NCPOC, jurisdiction=Jurisdiction.objects.get(code=code)
    )
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return user, secret


def _share_incident(page, tmp_path):
    page.get_by_role("link", name="Sharing", exact=True).click()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Incident report").click()
    page.get_by_label("Title").fill("Credential phishing against banks")
    page.get_by_label("Description").fill("Fake login pages for two local banks.")
    page.get_by_label("TLP:AMBER", exact=True).check()
    page.get_by_label("Audience").select_option(label="Named jurisdictions")
    page.get_by_label("Named jurisdictions").select_option(label="Jamaica")
    page.get_by_label("First seen").fill("2026-11-20")
    page.get_by_label("Sector").select_option(label="Finance")
    page.get_by_label("Incident type").select_option(label="Phishing")
    page.get_by_label("Impact").select_option(label="High")
    page.get_by_label("Incident status").select_option(label="Open")
    page.get_by_label(re.compile("Observables")).fill("domain login-bank.example")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Share").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Credential phishing")
    pdf = tmp_path / "indicators.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    page.locator("input[type=file]").set_input_files(str(pdf))
    page.get_by_role("button", name="Attach").click()
    expect(page.locator("#attachments")).to_contain_text("indicators.pdf")
    expect(page.locator("#observables")).to_contain_text("login-bank.example")
    expect(page.locator("h1 .tlp-amber")).to_have_text("TLP:AMBER")
    assert axe_violations(page) == []


def test_an_amber_incident_reaches_the_named_state_only(
    browser_page, directory, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    page = browser_page
    author = _ncpoc("BB", "nia@gov.bb.example")
    named = _ncpoc("JM", "csirt@gov.jm.example")
    other = _ncpoc("TT", "ttcsirt@gov.tt.example")

    sign_in(page, *author)
    _share_incident(page, tmp_path)
    post = Post.objects.get()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, *other)
    page.get_by_role("link", name="Sharing", exact=True).click()
    expect(page.locator("#posts")).not_to_contain_text("Credential phishing")
    response = page.goto(f"/sharing/{post.pk}/")
    assert response.status == 404
    attachment = post.attachments.get()
    assert page.goto(f"/sharing/attachments/{attachment.pk}/").status == 404
    page.goto("/")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, *named)
    page.get_by_role("link", name="Sharing", exact=True).click()
    page.get_by_role("link", name="Credential phishing against banks").click()
    expect(page.locator("#observables")).to_contain_text("login-bank.example")
    with page.expect_download() as download:
        page.get_by_role("link", name="indicators.pdf").click()
    assert download.value.suggested_filename == "indicators.pdf"
    page.get_by_label("Comment").fill("Same pages seen in Kingston.")
    page.get_by_role("button", name="Comment").click()
    expect(page.locator("#comments")).to_contain_text("Same pages seen in Kingston.")

    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for path in [
            "/sharing/",
            f"/sharing/{post.pk}/",
            "/sharing/registry/",
            "/sharing/new/offer/",
        ]:
            page.goto(path)
            expect(page.locator("h1")).to_be_visible()
            assert axe_violations(page) == [], path
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, (
                f"{path} is {scroll}px wide at {width}px: {page.evaluate(WIDEST)}"
            )
