"""Seats: the member states with a vacant NCPOC seat; grants of seats that have ended."""

import datetime

from django.utils import timezone
from django_tasks import task

from ictspace import access
from ictspace.accounts.models import Role, RoleGrant
from ictspace.directory.actions import MAX_ACTIVE_NCPOCS, revoke_ended_seat_grant
from ictspace.directory.models import Appointment, Jurisdiction
from ictspace.directory.selectors import region_jurisdictions


def vacant_seats(user):
    """Member states with fewer than two active NCPOC seats, with their count."""
    return region_jurisdictions(user).filter(
        membership=Jurisdiction.Membership.MEMBER, ncpoc_seats__lt=MAX_ACTIVE_NCPOCS
    )


def revoke_ended_grants(today: datetime.date | None = None) -> int:
    """Revoke the NCPOC role of holders whose seat ended (a future end date, now past)."""
    today = today or timezone.localdate()
    ended = (
        Appointment.objects.filter(role=Appointment.Role.NCPOC, end__lt=today)
        .filter(person__user__role_grants__role=Role.NCPOC)
        .select_related("person__user", "jurisdiction")
        .distinct()
    )
    revoked = 0
    for appointment in ended:
        held = RoleGrant.objects.filter(
            user=appointment.person.user, role=Role.NCPOC, jurisdiction=appointment.jurisdiction
        )
        if held.exists() and revoke_ended_seat_grant(
            appointment, acting_user=access.SYSTEM, on=today
        ):
            revoked += 1
    return revoked


@task()
def revoke_ended_seat_grants() -> int:
    return revoke_ended_grants()
