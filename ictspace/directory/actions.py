"""Every write to the directory. Atomic, audited, `acting_user` keyword-only."""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ictspace import access, bounds
from ictspace.audit.log import diff, record
from ictspace.directory.loader import DEFAULT_FILE, read_directory_file
from ictspace.directory.models import (
    Appointment,
    Body,
    ContactChannel,
    Designation,
    Jurisdiction,
    Organisation,
    Person,
)

MAX_ACTIVE_NCPOCS = 2  # 004_1eb6b663af8d5b22.txt section 4: two NCPOCs per member state


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _upsert(model, lookup: dict, values: dict, *, acting_user, report: LoadReport):
    """Create or update one row; audit only what actually changed."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean(validate_unique=False)
        obj.save()
        record(actor=acting_user, action="create", obj=obj, changes=diff({}, values))
        report.created.append(str(obj))
        return obj
    old = {k: getattr(obj, k) for k in values}
    changes = diff(old, values)
    if not changes:
        return obj
    for key, value in values.items():
        setattr(obj, key, value)
    obj.save(update_fields=list(values))
    record(actor=acting_user, action="update", obj=obj, changes=changes)
    report.updated.append(str(obj))
    return obj


@transaction.atomic
def do_load_directory(path: Path = DEFAULT_FILE, *, acting_user) -> LoadReport:
    """Load the directory file; idempotent. Raises DirectoryFileError and changes nothing."""
    if not access.can_load_reference_data(acting_user):
        raise PermissionDenied
    data = read_directory_file(path)
    report = LoadReport()
    up = {"acting_user": acting_user, "report": report}
    region = _upsert(
        Jurisdiction,
        {"code": data.region["code"]},
        {
            "name": data.region["name"],
            "kind": Jurisdiction.Kind.REGION,
            "membership": Jurisdiction.Membership.REGION,
            "aliases": data.region["aliases"],
            "iso_code": None,
            "parent": None,
        },
        **up,
    )
    states = {}
    for j in data.jurisdictions:
        values = {
            "iso_code": j["iso"],
            "name": j["name"],
            "kind": Jurisdiction.Kind.STATE,
            "membership": j["membership"],
            "aliases": j["aliases"],
            "parent": region,
        }
        states[j["iso"]] = _upsert(Jurisdiction, {"code": j["iso"]}, values, **up)
    orgs = {}
    for o in data.organisations:  # first pass: rows; second pass: links between them
        values = {
            "name": o["name"],
            "kind": o["kind"],
            "aliases": o["aliases"],
            "description": o.get("description", ""),
            "jurisdiction": states.get(o.get("jurisdiction")),
        }
        orgs[o["code"]] = _upsert(Organisation, {"code": o["code"]}, values, **up)
    for o in data.organisations:
        links = {"parent": orgs.get(o.get("parent")), "member_of": orgs.get(o.get("member_of"))}
        _upsert(Organisation, {"code": o["code"]}, links, **up)
    for b in data.bodies:
        body = _upsert(
            Body,
            {"code": b["code"]},
            {
                "name": b["name"],
                "kind": b["kind"],
                "chair": orgs.get(b.get("chair")),
                "member_note": b.get("member_note", ""),
                "responsibilities": b.get("responsibilities", []),
                "source": b.get("source", ""),
            },
            **up,
        )
        _set_members(body, [orgs[c] for c in b.get("members", [])], acting_user=acting_user)
    places = [(region, data.region), *((states[j["iso"]], j) for j in data.jurisdictions)]
    for jurisdiction, entry in places:
        _designate_report_receiver(jurisdiction, entry, orgs, up)
    existing_csirts = set(Body.objects.filter(kind=Body.Kind.CSIRT).values_list("code", flat=True))
    for iso, state in states.items():
        # A slot per state; once created its name is the state's to change, so never reset.
        if f"CSIRT-{iso}" not in existing_csirts:
            values = {
                "name": _("National CSIRT (%(state)s)") % {"state": state.name},
                "kind": Body.Kind.CSIRT,
                "jurisdiction": state,
            }
            _upsert(Body, {"code": f"CSIRT-{iso}"}, values, **up)
    return report


def _designate_report_receiver(jurisdiction, entry: dict, orgs: dict, up: dict) -> None:
    """The organisation the file names to receive the public's reports there, if any."""
    if not entry.get("receives_public_reports"):
        return
    _upsert(
        Designation,
        {"jurisdiction": jurisdiction, "purpose": Designation.Purpose.PUBLIC_REPORTS},
        {
            "organisation": orgs[entry["receives_public_reports"]],
            "source": entry.get("receives_public_reports_source", ""),
        },
        **up,
    )


def _set_members(body: Body, members: list[Organisation], *, acting_user) -> None:
    old = sorted(body.members.values_list("code", flat=True))
    new = sorted(o.code for o in members)
    if old == new:
        return
    body.members.set(members)
    record(actor=acting_user, action="update", obj=body, changes={"members": [old, new]})


def _active_ncpocs(jurisdiction: Jurisdiction, on: datetime.date):
    return (
        Appointment.objects.active(on)
        .filter(body__code="RCC", role=Appointment.Role.NCPOC, jurisdiction=jurisdiction)
        .select_related("person")
    )


