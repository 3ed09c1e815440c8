"""French pages show no English that the catalogue translates.

A message that stays English on a French page was translated too early (gettext at import
instead of gettext_lazy), or is built outside the catalogue. Text in an element that says it
is in another language (library content, `lang="en"`) is left out.
"""

from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from ictspace.languages.catalogues import po_path, read_po

IWP = "single-ict-space-iwp-2017"
PAGES = [
    ("portal:home", []),
    ("portal:jurisdiction", ["BB"]),
    ("directory:organisations", []),
    ("directory:bodies", []),
    ("catalogue:libraries", []),
    ("catalogue:library", [IWP]),
    ("catalogue:item", [IWP, "3.1.4"]),
    ("tracking:matrix", []),
    ("tracking:dashboard", ["BB", IWP]),
    ("tracking:workplan", [IWP]),
    ("tracking:review_queue", []),
    ("indicators:list", []),
    ("indicators:review_queue", []),
    ("governance:home", []),
    ("governance:risks", []),
    ("audit:log", []),
    ("releases:overview", []),
    ("tokens:list", []),
]
ATTRIBUTES = {"aria-label", "title", "placeholder", "alt"}


class _Texts(HTMLParser):
    """The texts and labelling attributes of a page, with the language each is in."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "col", "area", "source", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang") or (self.stack[-1] if self.stack else "")
        self.found += [(lang, v) for k, v in attrs.items() if k in ATTRIBUTES and v]
        if tag not in self.VOID:
            self.stack.append(lang)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        text = " ".join(data.split())
        if text:
            self.found.append((self.stack[-1] if self.stack else "", text))


def _texts_in(html: str, language: str) -> list[str]:
    parser = _Texts()
    parser.feed(html)
    return [text for lang, text in parser.found if lang == language]


def _english_on(html: str, language: str, english: dict) -> list[tuple[str, str]]:
    found = []
    for text in _texts_in(html, language):
        found += [(text, piece) for piece in english if piece in text][:1]
    return found


def _english_that_has_a_translation() -> dict[str, list[str]]:
    """Catalogue messages whose French differs, split into sentences by their placeholders."""
    pieces = {}
    for entry in read_po(po_path("fr")):
        if entry.plural or entry.msgstr[0] == entry.msgid:
            continue
        for piece in entry.msgid.replace("%%", "%").split("%("):
            piece = piece.split(")s", 1)[-1].split(")d", 1)[-1].strip(" .,:;()")
            if len(piece.split()) >= 3 and "<" not in piece:
                pieces.setdefault(piece, []).append(entry.msgid)
    return pieces


@pytest.mark.django_db
def test_french_pages_show_no_english_from_the_catalogue(cast, client_for, loaded_libraries):
    english = _english_that_has_a_translation()
    client = client_for(cast["secretariat"])
    left = {}
    for name, args in PAGES:
        response = client.get(reverse(name, args=args), HTTP_ACCEPT_LANGUAGE="fr")
        assert response.status_code == 200, name
        html = response.content.decode()
        assert '<html lang="fr">' in html
        if found := _english_on(html, "fr", english):
            left[name] = found
    assert left == {}
    # The same check on an English page finds plenty: it would see a French page's leftovers.
    with translation.override("en"):
        html = client.get(reverse("governance:home"), HTTP_ACCEPT_LANGUAGE="en").content
    assert len(_english_on(html.decode(), "en", english)) > 5
