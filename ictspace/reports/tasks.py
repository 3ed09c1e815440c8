"""The background task that builds a requested report (django-tasks; inline in tests)."""

from django_tasks import task

from ictspace.access import SYSTEM
from ictspace.reports import actions
from ictspace.reports.models import Report


@task()
def build_report(report_id: int) -> str:
    report = Report.objects.filter(pk=report_id).first()
    if report is None:
        return "missing"
    return actions.do_build_report(report, acting_user=SYSTEM).state
