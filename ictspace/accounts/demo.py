"""The demonstration cast: one account per role, created only on a demo instance."""

import datetime

from django.conf import settings
from django.db import transaction

from ictspace import access
from ictspace.accounts.actions import do_create_user, do_grant_role
from ictspace.accounts.models import Role, User
from ictspace.directory.actions import do_add_contact_channel, do_appoint, do_create_person
from ictspace.directory.models import Appointment, Body, Jurisdiction, Organisation

DEMO_PASSWORD = "demo-ictspace-2026"  # noqa: S105  public on purpose: demo instances only
DEMO_START = datetime.date(2024, 1, 1)

# (e-mail, full name, role, jurisdiction code, organisation code)
CAST = [
    ("secretariat@demo.ictspace.local", "Sam Secretariat", Role.SECRETARIAT, None, None),
    ("chair@demo.ictspace.local", "Chris Chair", Role.RCC_CHAIR, None, None),
    ("ncpoc.bb@demo.ictspace.local", "Nia Barbados", Role.NCPOC, "BB", None),
    ("ncpoc.jm@demo.ictspace.local", "Noel Jamaica", Role.NCPOC, "JM", None),
    ("focal.ctu@demo.ictspace.local", "Fay CTU", Role.FOCAL_POINT, None, "CTU"),
    # IMPACS receives the public's online reports (the directory's designation): its focal
    # point sees them in "Reports from the public".
    ("focal.impacs@demo.ictspace.local", "Ines IMPACS", Role.FOCAL_POINT, None, "IMPACS"),
    ("steering@demo.ictspace.local", "Stan Steering", Role.STEERING, None, None),
    ("auditor@demo.ictspace.local", "Ada Auditor", Role.AUDITOR, None, None),
]


@transaction.atomic
def ensure_demo_cast() -> list[tuple[str, str]]:
    """Create the demo accounts if missing; return (e-mail, role label) pairs."""
    if not settings.DEMO:
        raise RuntimeError("Demo accounts exist only on a demonstration instance")
    rows = []
    for email, name, role, iso, org in CAST:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = do_create_user(
                email=email, password=DEMO_PASSWORD, full_name=name, acting_user=access.SYSTEM
            )
            jurisdiction = Jurisdiction.objects.get(code=iso) if iso else None
            organisation = Organisation.objects.get(code=org) if org else None
            do_grant_role(
                user,
                role=role,
                jurisdiction=jurisdiction,
                organisation=organisation,
                acting_user=access.SYSTEM,
            )
            _seat_on_committee(user, role, jurisdiction)
        rows.append((email, Role(role).label))
    return rows


def _seat_on_committee(user: User, role: str, jurisdiction) -> None:
    person = do_create_person(
        full_name=user.full_name, jurisdiction=jurisdiction, user=user, acting_user=access.SYSTEM
    )
    do_add_contact_channel(
        person, kind="email", value=user.email, available_24_7=False, acting_user=access.SYSTEM
    )
    if role == Role.NCPOC:
        do_add_contact_channel(
            person,
            kind="phone",
            value="+1 246 555 0100",
            available_24_7=True,
            acting_user=access.SYSTEM,
        )
        do_appoint(
            person=person,
            body=Body.objects.get(code="RCC"),
            role=Appointment.Role.NCPOC,
            jurisdiction=jurisdiction,
            start=DEMO_START,
            acting_user=access.SYSTEM,
        )
    elif role == Role.RCC_CHAIR:
        do_appoint(
            person=person,
            body=Body.objects.get(code="RCC"),
            role=Appointment.Role.CHAIR,
            jurisdiction=None,
            start=DEMO_START,
            acting_user=access.SYSTEM,
        )
