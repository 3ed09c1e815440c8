import datetime

import pytest
from django.core.exceptions import ValidationError

from ictspace import access
from ictspace.audit.models import AuditEntry
from ictspace.conftest import make_user
from ictspace.directory.actions import do_appoint, do_create_person, do_end_appointment
from ictspace.directory.models import Appointment, Body, Jurisdiction

pytestmark = pytest.mark.django_db
START = datetime.date(2025, 1, 1)


def _appoint(name, state, start=START):
    actor = make_user("secretariat", email=f"sec-{name.replace(' ', '')}@x.example")
    person = do_create_person(full_name=name, jurisdiction=state, acting_user=actor)
    return do_appoint(
        person=person,
        body=Body.objects.get(code="RCC"),
        role=Appointment.Role.NCPOC,
        jurisdiction=state,
        start=start,
        acting_user=actor,
    )


def test_a_third_ncpoc_is_refused_naming_the_two_seat_holders(directory):
    barbados = Jurisdiction.objects.get(code="BB")
    _appoint("Ann First", barbados)
    _appoint("Bob Second", barbados)
    with pytest.raises(ValidationError) as caught:
        _appoint("Cy Third", barbados)
    message = " ".join(caught.value.messages)
    assert "Ann First" in message and "Bob Second" in message
    assert "Barbados already has two" in message
    assert not Appointment.objects.filter(person__full_name="Cy Third").exists()


def test_a_seat_frees_up_when_an_appointment_ends(directory):
    jamaica = Jurisdiction.objects.get(code="JM")
    first = _appoint("Ann First", jamaica)
    _appoint("Bob Second", jamaica)
    actor = make_user("secretariat", email="ender@x.example")
    do_end_appointment(first, end=datetime.date(2025, 6, 30), acting_user=actor)
    third = _appoint("Cy Third", jamaica, start=datetime.date(2025, 7, 1))
    assert third.pk
    entry = AuditEntry.objects.get(action="end_appointment")
    assert entry.actor == actor
    assert entry.changes == {"end": [None, "2025-06-30"]}


def test_other_states_seats_do_not_count(directory):
    _appoint("Ann", Jurisdiction.objects.get(code="BB"))
    _appoint("Bob", Jurisdiction.objects.get(code="BB"))
    assert _appoint("Cy", Jurisdiction.objects.get(code="GD")).pk


def test_an_end_before_the_start_is_refused(directory):
    appointment = _appoint("Ann", Jurisdiction.objects.get(code="BB"))
    with pytest.raises(ValidationError):
        do_end_appointment(appointment, end=datetime.date(2024, 1, 1), acting_user=access.SYSTEM)
    appointment.refresh_from_db()
    assert appointment.end is None


def test_every_write_leaves_an_audit_entry(directory):
    before = AuditEntry.objects.count()
    _appoint("Ann", Jurisdiction.objects.get(code="BB"))
    # user creation is not through an action here; person + appointment are
    assert AuditEntry.objects.count() - before == 2
