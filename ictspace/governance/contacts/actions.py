"""Recording reachability tests; issuing and revoking calendar feed tokens. Audited."""

import datetime
import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ictspace import access
from ictspace.audit.log import diff, record
from ictspace.governance.models import CalendarToken, ReachabilityTest


@transaction.atomic
def do_record_reachability_test(
    *,
    channel,
    tested_on: datetime.date,
    reached: bool,
    response_minutes: int | None = None,
    note: str = "",
    acting_user,
) -> ReachabilityTest:
    if not access.can_record_reachability(acting_user):
        raise PermissionDenied
    errors = {}
    if not channel.available_24_7:
        errors["channel"] = _("Only 24/7 channels are tested.")
    if tested_on > timezone.localdate():
        errors["tested_on"] = _("The test date cannot be in the future.")
    if not reached and response_minutes is not None:
        errors["response_minutes"] = _("A channel that was not reached has no response time.")
    if errors:
        raise ValidationError(errors)
    test = ReachabilityTest.objects.create(
        channel=channel, tested_on=tested_on, reached=reached, response_minutes=response_minutes,
        note=note.strip(), recorded_by=acting_user, recorded_at=timezone.now(),
    )  # fmt: skip
    fields = {"channel": str(channel), "person": channel.person, "tested_on": tested_on,
              "reached": reached, "response_minutes": response_minutes}  # fmt: skip
    record(actor=acting_user, action="reachability_test", obj=test, changes=diff({}, fields))
    return test


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _revoke_live(user, now) -> int:
    return CalendarToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now)


@transaction.atomic
def do_issue_calendar_token(*, acting_user) -> str:
    """A new secret feed address for the acting user (the old one stops working); the secret."""
    if not access.can_have_calendar(acting_user):
        raise PermissionDenied
    now = timezone.now()
    replaced = _revoke_live(acting_user, now)
    secret = secrets.token_urlsafe(32)
    token = CalendarToken.objects.create(
        user=acting_user, token_hash=token_hash(secret), created_at=now
    )
    record(actor=acting_user, action="issue_calendar_token", obj=token,
           changes=diff({}, {"replaced": replaced}))  # fmt: skip
    return secret


@transaction.atomic
def do_revoke_calendar_token(*, acting_user) -> int:
    """Stop the acting user's feed address; how many were live (0 or 1)."""
    if not access.can_have_calendar(acting_user):
        raise PermissionDenied
    token = CalendarToken.objects.filter(user=acting_user, revoked_at__isnull=True).first()
    if token is None:
        return 0
    _revoke_live(acting_user, timezone.now())
    record(actor=acting_user, action="revoke_calendar_token", obj=token,
           changes=diff({"live": True}, {"live": False}))  # fmt: skip
    return 1


def user_for_token(secret: str):
    """The account a live feed secret belongs to, or None (unknown or revoked alike)."""
    token = (
        CalendarToken.objects.filter(token_hash=token_hash(secret), revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    return token.user
