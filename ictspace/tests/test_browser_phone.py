"""Every main page at 390 px (a phone) and 1366 px: no horizontal overflow, no axe
violation, and no chart text drawn smaller than 9 px."""

import pytest
from django.conf import settings
from django.test import Client

from ictspace.tests.browser import axe_violations
from ictspace.tests.main_pages import MAIN_PAGES, address
from ictspace.tests.objects import build_objects, make_cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SMALLEST_TEXT = 9  # px, as drawn: the tile map and timeline fell to 4-6 px at 390 px

# The smallest rendered font size of any text in the page's SVG charts.
SMALLEST_SVG_TEXT = """() => {
  let smallest = Infinity;
  for (const svg of document.querySelectorAll('svg[viewBox]')) {
    const box = svg.viewBox.baseVal, drawn = svg.getBoundingClientRect();
    if (!box || !box.width || !drawn.width) continue;
    const scale = drawn.width / box.width;
    for (const t of svg.querySelectorAll('text')) {
      smallest = Math.min(smallest, parseFloat(getComputedStyle(t).fontSize) * scale);
    }
  }
  return smallest;
}"""


# What sticks out past the window's right edge, outside any scrolling box: the culprits.
WIDE_ELEMENTS = """() => {
  const out = [], right = window.innerWidth;
  for (const el of document.querySelectorAll('body *')) {
    if (el.getBoundingClientRect().right <= right + 1) continue;
    let box = el.parentElement;
    while (box && !['auto', 'scroll', 'hidden'].includes(getComputedStyle(box).overflowX)) {
      box = box.parentElement;
    }
    if (!box) out.push(`${el.tagName.toLowerCase()}.${el.className}`);
  }
  return out.slice(0, 5);
}"""


def _session_cookie(user, base_url: str) -> list[dict]:
    client = Client()
    client.force_login(user)
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return [{"name": settings.SESSION_COOKIE_NAME, "value": value, "url": base_url}]


def _problems(page, url: str) -> list[str]:
    response = page.goto(url)
    if response is None or response.status >= 400:
        return [f"{url}: status {response and response.status}"]
    found = []
    width = page.evaluate("document.documentElement.scrollWidth")
    inner = page.evaluate("window.innerWidth")
    if width > inner:
        wide = page.evaluate(WIDE_ELEMENTS)
        found.append(f"{url}: {width} px wide in a {inner} px window ({wide})")
    smallest = page.evaluate(SMALLEST_SVG_TEXT)
    if smallest < SMALLEST_TEXT:
        found.append(f"{url}: chart text drawn at {smallest:.1f} px")
    found += [f"{url}: {v}" for v in axe_violations(page)]
    return found


@pytest.mark.parametrize("width", [390, 1366])
def test_main_pages_fit_the_screen_and_pass_axe(
    width, browser_page, live_server, loaded_libraries, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    cast = make_cast()
    objects = build_objects(cast)
    browser = browser_page.context.browser
    problems = []
    for role in dict.fromkeys(role for role, _name, _query in MAIN_PAGES):
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": 800}
        )
        if cast[role] is not None:
            context.add_cookies(_session_cookie(cast[role], live_server.url))
        page = context.new_page()
        page.set_default_timeout(15_000)
        for page_role, name, query in MAIN_PAGES:
            if page_role == role:
                problems += _problems(page, address(name, objects, query))
        context.close()
    assert problems == [], "\n".join(problems)
