"""Reading the queues of received reports and their counts."""

from django.db.models import Count, Sum

from ictspace import access
from ictspace.publicreports.models import MonthlyCount, PublicReport


def queue(user, *, status: str = ""):
    """The reports routed to the user's organisations, newest first."""
    reports = access.public_reports_visible_to(user).select_related("jurisdiction", "recipient")
    if status:
        reports = reports.filter(status=status)
    return reports.order_by("-received_at")


def open_counts(user) -> dict[str, int]:
    """How many of the user's reports are in each status."""
    rows = access.public_reports_visible_to(user).values("status").annotate(n=Count("pk"))
    counts = dict.fromkeys(PublicReport.Status.values, 0)
    counts.update({row["status"]: row["n"] for row in rows.order_by()})
    return counts


def monthly_counts(*, jurisdiction=None, category: str = "", since=None):
    """(jurisdiction code, category, month, count) rows: never content, kept after purges.

    What the indicators app reads for "reports received from the public" (docs/development.md).
    """
    rows = MonthlyCount.objects.all()
    if jurisdiction is not None:
        rows = rows.filter(jurisdiction=jurisdiction)
    if category:
        rows = rows.filter(category=category)
    if since is not None:
        rows = rows.filter(month__gte=since)
    return (
        rows.values("jurisdiction__code", "category", "month")
        .annotate(count=Sum("count"))
        .order_by("month", "jurisdiction__code", "category")
    )
