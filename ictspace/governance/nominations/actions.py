"""Nominating NCPOCs and deciding on nominations. Audited; access checked here.

A confirmation makes exactly one appointment and one role grant, through the directory's
and the accounts' own actions, so the two-seat rule and the audit trail apply unchanged.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ictspace import access
from ictspace.accounts.actions import do_create_user, do_grant_role
from ictspace.accounts.models import Role, User
from ictspace.audit.log import diff, record
from ictspace.directory.actions import do_add_contact_channel, do_appoint, do_create_person
from ictspace.directory.models import Appointment, Body, Jurisdiction, Person
from ictspace.governance.models import Nomination


@transaction.atomic
def do_nominate(
    *,
    jurisdiction: Jurisdiction,
    nominating_authority: str,
    full_name: str,
    email: str,
    background: str,
    position: str = "",
    acting_user,
) -> Nomination:
    if not access.can_nominate(acting_user, jurisdiction):
        raise PermissionDenied
    if jurisdiction.kind != Jurisdiction.Kind.STATE:
        raise ValidationError({"jurisdiction": _("An NCPOC represents one member state.")})
    nomination = Nomination(
        jurisdiction=jurisdiction, nominating_authority=nominating_authority.strip(),
        full_name=full_name.strip(), email=email.strip().lower(), position=position.strip(),
        background=background, entered_by=acting_user, entered_at=timezone.now(),
    )  # fmt: skip
    nomination.full_clean(exclude=["appointment"])
    nomination.save()
    fields = {"jurisdiction": jurisdiction.code, "full_name": nomination.full_name,
              "background": background, "authority": nomination.nominating_authority}  # fmt: skip
    record(actor=acting_user, action="nominate", obj=nomination, changes=diff({}, fields))
    return nomination


def _claim(nomination: Nomination, to: str, **extra) -> None:
    """Pending → decided with one conditional UPDATE: of two deciders, the second is refused."""
    moved = Nomination.objects.filter(pk=nomination.pk, state=Nomination.State.PENDING).update(
        state=to, **extra
    )
    if not moved:
        raise ValidationError(_("This nomination has already been decided."))


def _account(nomination: Nomination, acting_user) -> tuple[Person, User]:
    """The nominee's account and directory entry: reused when they exist, else created."""
    user = User.objects.filter(email=nomination.email).first() or do_create_user(
        email=nomination.email, password=None, full_name=nomination.full_name,
        acting_user=acting_user,
    )  # fmt: skip
    person = Person.objects.filter(user=user).first()
    if person is None:
        person = do_create_person(
            full_name=nomination.full_name, position=nomination.position,
            jurisdiction=nomination.jurisdiction, user=user, acting_user=acting_user,
        )  # fmt: skip
        do_add_contact_channel(person, kind="email", value=nomination.email,
                               available_24_7=False, acting_user=acting_user)  # fmt: skip
    return person, user


@transaction.atomic
def do_confirm_nomination(
    nomination: Nomination, *, start: datetime.date | None = None, acting_user
) -> Appointment:
    """Confirm: one RCC NCPOC seat from `start` and the NCPOC role, or nothing at all."""
    if not access.can_decide_nominations(acting_user):
        raise PermissionDenied
    if nomination.state != Nomination.State.PENDING:
        raise ValidationError(_("This nomination has already been decided."))
    person, user = _account(nomination, acting_user)
    # do_appoint enforces the two-seat rule; its ValidationError rolls all of this back.
    appointment = do_appoint(
        person=person, body=Body.objects.get(code="RCC"), role=Appointment.Role.NCPOC,
        jurisdiction=nomination.jurisdiction, start=start or timezone.localdate(),
        acting_user=acting_user,
    )  # fmt: skip
    do_grant_role(
        user, role=Role.NCPOC, jurisdiction=nomination.jurisdiction, acting_user=acting_user
    )
    # Last, and conditional: of two confirmations at once the second moves nothing and its
    # appointment and grant roll back with it.
    _claim(nomination, Nomination.State.CONFIRMED, decided_by=acting_user,
           decided_at=timezone.now(), appointment=appointment)  # fmt: skip
    nomination.refresh_from_db()
    changes = diff({"state": "pending"}, {"state": "confirmed", "appointment": appointment.pk})
    record(actor=acting_user, action="confirm_nomination", obj=nomination, changes=changes)
    return appointment


@transaction.atomic
def do_decline_nomination(nomination: Nomination, *, reason: str, acting_user) -> Nomination:
    if not access.can_decide_nominations(acting_user):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the nomination is declined.")})
    _claim(nomination, Nomination.State.DECLINED, decided_by=acting_user,
           decided_at=timezone.now(), decline_reason=reason.strip())  # fmt: skip
    nomination.refresh_from_db()
    changes = diff({"state": "pending"}, {"state": "declined", "reason": nomination.decline_reason})
    record(actor=acting_user, action="decline_nomination", obj=nomination, changes=changes)
    return nomination
