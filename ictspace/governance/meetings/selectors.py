"""Reads of meetings and action items: lists, one meeting, my items, overdue ones, plans."""

from django.db.models import Case, Q, When
from django.http import Http404
from django.utils import timezone

from ictspace import access
from ictspace.governance.models import ActionItem, Meeting


def with_overdue(queryset):
    today = timezone.localdate()
    late = Q(status=ActionItem.Status.OPEN, due_on__lt=today)
    return queryset.annotate(overdue=Case(When(late, then=True), default=False))


def _related(queryset):
    return with_overdue(queryset).select_related(
        "owner_person", "owner_organisation", "gap_jurisdiction", "gap_item__library", "meeting"
    )


def get_meeting(user, pk: int) -> Meeting:
    meeting = access.meetings_visible_to(user).select_related("body").filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


def meeting_action_items(meeting: Meeting):
    return list(_related(meeting.action_items.all()).order_by("due_on", "id"))


def my_action_items(user):
    return list(_related(access.own_action_items(user)).order_by("status", "due_on", "id"))


def overdue_action_items(user):
    return list(_related(access.action_items_visible_to(user)).filter(overdue=True)[:100])


def remediation_plans(jurisdiction, library) -> dict[int, ActionItem]:
    """item id → the open action item remedying that gap (the earliest due), in one query."""
    plans = (
        ActionItem.objects.filter(
            gap_jurisdiction=jurisdiction, gap_item__library=library, status=ActionItem.Status.OPEN
        )
        .select_related("owner_person", "owner_organisation")
        .order_by("-due_on", "-id")
    )
    return {plan.gap_item_id: plan for plan in plans}  # the earliest due wins (written last)
