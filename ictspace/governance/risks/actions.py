"""Writes to the risk register. Every change is audited on the risk: that is its history."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ictspace import access
from ictspace.audit.log import diff, record
from ictspace.governance.models import Mitigation, Risk

FIELDS = (
    "title", "description", "category", "cause", "consequence",
    "inherent_likelihood", "inherent_impact", "residual_likelihood", "residual_impact",
    "owner", "next_review_on", "status", "acceptance_reason",
)  # fmt: skip
LINKS = ("items", "jurisdictions")


def _snapshot(risk: Risk) -> dict:
    values = {name: getattr(risk, name) for name in FIELDS}
    if risk.pk:
        # Not "items": templates read `changes.items` as the dict's items() method.
        values["catalogue_items"] = sorted(
            f"{i.library.slug}:{i.ref}" for i in risk.items.select_related("library")
        )
        values["jurisdictions"] = sorted(j.code for j in risk.jurisdictions.all())
    return values


def _apply(risk: Risk, fields: dict, acting_user) -> None:
    """Set the fields, record who accepted, validate like a form would, and save."""
    unknown = set(fields) - set(FIELDS) - set(LINKS)
    if unknown:
        raise ValueError(f"not risk fields: {sorted(unknown)}")
    owner = fields.get("owner") or (risk.owner if risk.owner_id else None)
    if owner is not None and not access.can_own_risk(acting_user, owner):
        raise ValidationError({"owner": _("You may record risks only for your own organisation.")})
    for name in FIELDS:
        if name in fields:
            setattr(risk, name, fields[name])
    if risk.status == Risk.Status.ACCEPTED:
        if not risk.acceptance_reason.strip():
            raise ValidationError({"acceptance_reason": _("Say why the risk is accepted.")})
        risk.accepted_by = risk.accepted_by or acting_user
    else:
        risk.accepted_by, risk.acceptance_reason = None, ""
    risk.full_clean(exclude=["items", "jurisdictions"])
    risk.save()
    for name in LINKS:
        if name in fields:
            getattr(risk, name).set(fields[name])


@transaction.atomic
def do_create_risk(*, acting_user, **fields) -> Risk:
    if not access.can_add_risk(acting_user):
        raise PermissionDenied
    risk = Risk(created_at=timezone.now())
    _apply(risk, fields, acting_user)
    record(actor=acting_user, action="create_risk", obj=risk, changes=diff({}, _snapshot(risk)))
    return risk


@transaction.atomic
def do_update_risk(risk: Risk, *, acting_user, **fields) -> Risk:
    if not access.can_edit_risk(acting_user, risk):
        raise PermissionDenied
    before = _snapshot(risk)
    _apply(risk, fields, acting_user)
    changes = diff(before, _snapshot(risk))
    if changes:
        record(actor=acting_user, action="update_risk", obj=risk, changes=changes)
    return risk


@transaction.atomic
def do_add_mitigation(risk: Risk, *, description, owner, due_on=None, acting_user) -> Mitigation:
    """A mitigation, recorded in the risk's own history."""
    if not access.can_edit_risk(acting_user, risk):
        raise PermissionDenied
    mitigation = Mitigation(risk=risk, description=description.strip(), owner=owner, due_on=due_on)
    mitigation.full_clean()
    mitigation.save()
    fields = {"mitigation": mitigation.description, "owner": owner, "due_on": due_on}
    record(actor=acting_user, action="add_mitigation", obj=risk, changes=diff({}, fields))
    return mitigation


@transaction.atomic
def do_set_mitigation_status(mitigation: Mitigation, *, status: str, acting_user) -> Mitigation:
    if not access.can_edit_risk(acting_user, mitigation.risk):
        raise PermissionDenied
    if status not in Mitigation.Status.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    if status == mitigation.status:
        return mitigation
    changes = diff({"mitigation": str(mitigation), "status": mitigation.status},
                   {"mitigation": str(mitigation), "status": status})  # fmt: skip
    mitigation.status = status
    mitigation.save(update_fields=["status"])
    record(actor=acting_user, action="mitigation_status", obj=mitigation.risk, changes=changes)
    return mitigation
