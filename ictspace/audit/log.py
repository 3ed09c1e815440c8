"""Writing the audit trail. Called by every action function, inside its transaction."""

from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone, translation

from ictspace.audit.models import AuditEntry

SYSTEM_LABEL = "system"
ANONYMOUS_LABEL = "anonymous"  # someone not signed in, e.g. a failed sign-in


def _plain(value):
    """A JSON-safe rendering of a field value for the old → new record."""
    if isinstance(value, models.Model):
        return _recorded(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _recorded(obj) -> str:
    """An object as text in the platform's own language, whoever's page caused the write:
    one audit trail reads in one language, and the log marks it so (AuditEntry.language)."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(obj)


def diff(old: dict, new: dict) -> dict:
    """{field: [old, new]} for every field whose value changed."""
    keys = list(dict.fromkeys([*old, *new]))
    return {k: [_plain(old.get(k)), _plain(new.get(k))] for k in keys if old.get(k) != new.get(k)}


def actor_label(actor) -> str:
    """Who, as they were at the time: name, e-mail and account number.

    The e-mail can change later; the number ties the entry to the account for good.
    """
    if getattr(actor, "is_anonymous", False):
        return ANONYMOUS_LABEL
    if not getattr(actor, "pk", None):
        return SYSTEM_LABEL
    name = f"{actor.full_name} <{actor.email}>" if actor.full_name else actor.email
    return f"{name} #{actor.pk}"[-254:]


def record(*, actor, action: str, obj, changes: dict | None = None) -> AuditEntry:
    """Append one audit entry. Must run inside the write's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit entries are written inside the write's transaction")
    return AuditEntry.objects.create(
        at=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=actor_label(actor),
        action=action,
        object_type=obj._meta.label_lower if isinstance(obj, models.Model) else str(type(obj)),
        object_id=str(getattr(obj, "pk", "") or ""),
        object_repr=_recorded(obj)[:300],
        changes=dict((changes or {}).items()),
    )
