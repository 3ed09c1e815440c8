"""The 24/7 contact network page: one card per jurisdiction, built from the directory."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ictspace.directory.actions import do_add_contact_channel, do_appoint, do_create_person
from ictspace.directory.models import Appointment, Body, Jurisdiction
from ictspace.governance.contacts.actions import do_record_reachability_test

pytestmark = pytest.mark.django_db
URL = reverse("governance:network")
START = datetime.date(2025, 1, 1)


def _seat(cast, n, code, body, role):
    actor = cast["secretariat"]
    state = Jurisdiction.objects.get(code=code)
    person = do_create_person(full_name=f"Officer {n}", jurisdiction=state, acting_user=actor)
    email = do_add_contact_channel(person, kind="email", value=f"o{n}@police.example",
                                   available_24_7=False, acting_user=actor)  # fmt: skip
    phone = do_add_contact_channel(person, kind="phone", value=f"+1 246 555 01{n:02d}",
                                   available_24_7=True, acting_user=actor)  # fmt: skip
    do_appoint(person=person, body=Body.objects.get(code=body), role=role, jurisdiction=state,
               start=START, acting_user=actor)  # fmt: skip
    return email, phone


def _network(cast, first=0, count=3):
    for n in range(first, first + count):
        code = ["BB", "JM", "GD"][n % 3]
        _seat(cast, n, code, "RCC", Appointment.Role.EVIDENCE_CONTACT)
        _email, phone = _seat(cast, n + 50, code, f"CSIRT-{code}", Appointment.Role.MEMBER)
        do_record_reachability_test(channel=phone, tested_on=timezone.localdate(),
                                    reached=n % 2 == 0, acting_user=cast["secretariat"])  # fmt: skip


def test_a_card_per_jurisdiction_with_links_and_the_last_test(cast, client_for):
    _network(cast)
    page = client_for(cast["ncpoc"]).get(URL).content.decode()
    assert page.count('aria-labelledby="j-') == Jurisdiction.objects.count()
    assert 'href="mailto:o0@police.example"' in page
    assert 'href="tel:+12465550100"' in page
    assert "Law enforcement (electronic evidence)" in page and "National CSIRT" in page
    assert "not reached" in page  # Officer 51's 24/7 phone


def test_the_search_narrows_to_a_jurisdiction(cast, client_for):
    _network(cast)
    client = client_for(cast["steering"])
    for query in ("barbados", "BB"):
        page = client.get(URL, {"q": query}).content.decode()
        assert page.count('aria-labelledby="j-') == 1 and "Barbados" in page
        assert "Officer 0" in page and "Officer 1" not in page
    assert "No jurisdiction matches" in client.get(URL, {"q": "Atlantis"}).content.decode()


def test_the_auditor_and_the_public_do_not_see_it(cast, client_for):
    assert client_for(cast["auditor"]).get(URL).status_code == 404
    assert client_for(None).get(URL).status_code == 302


def _queries(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    return len(captured)


def test_the_page_does_not_grow_with_the_network(cast, client_for):
    client = client_for(cast["secretariat"])
    _network(cast, 0, 2)
    small = _queries(client)
    _network(cast, 2, 9)
    # session, user, grants, the navigation's counts, jurisdictions, seats, their channels
    # with the last test.
    assert _queries(client) == small == 8, connection.queries[-8:]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [390, 1366])
def test_the_cards_fit_a_phone(browser_page, cast, width):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from ictspace.tests.browser import axe_violations
    from ictspace.tests.test_browser_journeys import sign_in

    _network(cast)
    user = cast["ncpoc"]
    Authenticator.objects.filter(user=user).delete()
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, user, secret)
    page.goto(URL + "?q=BB")
    assert page.locator("#network a[href^='tel:']").count() == 2
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
