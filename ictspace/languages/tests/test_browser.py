"""The switcher in a real browser: French on click, kept on the next page; Accept-Language."""

import re

import pytest
from playwright.sync_api import expect

from ictspace.tests.browser import CHROMIUM_ARGS, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_choosing_francais_makes_the_pages_french(browser_page, directory):
    page = browser_page
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name="Français").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("link", name="Aller au contenu")).to_be_attached()
    expect(page.get_by_role("button", name="Français")).to_have_attribute("aria-current", "true")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Instances", exact=True).click()  # the next page
    expect(page).to_have_url(re.compile(r"/directory/bodies/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", name="Instances régionales")).to_be_visible()

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Regional bodies")).to_be_visible()


def test_a_browser_asking_for_french_gets_french(
    chromium_path, live_server, directory, monkeypatch
):
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # as the browser_page fixture does

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=live_server.url, locale="fr-FR")
        page = context.new_page()
        page.goto("/accounts/login/")
        expect(page.locator("html")).to_have_attribute("lang", "fr")
        expect(page.get_by_role("heading", name="Se connecter")).to_be_visible()
        assert axe_violations(page) == []
        for width in (390, 1366):
            page.set_viewport_size({"width": width, "height": 900})
            assert _fits(page), f"the French sign-in page overflows at {width} px"
        context.close()
        browser.close()
