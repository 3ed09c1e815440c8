"""Reports: the archive, the form, one report with its progress, its files."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from ictspace import access
from ictspace.files import names, serving
from ictspace.forms import add_action_errors
from ictspace.reports import actions, selectors, tasks
from ictspace.reports.forms import ReportForm
from ictspace.reports.models import CONTENT_TYPES, Format


@login_required
@require_safe
def archive(request):
    access.require(access.can_view_reports(request.user))
    context = {
        "reports": selectors.archive(request.user)[:200],
        "can_generate": access.can_generate_reports(request.user),
    }
    return render(request, "reports/archive.html", context)


@login_required
def new(request):
    access.require(access.can_generate_reports(request.user))
    form = ReportForm(request.POST or None, user=request.user, initial=_again(request))
    if request.method == "POST" and form.is_valid():
        try:
            report = actions.do_request_report(**form.cleaned_data, acting_user=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            tasks.build_report.enqueue(report.pk)
            return redirect(reverse("reports:detail", args=[report.pk]))
    status = 400 if request.method == "POST" else 200
    return render(request, "reports/form.html", {"form": form}, status=status)


def _again(request) -> dict | None:
    """The parameters of a report to regenerate (?again=<pk>), as a new version's start."""
    pk = request.GET.get("again", "")
    # ASCII digits only ("²".isdigit() is true), and no more than a bigint holds.
    if not (pk.isascii() and pk.isdigit() and len(pk) <= 18):
        return None
    report = selectors.archive(request.user).filter(pk=int(pk)).first()
    if report is None:
        return None
    return {
        "kind": report.kind,
        "library": report.library.slug if report.library else None,
        "jurisdiction": report.jurisdiction.code if report.jurisdiction else None,
        "as_of": report.as_of,
        "period_start": report.period_start,
        "language": report.language,
        "introduction": report.introduction,
        "conclusions": report.conclusions,
        "recommendations": report.recommendations,
    }


@login_required
@require_safe
def detail(request, pk: int):
    report = selectors.get_report(request.user, pk)
    files = {f.format: f for f in report.files.all()}
    html = files.get(Format.HTML)
    context = {
        "report": report,
        "stalled": report.is_stalled(),
        "files": [files[f] for f in (Format.PDF, Format.XLSX, Format.DOCX) if f in files],
        "fragment": _read(html) if html else "",
        "versions": selectors.versions_of(request.user, report).order_by("-version")[:50],
        "can_regenerate": access.can_generate_report(
            request.user, report.kind, report.jurisdiction
        ),
    }
    return render(request, "reports/detail.html", context)


def _read(report_file) -> str:
    try:
        with report_file.file.open("rb") as stored:
            return stored.read().decode()
    except FileNotFoundError:
        return ""


@login_required
@require_safe
def progress(request, pk: int):
    """The fragment the report page polls while it is built; then the whole page reloads."""
    report = selectors.get_report(request.user, pk)
    response = render(request, "reports/_progress.html", {"report": report, "busy": True})
    if not report.is_busy:
        if not request.headers.get("HX-Request"):
            return redirect(reverse("reports:detail", args=[report.pk]))
        response["HX-Refresh"] = "true"
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_safe
def download(request, pk: int, fmt: str):
    report = selectors.get_report(request.user, pk)
    report_file = report.files.filter(format=fmt).first()
    if report_file is None:
        raise Http404
    actions.do_download_report_file(report_file, acting_user=request.user)
    name = names.safe_download_name(f"{report.title} v{report.version}", fmt)
    return serving.file_response(report_file.file, name=name, content_type=CONTENT_TYPES[fmt])
