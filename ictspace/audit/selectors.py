import datetime

from django.db.models import Q, QuerySet

from ictspace import access
from ictspace.audit.models import AuditEntry


def audit_entries(
    user, *, who="", obj="", action="", since=None, until=None
) -> QuerySet[AuditEntry]:
    qs = access.audit_entries_visible_to(user)
    if who:
        # The label holds the e-mail at the time; the account holds today's.
        qs = qs.filter(
            Q(actor_label__icontains=who)
            | Q(actor__email__icontains=who)
            | Q(actor__full_name__icontains=who)
        )
    if obj:
        qs = qs.filter(Q(object_repr__icontains=obj) | Q(object_type__icontains=obj))
    if action:
        qs = qs.filter(action=action)
    # Bounds on `at` itself, not on its date: a range the index on `at` serves.
    if since:
        qs = qs.filter(at__gte=_midnight(since))
    if until:
        qs = qs.filter(at__lt=_midnight(until + datetime.timedelta(days=1)))
    return qs.order_by("-at", "-id")


def _midnight(day: datetime.date) -> datetime.datetime:
    """The start of `day` in UTC, the time the log is kept in."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)
