"""The closed loop: a validated status that meets an item closes the gap's open action items.

Called by tracking's review action inside its transaction (not a signal), so the closing
is part of the same write and its audit rows name the same reviewer.
"""

from django.utils import timezone

from ictspace.audit.log import diff, record
from ictspace.governance.models import ActionItem
from ictspace.review.models import ReviewState
from ictspace.tracking.models import StatusUpdate


def _meets_now(update: StatusUpdate) -> bool:
    """Whether the pair's current validated status (today) is this update's and meets the item."""
    from ictspace.tracking.selectors import is_met

    current = (
        StatusUpdate.objects.filter(
            jurisdiction_id=update.jurisdiction_id,
            item_id=update.item_id,
            review_state=ReviewState.VALIDATED,
            effective_date__lte=timezone.localdate(),
        )
        .order_by("-effective_date", "-id")
        .first()
    )
    item = update.item
    return (
        current is not None
        and current.pk == update.pk
        and is_met(item.library, item, update.status)
    )


def close_met_gap_plans(update: StatusUpdate, *, acting_user) -> int:
    """Close the open remediation plans of the update's gap if it now meets the item."""
    if update.review_state != ReviewState.VALIDATED:
        return 0
    plans = ActionItem.objects.filter(
        gap_jurisdiction_id=update.jurisdiction_id,
        gap_item_id=update.item_id,
        status=ActionItem.Status.OPEN,
    )
    if not plans.exists() or not _meets_now(update):
        return 0
    closed = 0
    for plan in plans:
        plan.status, plan.closed_at, plan.closed_by_update = "done", timezone.now(), update
        plan.save(update_fields=["status", "closed_at", "closed_by_update"])
        changes = diff({"status": "open"}, {"status": "done", "closed_by_update": update.pk})
        record(actor=acting_user, action="gap_closed", obj=plan, changes=changes)
        closed += 1
    return closed
