"""The one way a reviewable thing changes review state: a conditional UPDATE and its audit row."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from ictspace.audit.log import diff, record
from ictspace.review.models import ReviewState


def move(target, *, to: str, allowed_from: tuple, acting_user, action: str, audit_on=None, **extra):
    """Move `target` (one object, or a queryset decided as one batch) from `allowed_from` to `to`.

    One conditional UPDATE: of two people deciding at once, the second finds nothing in an
    allowed state and is refused with a ValidationError. An object comes back refreshed; a
    queryset returns how many rows moved and writes one audit row on `audit_on`.
    """
    if isinstance(target, models.Model):
        return _move_one(target, to=to, allowed_from=allowed_from, acting_user=acting_user,
                         action=action, **extra)  # fmt: skip
    if audit_on is None:
        raise TypeError("a batch move names the object its audit row is written on (audit_on)")
    moved = target.filter(review_state__in=allowed_from).update(review_state=to, **extra)
    if not moved:
        raise ValidationError(_("Nothing here waits for that decision any more."))
    old = {"review_state": "/".join(allowed_from)}
    new = {"review_state": to, f"{target.model._meta.model_name}s": moved, **extra}
    record(actor=acting_user, action=action, obj=audit_on, changes=diff(old, new))
    return moved


def _move_one(obj, *, to, allowed_from, acting_user, action, **extra):
    rows = type(obj)._default_manager.filter(pk=obj.pk, review_state__in=allowed_from)
    if not rows.update(review_state=to, **extra):
        obj.refresh_from_db()
        raise ValidationError(
            _("This %(kind)s is %(state)s; it cannot be changed that way now.")
            % {"kind": obj._meta.verbose_name, "state": obj.get_review_state_display().lower()}
        )
    old_state = obj.review_state
    obj.refresh_from_db()
    changes = diff({"review_state": old_state}, {"review_state": to, **extra})
    record(actor=acting_user, action=action, obj=obj, changes=changes)
    return obj


def decision(decision: str, reason: str, *, acting_user, now) -> tuple[str, dict]:
    """The state a reviewer's decision leads to and the fields it sets; a return needs a reason."""
    extra = {"reviewed_at": now, "reviewed_by": acting_user}
    if decision == "validate":
        return ReviewState.VALIDATED, extra
    if decision == "return":
        if not reason.strip():
            raise ValidationError({"reason": _("Say why it is returned.")})
        return ReviewState.RETURNED, {**extra, "return_reason": reason.strip()}
    raise ValidationError(_("Choose to validate or to return."))