@transaction.atomic
def do_appoint(
    *,
    person: Person,
    body: Body,
    role: str,
    jurisdiction: Jurisdiction | None,
    start: datetime.date,
    acting_user,
) -> Appointment:
    """Appoint a person to a body; at most two active NCPOCs per member state."""
    if not access.can_manage_appointments(acting_user):
        raise PermissionDenied
    bounds.check_date(start, field="start", label=_("The start date"))
    if role == Appointment.Role.NCPOC:
        if jurisdiction is None or jurisdiction.kind != Jurisdiction.Kind.STATE:
            raise ValidationError({"jurisdiction": _("An NCPOC represents one member state.")})
        # Lock the state's row so two concurrent appointments cannot both take a last seat.
        Jurisdiction.objects.select_for_update().get(pk=jurisdiction.pk)
        holders = list(_active_ncpocs(jurisdiction, start))
        if len(holders) >= MAX_ACTIVE_NCPOCS:
            names = _(" and ").join(a.person.full_name for a in holders)
            raise ValidationError(
                _(
                    "%(state)s already has two National Cyber Points of Contact: %(names)s. "
                    "End one of those appointments first."
                )
                % {"state": jurisdiction.name, "names": names}
            )
    appointment = Appointment(
        person=person, body=body, role=role, jurisdiction=jurisdiction, start=start
    )
    appointment.full_clean()
    appointment.save()
    record(
        actor=acting_user,
        action="appoint",
        obj=appointment,
        changes=diff({}, {"person": person, "body": body, "role": role, "start": start}),
    )
    return appointment


@transaction.atomic
def do_end_appointment(appointment: Appointment, *, end: datetime.date, acting_user) -> Appointment:
    """Close a seat on the given date; the appointment stays in the record."""
    if not access.can_manage_appointments(acting_user):
        raise PermissionDenied
    if appointment.end == end:
        return appointment
    if end < appointment.start:
        raise ValidationError({"end": _("The end date cannot be before the start date.")})
    bounds.check_date(end, field="end", label=_("The end date"))
    changes = diff({"end": appointment.end}, {"end": end})
    appointment.end = end
    appointment.save(update_fields=["end"])
    record(actor=acting_user, action="end_appointment", obj=appointment, changes=changes)
    if end < timezone.localdate():
        revoke_ended_seat_grant(appointment, acting_user=acting_user)
    return appointment


def revoke_ended_seat_grant(appointment: Appointment, *, acting_user, on=None) -> bool:
    """An NCPOC whose seat has ended loses the role the seat gave (unless another seat holds).

    Seats that end in the future are revoked by the daily `directory.ended_seats` job.
    """
    from ictspace.accounts.actions import do_revoke_role

    user = appointment.person.user
    if appointment.role != Appointment.Role.NCPOC or user is None:
        return False
    on = on or timezone.localdate()
    still = Appointment.objects.active(on).filter(
        person=appointment.person,
        role=Appointment.Role.NCPOC,
        jurisdiction=appointment.jurisdiction,
    )
    if still.exists():
        return False
    return do_revoke_role(
        user, role="ncpoc", jurisdiction=appointment.jurisdiction, acting_user=acting_user
    )


@transaction.atomic
def do_create_person(
    *,
    full_name: str,
    position: str = "",
    jurisdiction: Jurisdiction | None = None,
    organisation: Organisation | None = None,
    user=None,
    acting_user,
) -> Person:
    """Record a person of the directory (not yet a seat on any body)."""
    if not access.can_manage_people(acting_user):
        raise PermissionDenied
    person = Person(
        full_name=full_name,
        position=position,
        jurisdiction=jurisdiction,
        organisation=organisation,
        user=user,
    )
    person.full_clean()
    person.save()
    record(
        actor=acting_user,
        action="create",
        obj=person,
        changes=diff({}, {"full_name": full_name, "position": position}),
    )
    return person


@transaction.atomic
def do_add_contact_channel(
    person: Person, *, kind: str, value: str, available_24_7: bool, acting_user
) -> ContactChannel:
    """Add a way to reach a person (e-mail, phone; 24/7 or not)."""
    if not access.can_manage_people(acting_user):
        raise PermissionDenied
    channel = ContactChannel(person=person, kind=kind, value=value, available_24_7=available_24_7)
    channel.full_clean()
    channel.save()
    record(
        actor=acting_user,
        action="add_contact",
        obj=person,
        changes=diff({}, {"kind": kind, "value": value, "available_24_7": available_24_7}),
    )
    return channel


@transaction.atomic
def do_appoint_new_person(
    *,
    body: Body,
    full_name: str,
    position: str,
    role: str,
    jurisdiction: Jurisdiction | None,
    start: datetime.date,
    email: str = "",
    phone: str = "",
    phone_24_7: bool = False,
    acting_user,
) -> Appointment:
    """Record a person, their contact channels and their appointment, all or nothing."""
    # Checked first, so that a refusal says nothing about the form's own errors.
    if not access.can_manage_people(acting_user):
        raise PermissionDenied
    if not access.can_manage_appointments(acting_user):
        raise PermissionDenied
    person = do_create_person(
        full_name=full_name, position=position, jurisdiction=jurisdiction, acting_user=acting_user
    )
    if email:
        do_add_contact_channel(
            person, kind="email", value=email, available_24_7=False, acting_user=acting_user
        )
    if phone:
        do_add_contact_channel(
            person, kind="phone", value=phone, available_24_7=phone_24_7, acting_user=acting_user
        )
    return do_appoint(
        person=person,
        body=body,
        role=role,
        jurisdiction=jurisdiction,
        start=start,
        acting_user=acting_user,
    )
