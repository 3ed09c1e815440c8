"""The directory, catalogue, portal and audit pages: a pinned number of queries that does
not grow with the data (tracking and indicator pages pin theirs in their own tests).

Each page is read on small data, the data grows, and the page is read again: the count
must stay the same, and equal the pinned one. Raise a pin only with a reason.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ictspace import access
from ictspace.accounts.models import Role
from ictspace.catalogue.actions import do_load_library
from ictspace.catalogue.library_file import read_library_file
from ictspace.catalogue.models import Library
from ictspace.directory.actions import (
    do_add_contact_channel,
    do_appoint,
    do_create_person,
    do_end_appointment,
)
from ictspace.directory.models import Appointment, Body, Jurisdiction

pytestmark = pytest.mark.django_db
START = datetime.date(2025, 1, 1)
STATES = ["BB", "JM", "GD", "LC", "TT", "DM", "KN", "AG"]


def _seat(n: int, code: str, *, actor=access.SYSTEM) -> Appointment:
    """A person with e-mail and 24/7 phone, seated on the RCC and on the state's CSIRT."""
    state = Jurisdiction.objects.get(code=code)
    person = do_create_person(full_name=f"Person {n}", jurisdiction=state, acting_user=actor)
    for kind, value, always in (("email", f"p{n}@example.org", False), ("phone", "+1 555", True)):
        do_add_contact_channel(
            person, kind=kind, value=value, available_24_7=always, acting_user=actor
        )
    do_appoint(
        person=person,
        body=Body.objects.get(code=f"CSIRT-{code}"),
        role=Appointment.Role.MEMBER,
        jurisdiction=state,
        start=START,
        acting_user=actor,
    )
    return do_appoint(
        person=person,
        body=Body.objects.get(code="RCC"),
        # Two NCPOC seats per state; later people sit on the committee as members.
        role=Appointment.Role.NCPOC if n < 2 * len(STATES) else Appointment.Role.MEMBER,
        jurisdiction=state,
        start=START,
        acting_user=actor,
    )


def _more_seats(start: int, count: int, actor=access.SYSTEM) -> None:
    """Fill and then end seats, so that pages list current and past holders."""
    for n in range(start, start + count):
        appointment = _seat(n, STATES[n % len(STATES)], actor=actor)
        if n % 3 == 0:
            do_end_appointment(appointment, end=START.replace(month=6), acting_user=actor)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


# page → (URL, pinned number of queries), read as the Secretariat (who sees every branch:
# seats, contacts, the appointment form, the audit log).
DIRECTORY_PAGES = {
    # Each includes the navigation's counts, one query for a reviewer (issue 12).
    # The region page (each role's home is pinned in portal/tests/test_home.py).
    "portal:region": (lambda a: reverse("portal:region"), 6),
    # 10: one for the open review rounds that expect something from the jurisdiction.
    "portal:jurisdiction": (lambda a: reverse("portal:jurisdiction", args=["BB"]), 11),
    "directory:organisations": (lambda a: reverse("directory:organisations"), 7),
    "directory:organisations?filtered": (
        lambda a: reverse("directory:organisations") + "?kind=regional&q=ca",
        7,
    ),
    "directory:organisation": (
        lambda a: reverse("directory:organisation", args=["ICT-CLUSTER"]),
        9,
    ),
    "directory:bodies": (lambda a: reverse("directory:bodies"), 7),
    "directory:body": (lambda a: reverse("directory:body", args=["RCC"]), 10),
    "directory:body#csirt": (lambda a: reverse("directory:body", args=["CSIRT-BB"]), 10),
    "directory:appointment_end": (
        lambda a: reverse("directory:appointment_end", args=[a.pk]),
        6,
    ),
}


@pytest.mark.parametrize("page", sorted(DIRECTORY_PAGES))
def test_directory_and_portal_pages_do_not_grow_with_the_seats(
    page, cast, client_for, django_assert_num_queries
):
    url, pinned = DIRECTORY_PAGES[page]
    client = client_for(cast[Role.SECRETARIAT])
    first = _seat(0, "BB")
    small = _queries(client, url(first))
    _more_seats(1, 24)
    assert _queries(client, url(first)) == small, f"{page} grows with the data"
    with django_assert_num_queries(pinned):
        client.get(url(first))


