"""From live data to a report's content, one module per kind; reads only through selectors."""

from ictspace.reports.content import Content
from ictspace.reports.gather import country, kpi, progress, regional
from ictspace.reports.models import Kind

GATHERERS = {
    Kind.PROGRESS: progress.gather,
    Kind.COUNTRY: country.gather,
    Kind.REGIONAL: regional.gather,
    Kind.KPI: kpi.gather,
}


def gather(report, *, user) -> Content:
    """The report's content as of its date, read with `user`'s permissions (the requester)."""
    return GATHERERS[report.kind](report, user=user)
