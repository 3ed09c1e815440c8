"""No internal code on screen: the main pages' visible text holds no status or kind code,
no audit action code, no library slug and no source file name."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from ictspace.audit.wording import VERBS
from ictspace.catalogue.models import Item, Library
from ictspace.tests.main_pages import MAIN_PAGES, address
from ictspace.tests.objects import committed_world

SOURCE_FILE = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")


class _VisibleText(HTMLParser):
    """The words a reader sees (or hears): element content outside <script> and <style>, and
    outside <code>, which shows literal data on purpose (a reference, a recorded value, the
    syntax a field expects)."""

    HIDDEN = {"script", "style", "code"}

    def __init__(self):
        super().__init__()
        self.parts, self._hidden = [], 0

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in self.HIDDEN

    def handle_endtag(self, tag):
        self._hidden -= tag in self.HIDDEN

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


def internal_codes() -> set[str]:
    """Status and kind codes of the loaded libraries, audit action codes, library slugs."""
    codes = set(Library.objects.values_list("slug", flat=True))
    codes |= {k for k in Item.objects.values_list("kind", flat=True).distinct() if "_" in k}
    for library in Library.objects.all():
        for scale in library.scales:
            codes |= {level["code"] for level in scale["levels"] if "_" in level["code"]}
    codes |= {action for action in VERBS if "_" in action}
    return codes


def codes_in(text: str, codes: set[str]) -> list[str]:
    # "library:ref" is the key a form asks the reader to type (its help shows an example).
    found = [code for code in codes if re.search(rf"(?<![\w/-]){re.escape(code)}(?![\w/:-])", text)]
    return sorted(found) + SOURCE_FILE.findall(text)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with committed_world(django_db_blocker, tmp_path_factory.mktemp("media")) as built:
        yield built


@pytest.mark.django_db
def test_the_check_finds_a_code_in_visible_text_only():
    codes = {"partially_met", "single-ict-space-iwp-2017"}
    html = (
        '<p>Status: partially_met</p><a href="/libraries/single-ict-space-iwp-2017/">Plan</a>'
        "<p>Type <code>single-ict-space-iwp-2017:3.1.4</code></p>"
    )
    assert codes_in(visible_text(html), codes) == ["partially_met"]
    assert codes_in("see 004_1eb6b663af8d5b22.txt", set()) == ["004_1eb6b663af8d5b22.txt"]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "name", "query"), MAIN_PAGES, ids=lambda v: str(v))
def test_no_internal_code_on_screen(world, role, name, query):
    cast, objects = world
    client = Client()
    if cast[role] is not None:
        client.force_login(cast[role])
    url = address(name, objects, query)
    response = client.get(url)
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    found = codes_in(text, internal_codes())
    where = [text[max(text.find(c) - 40, 0) : text.find(c) + 40] for c in found]
    assert found == [], f"{url}: {where}"