@pytest.mark.parametrize("role", ["anonymous", Role.STEERING])
def test_public_pages_do_not_grow_for_who_sees_less(role, cast, client_for):
    """The branches without contacts (steering) or seats (anonymous) are pinned too."""
    client = client_for(cast[role])
    pages = ["portal:region", "portal:jurisdiction", "directory:body", "directory:organisations"]
    _seat(0, "BB")
    small = {p: _queries(client, DIRECTORY_PAGES[p][0](None)) for p in pages}
    _more_seats(1, 24)
    large = {p: _queries(client, DIRECTORY_PAGES[p][0](None)) for p in pages}
    assert large == small
    assert max(large.values()) <= DIRECTORY_PAGES["directory:body"][1]


# Catalogue pages: the same page on a small library and on a large one.
SMALL, LARGE = "ict-core-indicators", "ccscap-2016"
IWP = "single-ict-space-iwp-2017"
CATALOGUE_PAGES = {
    "catalogue:library": (lambda slug: reverse("catalogue:library", args=[slug]), 11),
    "catalogue:library?filtered": (
        lambda slug: reverse("catalogue:library", args=[slug]) + "?q=a&due_year=2030",
        11,
    ),
    "catalogue:export.json": (lambda slug: reverse("catalogue:export", args=[slug, "json"]), 9),
    "catalogue:export.yaml": (lambda slug: reverse("catalogue:export", args=[slug, "yaml"]), 9),
    "catalogue:export.xlsx": (lambda slug: reverse("catalogue:export", args=[slug, "xlsx"]), 9),
}


@pytest.mark.parametrize("page", sorted(CATALOGUE_PAGES))
def test_catalogue_pages_cost_the_same_for_a_small_and_a_large_library(
    page, loaded_libraries, cast, client_for, django_assert_num_queries
):
    url, pinned = CATALOGUE_PAGES[page]
    client = client_for(cast[Role.STEERING])
    small = Library.objects.get(slug=SMALL).items.count()
    assert Library.objects.get(slug=LARGE).items.count() > 3 * small
    assert _queries(client, url(SMALL)) == _queries(client, url(LARGE)), page
    with django_assert_num_queries(pinned):
        client.get(url(LARGE))


def test_an_item_costs_the_same_with_few_or_many_children_and_mappings(
    loaded_libraries, cast, client_for, django_assert_num_queries
):
    client = client_for(cast[Role.STEERING])
    one = reverse("catalogue:item", args=[IWP, "1.1.2"])  # no children, one mapping
    many = reverse("catalogue:item", args=[IWP, "6.5"])  # children, six mappings to CCSCAP
    assert _queries(client, one) == _queries(client, many)
    with django_assert_num_queries(14):
        client.get(many)


def test_the_library_list_does_not_grow_with_the_libraries(
    loaded_libraries, cast, client_for, django_assert_num_queries, tmp_path
):
    client = client_for(cast[Role.STEERING])
    url = reverse("catalogue:libraries")
    before = _queries(client, url)
    parsed = read_library_file(_path(SMALL))
    for n in range(3):
        parsed.content["slug"] = f"copy-{n}"
        do_load_library(parsed, path=tmp_path, acting_user=access.SYSTEM)
    assert _queries(client, url) == before
    with django_assert_num_queries(6):
        client.get(url)


def _path(slug: str):
    from ictspace.catalogue.actions import library_files

    return next(p for p in library_files() if p.stem == slug)


# The audit log: few entries or many, filtered or not, on its first or a later page. Pages
# come from a cursor (ictspace.keyset): no count of the entries. One after a moment in the
# future and one before 1970 each hold every entry: both branches read a full page.
AUDIT_PAGES = {
    "audit:log": ("", 5),
    "audit:log?filtered": ("?who=secretariat&object=Person&since=2000-01-01&until=2100-01-01", 5),
    "audit:log?after": ("?after=9999999999999999.1", 5),
    "audit:log?before": ("?before=1.1&action=create", 5),
}


@pytest.mark.parametrize("page", sorted(AUDIT_PAGES))
def test_the_audit_log_does_not_grow_with_its_entries(
    page, cast, client_for, django_assert_num_queries
):
    query, pinned = AUDIT_PAGES[page]
    client = client_for(cast[Role.AUDITOR])
    url = reverse("audit:log") + query
    _more_seats(0, 12, actor=cast[Role.SECRETARIAT])  # two pages of entries, by a person
    small = _queries(client, url)
    _more_seats(12, 24)  # and as many again by the platform
    assert _queries(client, url) == small, f"{page} grows with the entries"
    with django_assert_num_queries(pinned):
        client.get(url)
