import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from ictspace.accounts.models import Role, RoleGrant
from ictspace.directory.actions import do_end_appointment
from ictspace.directory.models import Appointment, Jurisdiction
from ictspace.governance.models import Nomination
from ictspace.governance.nominations import actions, seats
from ictspace.tests.factories import NcpocAppointmentFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _nominate(cast, code="BB", email="nominee@gov.example", user="ncpoc"):
    return actions.do_nominate(
        jurisdiction=Jurisdiction.objects.get(code=code),
        nominating_authority="Ministry of Foreign Affairs",
        full_name="Nia Nominee",
        email=email,
        background=Nomination.Background.ICT_MINISTRY,
        acting_user=cast[user],
    )


def _seats(code="BB"):
    return Appointment.objects.active(TODAY).filter(
        body__code="RCC", role="ncpoc", jurisdiction__code=code
    )


def test_an_ncpoc_nominates_only_for_their_own_state(cast):
    _nominate(cast)
    with pytest.raises(PermissionDenied):
        _nominate(cast, code="JM")
    _nominate(cast, code="JM", user="secretariat")


def test_confirmation_makes_exactly_one_seat_and_one_grant(cast):
    nomination = _nominate(cast)
    appointment = actions.do_confirm_nomination(nomination, acting_user=cast["secretariat"])
    user = appointment.person.user
    assert user.email == "nominee@gov.example"
    assert list(_seats()) == [appointment]
    assert (
        RoleGrant.objects.filter(user=user, role=Role.NCPOC, jurisdiction__code="BB").count() == 1
    )
    with pytest.raises(ValidationError):  # a second confirmation is refused, nothing added
        actions.do_confirm_nomination(nomination, acting_user=cast["secretariat"])
    assert _seats().count() == 1
    assert RoleGrant.objects.filter(user=user).count() == 1


def test_the_two_seat_rule_refuses_a_third_and_leaves_nothing_behind(cast):
    NcpocAppointmentFactory()
    NcpocAppointmentFactory()
    nomination = _nominate(cast)
    with pytest.raises(ValidationError, match="already has two"):
        actions.do_confirm_nomination(nomination, acting_user=cast["secretariat"])
    nomination.refresh_from_db()
    assert nomination.state == Nomination.State.PENDING  # the whole confirmation rolled back
    assert not RoleGrant.objects.filter(user__email="nominee@gov.example").exists()


def test_a_decline_needs_a_reason(cast):
    nomination = _nominate(cast)
    with pytest.raises(ValidationError):
        actions.do_decline_nomination(nomination, reason=" ", acting_user=cast["secretariat"])
    actions.do_decline_nomination(nomination, reason="Not a national official.",
                                  acting_user=cast["secretariat"])  # fmt: skip
    with pytest.raises(PermissionDenied):
        actions.do_decline_nomination(nomination, reason="x", acting_user=cast["ncpoc"])


def test_ending_the_appointment_revokes_the_grant(cast):
    appointment = actions.do_confirm_nomination(_nominate(cast), start=TODAY - datetime.timedelta(days=30),
                                                acting_user=cast["secretariat"])  # fmt: skip
    user = appointment.person.user
    do_end_appointment(
        appointment, end=TODAY - datetime.timedelta(days=1), acting_user=cast["secretariat"]
    )
    assert not RoleGrant.objects.filter(user=user, role=Role.NCPOC).exists()


def test_a_seat_ending_later_loses_its_grant_once_the_day_has_passed(cast):
    appointment = actions.do_confirm_nomination(_nominate(cast), start=TODAY - datetime.timedelta(days=30),
                                                acting_user=cast["secretariat"])  # fmt: skip
    user = appointment.person.user
    do_end_appointment(appointment, end=TODAY, acting_user=cast["secretariat"])
    assert RoleGrant.objects.filter(user=user, role=Role.NCPOC).exists()  # still in office today
    assert seats.revoke_ended_grants(TODAY) == 0
    assert seats.revoke_ended_grants(TODAY + datetime.timedelta(days=1)) == 1
    assert not RoleGrant.objects.filter(user=user, role=Role.NCPOC).exists()
    assert RoleGrant.objects.filter(user=cast["ncpoc"], role=Role.NCPOC).exists()  # no seat, kept


def test_vacant_seats_are_listed_for_the_secretariat(cast, client_for):
    NcpocAppointmentFactory()
    NcpocAppointmentFactory()
    vacant = {j.code for j in seats.vacant_seats(cast["secretariat"])}
    assert "BB" not in vacant
    assert "JM" in vacant
    page = client_for(cast["secretariat"]).get(reverse("governance:home")).content.decode()
    assert "Jamaica" in page


def test_the_page_confirms_through_a_post(cast, client_for):
    nomination = _nominate(cast)
    client = client_for(cast["secretariat"])
    url = reverse("governance:nomination_decide", args=[nomination.pk])
    assert client.post(url, {"decision": "confirm"}).status_code == 302
    nomination.refresh_from_db()
    assert nomination.state == Nomination.State.CONFIRMED
