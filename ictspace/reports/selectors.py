"""Reads of reports: the archive, a report's series of versions, the previous issued one."""

from django.db.models import Max
from django.http import Http404

from ictspace import access
from ictspace.reports.models import Report


def series(*, kind, library, jurisdiction):
    """Every version of one report: same kind, same library, same jurisdiction."""
    return Report.objects.filter(kind=kind, library=library, jurisdiction=jurisdiction)


def next_version(versions) -> int:
    return (versions.aggregate(top=Max("version"))["top"] or 0) + 1


def previous_issued(versions, *, before) -> Report | None:
    """The latest issued version as of a date up to `before`: what "changed since" compares with."""
    return (
        versions.filter(state=Report.State.ISSUED, as_of__lte=before)
        .order_by("-as_of", "-version")
        .first()
    )


def archive(user):
    return (
        access.reports_visible_to(user)
        .select_related("library", "jurisdiction", "requested_by")
        .order_by("-requested_at", "-pk")
    )


def get_report(user, pk: int) -> Report:
    report = archive(user).filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


def versions_of(user, report: Report):
    return archive(user).filter(
        kind=report.kind, library=report.library, jurisdiction=report.jurisdiction
    )
