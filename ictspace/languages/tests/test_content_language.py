"""Library content keeps the document's language, and says so with `lang`."""

import re

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from ictspace.catalogue.models import Library

IWP = "single-ict-space-iwp-2017"
TITLE = "Integrated Work Plan for the CARICOM Single ICT Space"


def _render(source: str, **context) -> str:
    return Template("{% load languages %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("fr", '<span lang="en">Work &amp; plan</span>'),
        ("en", "Work &amp; plan"),
        ("en-gb", "Work &amp; plan"),  # the same language, another region
    ],
)
def test_in_language_wraps_text_of_another_language(page, expected):
    with translation.override(page):
        assert _render("{{ t|in_language:'en' }}", t="Work & plan") == expected


def test_in_language_leaves_empty_text_and_unknown_languages_alone():
    with translation.override("fr"):
        assert _render("{{ t|in_language:'en' }}", t="") == ""
        assert _render("{{ t|in_language:'' }}", t="x") == "x"


def test_lang_attr_marks_an_element_only_when_its_language_differs():
    with translation.override("fr"):
        assert _render("<h1{{ 'en'|lang_attr }}>", t="") == '<h1 lang="en">'
        assert _render("<h1{{ 'fr'|lang_attr }}>", t="") == "<h1>"


@pytest.mark.django_db
def test_a_library_is_in_the_language_its_file_declares(loaded_libraries):
    assert Library.objects.get(slug=IWP).language == "en"
    assert Library(header={"language": "fr"}).language == "fr"
    assert Library(header={}).language == "en"  # undeclared: the source language


@pytest.mark.django_db
def test_french_pages_mark_the_documents_english(cast, client_for, loaded_libraries):
    client = client_for(cast["steering"])
    tree = client.get(reverse("catalogue:library", args=[IWP]), HTTP_ACCEPT_LANGUAGE="fr")
    html = tree.content.decode()
    assert '<html lang="fr">' in html
    assert f'<h1 lang="en">{TITLE}</h1>' in html
    assert re.search(r'<tr class="kind-[a-z_]+" lang="en">', html)
    listing = client.get(reverse("catalogue:libraries"), HTTP_ACCEPT_LANGUAGE="fr")
    assert f'<span lang="en">{TITLE}</span>' in listing.content.decode()
    item = client.get(reverse("catalogue:item", args=[IWP, "3.1.4"]), HTTP_ACCEPT_LANGUAGE="fr")
    assert '<h1 lang="en">' in item.content.decode()


@pytest.mark.django_db
def test_english_pages_do_not_mark_english_content(cast, client_for, loaded_libraries):
    client = client_for(cast["steering"])
    html = client.get(reverse("catalogue:library", args=[IWP])).content.decode()
    assert f"<h1>{TITLE}</h1>" in html
    body = html.split("<main", 1)[1]
    assert 'lang="' not in body


@pytest.mark.django_db
def test_french_tracking_pages_mark_the_documents_english(cast, client_for, loaded_libraries):
    client = client_for(cast["secretariat"])
    matrix = client.get(reverse("tracking:matrix"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<span class="item-title" lang="en">' in matrix
    workplan = client.get(reverse("tracking:workplan", args=[IWP]), HTTP_ACCEPT_LANGUAGE="fr")
    assert f'<span lang="en">{TITLE}</span>' in workplan.content.decode()
    home = client.get(reverse("portal:jurisdiction", args=["BB"]), HTTP_ACCEPT_LANGUAGE="fr")
    assert f'<span lang="en">{TITLE}</span>' in home.content.decode()


@pytest.mark.django_db
def test_french_public_pages_mark_the_documents_english(client, loaded_libraries):
    page = client.get(reverse("releases:library", args=[IWP]), HTTP_ACCEPT_LANGUAGE="fr")
    html = page.content.decode()
    assert f'<h1 lang="en">{TITLE}</h1>' in html
    assert '<span lang="en">' in html  # the items' titles
    listing = client.get(reverse("releases:libraries"), HTTP_ACCEPT_LANGUAGE="fr")
    assert f'<span lang="en">{TITLE}</span>' in listing.content.decode()
