"""Main journeys in a real browser, each page checked with axe-core."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from playwright.sync_api import expect

from ictspace.accounts.models import Role
from ictspace.accounts.tests.test_mfa import totp_code
from ictspace.conftest import PASSWORD, make_user
from ictspace.tests.browser import axe_violations

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
    page.get_by_role("link", name="Integrated Work Plan for the CARICOM Single ICT Space").click()
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
    expect(page.get_by_text("000_eda2d38509e35120.txt").first).to_be_visible()
    assert axe_violations(page) == []
