"""Every write of a report: request it, build it in the background, record each download.

A report goes queued → building → issued (or failed). Once issued nothing changes it:
there is no action that edits an issued report; regenerating requests a new version.
"""

import hashlib
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ictspace import access
from ictspace.audit.log import diff, record
from ictspace.files import storage
from ictspace.reports import selectors, tlp
from ictspace.reports.formats import docx, pdf, xlsx
from ictspace.reports.gather import gather
from ictspace.reports.models import Format, Kind, Report, ReportFile, Tlp

logger = logging.getLogger(__name__)
State = Report.State
STEPS = 6  # gather, label, HTML, PDF, XLSX, DOCX
TLP_MEANINGS = {
    Tlp.CLEAR: gettext_lazy("may be shared without restriction."),
    Tlp.GREEN: gettext_lazy("may be shared within the community, not published."),
    Tlp.AMBER: gettext_lazy("for the recipients' organisations, on a need-to-know basis."),
}


@transaction.atomic
def do_request_report(
    *,
    kind: str,
    as_of,
    period_start,
    language: str,
    library=None,
    jurisdiction=None,
    introduction: str = "",
    conclusions: str = "",
    recommendations: str = "",
    acting_user,
) -> Report:
    """Queue a new version of a report with its parameters and narrative. Audited."""
    if not access.can_generate_report(acting_user, kind, jurisdiction):
        raise PermissionDenied
    _check(kind=kind, library=library, jurisdiction=jurisdiction, as_of=as_of, start=period_start)
    series = selectors.series(kind=kind, library=library, jurisdiction=jurisdiction)
    report = Report.objects.create(
        kind=kind,
        library=library,
        jurisdiction=jurisdiction,
        as_of=as_of,
        period_start=period_start,
        language=language,
        introduction=introduction,
        conclusions=conclusions,
        recommendations=recommendations,
        version=selectors.next_version(series),
        previous=selectors.previous_issued(series, before=as_of),
        requested_by=acting_user,
        requested_at=timezone.now(),
        steps_total=STEPS,
    )
    parameters = {
        "kind": kind,
        "library": library.slug if library else None,
        "jurisdiction": jurisdiction.code if jurisdiction else None,
        "as_of": as_of,
        "period_start": period_start,
        "language": language,
        "version": report.version,
    }
    record(actor=acting_user, action="request_report", obj=report, changes=diff({}, parameters))
    return report


def _check(*, kind, library, jurisdiction, as_of, start) -> None:
    if kind in (Kind.COUNTRY, Kind.KPI) and jurisdiction is None:
        raise ValidationError({"jurisdiction": _("Choose the jurisdiction this report is about.")})
    if kind in (Kind.PROGRESS, Kind.REGIONAL, Kind.KPI) and library is None:
        raise ValidationError({"library": _("Choose the plan or standard set to report on.")})
    if kind == Kind.KPI and not library.indicators.exists():
        raise ValidationError({"library": _("This library defines no indicator.")})
    if start > as_of:
        raise ValidationError(
            {"period_start": _("The period must start on or before the as-of date.")}
        )
    if as_of > timezone.localdate():
        raise ValidationError({"as_of": _("A report cannot be as of a date in the future.")})


def do_build_report(report: Report, *, acting_user) -> Report:
    """Gather, label and write every format; the worker's step (the platform's own).

    Not one transaction: the page shows the steps as they pass. The files and the issued
    state are written in one transaction at the end, so an issued report is complete.
    """
    if not access.can_build_reports(acting_user):
        raise PermissionDenied
    claimed = Report.objects.filter(pk=report.pk, state=State.QUEUED).update(
        state=State.BUILDING, steps_done=0
    )
    report.refresh_from_db()
    if not claimed:
        return report  # built already, or being built
    try:
        with translation.override(report.language):
            files = _build(report)
    except Exception as error:
        logger.exception("building report %s failed", report.pk)
        Report.objects.filter(pk=report.pk).update(state=State.FAILED, failure=str(error)[:2000])
        report.refresh_from_db()
        return report
    return _issue(report, files)


def _step(report: Report) -> None:
    report.steps_done += 1
    Report.objects.filter(pk=report.pk).update(steps_done=report.steps_done)


def _build(report: Report) -> dict:
    content = gather(report, user=report.requested_by)
    _step(report)
    report.tlp = tlp.label(content.inputs)
    report.title = str(content.title)[:300]
    _step(report)
    context = {
        "report": report,
        "content": content,
        "generated_at": timezone.now(),
        "tlp_meaning": TLP_MEANINGS[report.tlp],
    }
    fragment = render_to_string("reports/_document.html", context)
    _step(report)
    files = {Format.HTML: fragment.encode()}
    files[Format.PDF] = pdf.render(
        fragment, language=report.language, title=report.title, tlp_label=report.tlp_label
    )
    _step(report)
    files[Format.XLSX] = xlsx.render(content, report=report)
    _step(report)
    files[Format.DOCX] = docx.render(content, report=report)
    _step(report)
    return files


@transaction.atomic
def _issue(report: Report, files: dict) -> Report:
    hashes = {}
    for fmt, data in files.items():
        sha256 = hashlib.sha256(data).hexdigest()
        with storage.stored(ContentFile(data), sha256=sha256) as name:
            row = ReportFile(report=report, format=fmt, sha256=sha256, size=len(data))
            row.file.name = name
            row.save()
        hashes[fmt] = sha256
    report.state = State.ISSUED
    report.issued_at = timezone.now()
    report.save(update_fields=["state", "issued_at", "tlp", "title", "steps_done"])
    record(
        actor=access.SYSTEM,
        action="issue_report",
        obj=report,
        changes=diff(
            {}, {"tlp": report.tlp_label, **{f"sha256_{k}": v for k, v in hashes.items()}}
        ),
    )
    return report


@transaction.atomic
def do_download_report_file(report_file: ReportFile, *, acting_user) -> ReportFile:
    """Allow a download of an issued report's file and record who took it."""
    if not access.can_download_report(acting_user, report_file.report):
        raise PermissionDenied
    record(
        actor=acting_user,
        action="download_report",
        obj=report_file.report,
        changes=diff({}, {"format": report_file.format, "sha256": report_file.sha256}),
    )
    return report_file
