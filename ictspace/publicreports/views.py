"""The public reporting form (no login) and the receiving organisation's queue."""

from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from ictspace import access
from ictspace.forms import add_action_errors
from ictspace.publicreports import actions, selectors
from ictspace.publicreports.forms import MoveForm, PublicReportForm
from ictspace.publicreports.models import PublicReport
from ictspace.responses import refuse_unless_post

# The reference waits in the session so that reloading the answer page still shows it.
SESSION_KEY = "publicreports_reference"
PAGE_SIZE = 50


def _form_page(request, form, status=200):
    context = {"form": form, "retention_days": settings.ICTSPACE_PUBLIC_REPORT_RETENTION_DAYS}
    return render(request, "publicreports/form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def report_form(request):
    if request.method != "POST":
        return _form_page(request, PublicReportForm())
    form = PublicReportForm(request.POST)
    if form.is_bot():  # answered like a success, so that the program learns nothing
        request.session.pop(SESSION_KEY, None)
        return redirect("publicreports:sent")
    if not form.is_valid():
        return _form_page(request, form, status=400)
    if not ratelimit.consume(request, action="public_report"):
        form.add_error(None, _("Too many reports from your connection. Please try again later."))
        return _form_page(request, form, status=429)
    data = form.cleaned_data
    try:
        report = actions.do_receive_public_report(
            jurisdiction=data["jurisdiction"], category=data["category"],
            description=data["description"], urls=data["urls"], contact=data["contact"],
            language=get_language(), acting_user=access.SYSTEM,
        )  # fmt: skip
    except ValidationError as exc:
        add_action_errors(form, exc)
        return _form_page(request, form, status=400)
    request.session[SESSION_KEY] = [report.reference, report.category]
    return redirect("publicreports:sent")


@require_safe
def report_sent(request):
    reference, category = request.session.get(SESSION_KEY) or (None, None)
    context = {"reference": reference, "child": category == "child_exploitation"}
    return render(request, "publicreports/sent.html", context)


@login_required
@require_safe
def queue(request):
    access.require(access.can_view_public_report_queue(request.user))
    status = request.GET.get("status", "")
    if status not in PublicReport.Status.values:
        status = ""
    counts = selectors.open_counts(request.user)
    page = Paginator(selectors.queue(request.user, status=status), PAGE_SIZE)
    context = {
        "page": page.get_page(request.GET.get("page")),
        "query": f"status={status}" if status else "",
        "status": status,
        "statuses": [(v, label, counts[v]) for v, label in PublicReport.Status.choices],
    }
    return render(request, "publicreports/queue.html", context)


def _get_report(user, pk: int) -> PublicReport:
    reports = access.public_reports_visible_to(user).select_related("jurisdiction", "recipient")
    return get_object_or_404(reports, pk=pk)


def _moves(report) -> list[tuple[str, str]]:
    return [(s, PublicReport.Status(s).label) for s in sorted(actions.MOVES[report.status])]


@login_required
@require_safe
def report_detail(request, pk: int):
    report = _get_report(request.user, pk)
    context = {"report": report, "moves": _moves(report)}
    return render(request, "publicreports/detail.html", context)


@login_required
def report_move(request, pk: int):
    report = _get_report(request.user, pk)
    answer = refuse_unless_post(
        request, allowed=access.can_handle_public_report(request.user, report)
    )
    if answer:
        return answer
    form = MoveForm(request.POST, choices=_moves(report))
    if not form.is_valid():
        messages.error(request, _("Choose one of the statuses offered."))
        return redirect("publicreports:report", pk=report.pk)
    try:
        actions.do_move_public_report(report, to=form.cleaned_data["to"], acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Status changed."))
    return redirect("publicreports:report", pk=report.pk)
