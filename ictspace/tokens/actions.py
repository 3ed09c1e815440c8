"""Creating and revoking personal API tokens. Audited; the secret is never stored."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ictspace import access
from ictspace.audit.log import record
from ictspace.tokens.models import ApiToken
from ictspace.tokens.secrets import digest, new_secret


@transaction.atomic
def do_create_token(*, name: str, scope: str, expires_at=None, acting_user) -> tuple[ApiToken, str]:
    """A new token for the acting user; returns it with its secret, which is shown once."""
    if not access.can_create_token(acting_user):
        raise PermissionDenied
    if scope not in ApiToken.Scope.values:
        raise ValidationError({"scope": _("Choose read only or read and write.")})
    now = timezone.now()
    if expires_at is not None and expires_at <= now:
        raise ValidationError({"expires_at": _("The expiry must be in the future.")})
    secret = new_secret()
    token = ApiToken(
        user=acting_user,
        name=name.strip()[:100] or _("API token"),
        prefix=secret[:12],
        digest=digest(secret),
        scope=scope,
        created_at=now,
        expires_at=expires_at,
    )
    token.full_clean()
    token.save()
    record(actor=acting_user, action="created_api_token", obj=token, changes={"scope": scope})
    return token, secret


@transaction.atomic
def do_revoke_token(token: ApiToken, *, acting_user) -> ApiToken:
    """Revoke at once; a revoked token is refused from its next request."""
    if not access.can_manage_token(acting_user, token):
        raise PermissionDenied
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record(actor=acting_user, action="revoked_api_token", obj=token)
    return token
