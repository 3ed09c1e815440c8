"""Writes to accounts and role grants."""

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.db import transaction

from ictspace import access
from ictspace.accounts.models import RoleGrant, User
from ictspace.audit.log import diff, record


@transaction.atomic
def do_create_user(*, email: str, password: str | None, full_name: str, acting_user) -> User:
    """Open an account (no role yet: a role is granted separately)."""
    if not access.can_manage_accounts(acting_user):
        raise PermissionDenied
    user = User.objects.create_user(email=email, password=password, full_name=full_name)
    # The Secretariat opens the account with the person's address: it is the verified one.
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    record(actor=acting_user, action="create", obj=user, changes=diff({}, {"email": user.email}))
    return user


@transaction.atomic
def do_grant_role(
    user: User, *, role: str, jurisdiction=None, organisation=None, acting_user
) -> RoleGrant:
    """Grant a role in its scope; granting it again changes nothing."""
    if not access.can_manage_accounts(acting_user):
        raise PermissionDenied
    scope = {"role": role, "jurisdiction": jurisdiction, "organisation": organisation}
    grant = RoleGrant.objects.filter(user=user, **scope).first()
    if grant is None:
        grant = RoleGrant(user=user, **scope)
        grant.full_clean()  # before saving: a role without its scope is refused with a reason
        grant.save()
        record(
            actor=acting_user,
            action="grant_role",
            obj=user,
            changes=diff({}, {"role": role, "scope": jurisdiction or organisation}),
        )
    return grant


@transaction.atomic
def do_revoke_role(
    user: User, *, role: str, jurisdiction=None, organisation=None, acting_user
) -> bool:
    """Withdraw a role in its scope; True if a grant was removed, False if there was none."""
    if not access.can_manage_accounts(acting_user):
        raise PermissionDenied
    scope = {"role": role, "jurisdiction": jurisdiction, "organisation": organisation}
    removed, _by_model = RoleGrant.objects.filter(user=user, **scope).delete()
    if removed:
        record(
            actor=acting_user,
            action="revoke_role",
            obj=user,
            changes=diff({"role": role, "scope": jurisdiction or organisation}, {}),
        )
    return bool(removed)
