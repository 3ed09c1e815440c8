"""Every write to the status stream: draft, edit, submit, review. Audited."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ictspace import access, bounds
from ictspace.audit.log import diff, record
from ictspace.catalogue import scope as scopes
from ictspace.catalogue.models import Item, level_codes
from ictspace.directory.models import Jurisdiction
from ictspace.governance.meetings.gaps import close_met_gap_plans
from ictspace.review.models import ReviewState
from ictspace.review.transitions import decision as review_decision
from ictspace.review.transitions import move
from ictspace.tracking.models import StatusUpdate

EDITABLE = ("status", "percent_complete", "narrative", "effective_date", "source_citation")


class StaleDraft(Exception):
    """Someone saved the draft since this edit began; `current` is what is stored now."""

    def __init__(self, current: StatusUpdate):
        self.current = current
        super().__init__(_("This draft was changed by someone else since you opened it."))


def _validate(item: Item, fields: dict) -> None:
    if item.retired:
        raise ValidationError(
            _("Item %(ref)s was retired in version %(v)s of its library; it takes no updates.")
            % {"ref": item.ref, "v": item.retired_in_version}
        )
    if not item.assessable:
        raise ValidationError(_("Item %(ref)s is not tracked.") % {"ref": item.ref})
    allowed = level_codes(item.library.scale(item.scale))
    if fields["status"] not in allowed:
        raise ValidationError(
            {
                "status": _("“%(s)s” is not on this item's scale; choose one of: %(allowed)s.")
                % {"s": fields["status"], "allowed": ", ".join(allowed)}
            }
        )
    if fields["effective_date"] > timezone.localdate():
        raise ValidationError({"effective_date": _("The effective date cannot be in the future.")})
    bounds.check_date(
        fields["effective_date"], field="effective_date", label=_("The effective date")
    )
    percent = fields.get("percent_complete")
    if percent is not None and not 0 <= percent <= 100:
        raise ValidationError({"percent_complete": _("Percent complete is between 0 and 100.")})


@transaction.atomic
def do_draft_status_update(
    *,
    jurisdiction: Jurisdiction,
    item: Item,
    status: str,
    effective_date: datetime.date,
    narrative: str = "",
    percent_complete: int | None = None,
    source_citation: str = "",
    acting_user,
) -> StatusUpdate:
    if not access.can_draft_status(acting_user, jurisdiction, item):
        if access.can_draft_for(acting_user, jurisdiction) and not scopes.concerns(
            item, jurisdiction
        ):
            raise ValidationError(scopes.refusal(item, jurisdiction))
        raise PermissionDenied
    fields = {
        "status": status,
        "effective_date": effective_date,
        "narrative": narrative,
        "percent_complete": percent_complete,
        "source_citation": source_citation,
    }
    _validate(item, fields)
    update = StatusUpdate.objects.create(
        jurisdiction=jurisdiction,
        item=item,
        author=acting_user,
        created_at=timezone.now(),
        review_state=ReviewState.DRAFT,
        **fields,
    )
    record(actor=acting_user, action="draft_status", obj=update, changes=diff({}, fields))
    return update


@transaction.atomic
def do_edit_draft(update: StatusUpdate, *, expected_version: int, acting_user, **fields):
    """Change a draft; refused with StaleDraft if it changed since `expected_version`."""
    if not access.can_edit_draft(acting_user, update):
        raise PermissionDenied
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    old = {k: getattr(update, k) for k in EDITABLE}
    new = {**old, **fields}
    _validate(update.item, new)
    changes = diff(old, new)
    if not changes:
        return update
    # One conditional UPDATE: works the same on SQLite and PostgreSQL, no lock held.
    saved = StatusUpdate.objects.filter(
        pk=update.pk, version=expected_version, review_state=ReviewState.DRAFT
    ).update(version=F("version") + 1, **fields)
    if not saved:
        raise StaleDraft(StatusUpdate.objects.get(pk=update.pk))
    update.refresh_from_db()
    record(actor=acting_user, action="edit_draft", obj=update, changes=changes)
    return update


@transaction.atomic
def do_submit_status_update(update: StatusUpdate, *, acting_user) -> StatusUpdate:
    if not access.can_submit_status(acting_user, update):
        raise PermissionDenied
    return move(
        update,
        to=ReviewState.SUBMITTED,
        allowed_from=(ReviewState.DRAFT,),
        acting_user=acting_user,
        action="submitted_status",
        submitted_at=timezone.now(),
    )


@transaction.atomic
def do_review_status_update(
    update: StatusUpdate, *, decision: str, reason: str = "", acting_user
) -> StatusUpdate:
    """Validate the update (it counts from its effective date) or return it with a reason."""
    if not access.can_review(acting_user, update):
        raise PermissionDenied
    to, extra = review_decision(decision, reason, acting_user=acting_user, now=timezone.now())
    update = move(
        update,
        to=to,
        allowed_from=(ReviewState.SUBMITTED,),
        acting_user=acting_user,
        action=f"{to}_status",
        **extra,
    )
    # A validated status that meets the item closes the gap's remediation plans.
    close_met_gap_plans(update, acting_user=acting_user)
    return update
