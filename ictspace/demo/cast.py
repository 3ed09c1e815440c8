"""Who reports in the demonstration region: one NCPOC account per member state."""

from ictspace import access
from ictspace.accounts.actions import do_create_user, do_grant_role
from ictspace.accounts.demo import CAST, DEMO_PASSWORD
from ictspace.accounts.models import Role, User
from ictspace.directory.models import Jurisdiction


def member_states() -> list[Jurisdiction]:
    return list(Jurisdiction.objects.filter(kind="state", membership="member").order_by("name"))


def _cast_ncpocs() -> dict[str, User]:
    emails = {iso: email for email, _n, role, iso, _o in CAST if role == Role.NCPOC}
    users = User.objects.in_bulk(list(emails.values()), field_name="email")
    return {iso: users[email] for iso, email in emails.items() if email in users}


def reporters(states: list[Jurisdiction]) -> dict[int, User]:
    """jurisdiction id → the NCPOC who records its statuses: the demo cast's, else a new one."""
    cast = _cast_ncpocs()
    out = {}
    for state in states:
        out[state.pk] = cast.get(state.code) or _reporter_for(state)
    return out


def _reporter_for(state: Jurisdiction) -> User:
    email = f"ncpoc.{state.code.lower()}@demo.ictspace.local"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = do_create_user(
            email=email,
            password=DEMO_PASSWORD,
            full_name=f"NCPOC {state.name}",
            acting_user=access.SYSTEM,
        )
        do_grant_role(user, role=Role.NCPOC, jurisdiction=state, acting_user=access.SYSTEM)
    return user


def cast_user(role: str) -> User:
    """The demo cast's account for a role (the first one listed)."""
    email = next(email for email, _n, r, _i, _o in CAST if r == role)
    return User.objects.get(email=email)


def cast_ncpoc(code: str) -> User:
    return _cast_ncpocs()[code]
