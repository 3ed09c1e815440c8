"""Spreadsheet round trip: template, upload, preview with progress, apply or discard, export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ictspace import access
from ictspace.files.serving import protect
from ictspace.files.uploads import refuse_if_too_large
from ictspace.forms import add_action_errors
from ictspace.indicators import actions as value_actions
from ictspace.indicators import exports, tasks
from ictspace.indicators.imports import actions
from ictspace.indicators.imports.forms import TemplateForm, UploadForm, libraries_with_indicators
from ictspace.indicators.imports.template import build_template
from ictspace.indicators.models import ImportJob
from ictspace.indicators.periods import parse_period
from ictspace.responses import bad_request, refuse_unless_post
from ictspace.review.confirm import Confirmation, asks_confirmation, confirmation_page
from ictspace.review.views import card_context

PAGE_SIZE = 25
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
State = ImportJob.State


def _jobs(user):
    return access.import_jobs_visible_to(user).select_related("jurisdiction", "uploaded_by")


def _job(request, pk: int) -> ImportJob:
    return get_object_or_404(_jobs(request.user), pk=pk)


# Uploads --------------------------------------------------------------------------------


@login_required
def imports(request):
    access.require(access.can_view_indicators(request.user))
    form = UploadForm(user=request.user)
    status = 200
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES, user=request.user)
        job = _store_upload(request, form)
        if job is not None:
            tasks.read_import.enqueue(job.pk)
            return redirect(reverse("indicators:import", args=[job.pk]))
        status = 400
    jobs = _jobs(request.user).order_by("-created_at", "-id")
    page = Paginator(jobs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "can_upload": bool(form.fields["jurisdiction"].choices),
        "page": page,
        "libraries": libraries_with_indicators(request.user),
        "jurisdictions": access.jurisdictions_visible_to(request.user).order_by("name"),
    }
    return render(request, "indicators/import_list.html", context, status=status)


def _store_upload(request, form) -> ImportJob | None:
    if refuse_if_too_large(request, form) or not form.is_valid():
        return None
    try:
        return actions.do_upload_import(
            jurisdiction=form.cleaned_data["jurisdiction"],
            uploaded_file=form.cleaned_data["file"],
            acting_user=request.user,
        )
    except ValidationError as exc:
        add_action_errors(form, exc)
        return None


# One upload -----------------------------------------------------------------------------


def _page_of(items, request, param: str):
    return Paginator(items or [], PAGE_SIZE).get_page(request.GET.get(param))


@login_required
@require_safe
def import_detail(request, pk: int):
    job = _job(request, pk)
    can_review = access.can_review(request.user, job)
    if can_review:
        # Opening this page is opening the preview: bulk validation is allowed from now on.
        value_actions.do_open_upload_preview(job, acting_user=request.user)
    context = {
        "job": job,
        "busy": job.is_busy,
        "stalled": job.is_stalled(),
        "is_uploader": access.can_manage_import(request.user, job),
        "can_apply": access.can_apply_import(request.user, job),
        "can_discard": access.can_discard_import(request.user, job),
        "can_retry": access.can_retry_import(request.user, job),
        "can_review": can_review,
        **card_context("indicators:import_review", job.pk),
        "counts": job.counts or {},
        "rows": _page_of(job.sample, request, "page"),
        "errors": _page_of(job.errors, request, "errors"),
        "more_errors": max((job.counts or {}).get("problems", 0) - len(job.errors or []), 0),
    }
    return render(request, "indicators/import_detail.html", context)


@login_required
@require_safe
def import_progress(request, pk: int):
    """The progress fragment the job page polls; once the work ends, the whole page reloads."""
    job = _job(request, pk)
    response = render(request, "indicators/import_progress.html", {"job": job, "busy": True})
    if not job.is_busy:
        if request.headers.get("HX-Request"):
            response["HX-Refresh"] = "true"
        else:
            return redirect(reverse("indicators:import", args=[job.pk]))
    response["Cache-Control"] = "no-store"
    return response


def _uploader_post(request, pk: int) -> ImportJob | HttpResponse:
    """The job, if the user uploaded it (404 otherwise) and the request is a POST (405)."""
    job = _job(request, pk)
    refused = refuse_unless_post(request, allowed=access.can_manage_import(request.user, job))
    return refused or job


@login_required
def import_apply(request, pk: int):
    job = _uploader_post(request, pk)
    if isinstance(job, HttpResponse):
        return job
    try:
        actions.do_queue_apply(job, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        tasks.apply_import.enqueue(job.pk, request.user.pk)
    return redirect(reverse("indicators:import", args=[job.pk]))


@login_required
def import_discard(request, pk: int):
    job = _uploader_post(request, pk)
    if isinstance(job, HttpResponse):
        return job
    if asks_confirmation(request):
        return confirmation_page(request, _discard_confirmation(job))
    try:
        actions.do_discard_import(job, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(reverse("indicators:import", args=[job.pk]))
    messages.success(request, _("The upload was discarded; nothing was added."))
    return redirect(reverse("indicators:imports"))


def _discard_confirmation(job) -> Confirmation:
    return Confirmation(
        title=_("Discard this upload?"),
        consequence=_(
            "Nothing from this file will be added, and the upload cannot be applied any more."
            " To add its values later, upload the file again."
        ),
        button=_("Discard this upload"),
        back_url=reverse("indicators:import", args=[job.pk]),
        facts=[(_("File"), job.original_name), (_("Jurisdiction"), job.jurisdiction.name)],
        danger=True,
    )


@login_required
def import_retry(request, pk: int):
    job = _uploader_post(request, pk)
    if isinstance(job, HttpResponse):
        return job
    try:
        step = actions.do_retry_import(job, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if step == "apply":
            tasks.apply_import.enqueue(job.pk, request.user.pk)
        else:
            tasks.read_import.enqueue(job.pk)
        messages.success(request, _("Queued again."))
    return redirect(reverse("indicators:import", args=[job.pk]))


# Template -------------------------------------------------------------------------------


@login_required
@require_safe
def template(request):
    access.require(access.can_view_indicators(request.user))
    wants_file = request.GET.get("download") == "1"
    # Only a download is checked; otherwise the choices so far re-render the form (the
    # library's indicators refresh when the library changes), without error messages.
    given = {k: request.GET.get(k) for k in ("jurisdiction", "library", "frequency")}
    given |= {k: request.GET.get(k) for k in ("from_year", "to_year") if request.GET.get(k)}
    initial = {k: v for k, v in given.items() if v} | {
        "indicators": request.GET.getlist("indicators")
    }
    form = TemplateForm(request.GET if wants_file else None, initial=initial, user=request.user)
    if wants_file and form.is_valid():
        data = form.cleaned_data
        body = build_template(
            data["jurisdiction"],
            data["indicator_objects"],
            data["periods"],
            user=request.user,
        )
        name = f"{data['jurisdiction'].code}-{data['library'].slug}-template.xlsx"
        response = HttpResponse(body, content_type=XLSX)
        return protect(response, name=name)
    status = 400 if wants_file else 200
    return render(request, "indicators/template_form.html", {"form": form}, status=status)


# Export ---------------------------------------------------------------------------------

FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "sdmx": ("application/vnd.sdmx.data+csv; version=1.0.0; charset=utf-8", "csv"),
    "xlsx": (XLSX, "xlsx"),
}


def _filters(request) -> exports.Filters:
    def period(name):
        raw = request.GET.get(name, "").strip()
        return parse_period(raw) if raw else None

    return exports.Filters(
        library=request.GET.get("library", "").strip()[:80],
        indicator=request.GET.get("indicator", "").strip()[:60],
        jurisdiction=request.GET.get("jurisdiction", "").strip()[:16],
        start=period("from"),
        end=period("to"),
    )


@login_required
@require_safe
def export(request, fmt: str):
    access.require(access.can_view_indicators(request.user))
    if fmt not in FORMATS:
        raise Http404
    try:
        filters = _filters(request)
    except ValueError as error:
        return bad_request(request, str(error))
    content_type, extension = FORMATS[fmt]
    label = "-".join(filter(None, ["indicators", filters.library, filters.jurisdiction]))
    name = f"{slugify(label)}-{timezone.localdate():%Y%m%d}{'-sdmx' if fmt == 'sdmx' else ''}.{extension}"
    if fmt == "xlsx":
        response = HttpResponse(exports.tidy_xlsx(request.user, filters), content_type=content_type)
    else:
        stream = exports.tidy_csv if fmt == "csv" else exports.sdmx_csv
        # Built whole before the response starts: an error is a 500, never a cut-short 200.
        response = FileResponse(stream(request.user, filters), content_type=content_type)
    return protect(response, name=name)
