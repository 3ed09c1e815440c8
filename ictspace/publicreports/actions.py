"""Receiving the public's reports, moving them through their statuses, purging old ones."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ictspace import access
from ictspace.audit.log import diff, record
from ictspace.publicreports.models import Category, MonthlyCount, PublicReport
from ictspace.publicreports.references import new_reference
from ictspace.publicreports.routing import recipient_for

Status = PublicReport.Status
# new → acknowledged → referred or closed; a referred report is closed when done.
MOVES = {
    Status.NEW: {Status.ACKNOWLEDGED},
    Status.ACKNOWLEDGED: {Status.REFERRED, Status.CLOSED},
    Status.REFERRED: {Status.CLOSED},
    Status.CLOSED: set(),
}


def _count(report: PublicReport) -> None:
    """Add one to the month's count; the counts outlive the reports they count."""
    month = timezone.localdate(report.received_at).replace(day=1)
    key = {"jurisdiction": report.jurisdiction, "category": report.category, "month": month}
    if MonthlyCount.objects.filter(**key).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            MonthlyCount.objects.create(**key, count=1)
    except IntegrityError:  # another report created the month's row first
        MonthlyCount.objects.filter(**key).update(count=F("count") + 1)


@transaction.atomic
def do_receive_public_report(
    *,
    jurisdiction,
    category: str,
    description: str,
    urls: list[str],
    contact: str = "",
    language: str,
    acting_user,
) -> PublicReport:
    """Record a report sent through the public form and route it to its organisation."""
    if not access.can_receive_public_reports(acting_user):
        raise PermissionDenied
    recipient = recipient_for(jurisdiction)
    if recipient is None:
        raise ValidationError(_("Reports for this jurisdiction cannot be received yet."))
    now = timezone.now()
    report = PublicReport.objects.create(
        reference=new_reference(), jurisdiction=jurisdiction, category=Category(category),
        description=description.strip(), urls=urls, contact=contact.strip(), language=language,
        recipient=recipient, received_at=now, status_changed_at=now,
    )  # fmt: skip
    _count(report)
    # Never the content or the contact: the audit trail outlives the retention period.
    fields = {"jurisdiction": jurisdiction.code, "category": category, "recipient": recipient.code}
    record(actor=acting_user, action="public_report_received", obj=report,
           changes=diff({}, fields))  # fmt: skip
    return report


@transaction.atomic
def do_move_public_report(report: PublicReport, *, to: str, acting_user) -> PublicReport:
    """Acknowledge, refer or close a report routed to the acting user's organisation."""
    if not access.can_handle_public_report(acting_user, report):
        raise PermissionDenied
    locked = PublicReport.objects.select_for_update().get(pk=report.pk)
    if to == locked.status:
        return locked
    if to not in MOVES[locked.status]:
        raise ValidationError(
            _("A report that is %(now)s cannot become %(to)s.")
            % {"now": locked.get_status_display(), "to": Status(to).label}
        )
    old = locked.status
    locked.status, locked.status_changed_at = to, timezone.now()
    locked.save(update_fields=["status", "status_changed_at"])
    record(actor=acting_user, action="public_report_status", obj=locked,
           changes=diff({"status": old}, {"status": to}))  # fmt: skip
    return locked


def retention_cutoff(now=None) -> datetime.datetime:
    days = settings.ICTSPACE_PUBLIC_REPORT_RETENTION_DAYS
    return (now or timezone.now()) - datetime.timedelta(days=days)


@transaction.atomic
def do_purge_public_reports(*, now=None, acting_user) -> int:
    """Delete every report received before the retention period; how many. Counts stay."""
    if not access.can_purge_public_reports(acting_user):
        raise PermissionDenied
    cutoff = retention_cutoff(now)
    expired = PublicReport.objects.filter(received_at__lt=cutoff)
    purged = expired.count()
    if not purged:
        return 0
    expired.delete()
    run = PublicReportPurge(cutoff)
    record(actor=acting_user, action="public_reports_purged", obj=run,
           changes=diff({}, {"received_before": cutoff, "purged": purged}))  # fmt: skip
    return purged


class PublicReportPurge:
    """What the audit entry of a purge names: the reports received before a moment."""

    pk = None

    def __init__(self, cutoff):
        self.cutoff = cutoff

    def __str__(self):
        return f"public reports received before {self.cutoff.isoformat()}"
