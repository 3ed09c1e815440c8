"""Tracking pages: matrix, dashboards, histories, the draft → review cycle."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ictspace import access
from ictspace.catalogue.models import Item
from ictspace.tracking import actions, exports, selectors
from ictspace.tracking.dates import parse_as_of, parse_date_param
from ictspace.tracking.forms import DraftEditForm, ReturnForm, StatusUpdateForm
from ictspace.tracking.models import ReviewState

PAGE_SIZE = 50
DEFAULT_LIBRARY = "single-ict-space-iwp-2017"
SPREADSHEETS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _as_of(request):
    as_of, error = parse_as_of(request)
    if error:
        messages.warning(request, error)
    return as_of


def _download(body: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=SPREADSHEETS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _updates(user):
    return access.status_updates_visible_to(user).select_related(
        "jurisdiction", "item__library", "author", "reviewed_by"
    )


# The regional matrix -----------------------------------------------------------------


def _matrix_for(request):
    library = access.get_library(request.user, request.GET.get("library") or DEFAULT_LIBRARY)
    as_of = _as_of(request)
    component = request.GET.get("component", "")[:80]
    kind = request.GET.get("kind", "")[:40]
    m = selectors.matrix(
        library,
        as_of,
        jurisdictions=access.jurisdictions_visible_to(request.user),
        component=component,
        kind=kind,
    )
    return m, as_of, component, kind


@login_required
def matrix(request):
    m, as_of, component, kind = _matrix_for(request)
    return render(
        request,
        "tracking/matrix.html",
        {
            "m": m,
            "as_of": as_of,
            "component": component,
            "kind": kind,
            "libraries": access.libraries_visible_to(request.user).order_by("title"),
            "components": m.index.components(),
            "kinds": m.index.kinds(),
            "query": request.GET.urlencode(),
        },
    )


@login_required
def matrix_export(request, fmt: str):
    access.require(fmt in SPREADSHEETS)
    m, as_of, *_filters = _matrix_for(request)
    header, rows = exports.matrix_table(m)
    name = f"matrix-{m.library.slug}-{as_of.isoformat()}"
    if fmt == "csv":
        return _download(exports.as_csv(header, rows), fmt, name)
    notes = [
        m.library.title,
        _("Validated statuses as of %(d)s.") % {"d": as_of.isoformat()},
        _("“no data”: the item concerns the jurisdiction but no status is validated."),
        _("Empty: the item does not concern the jurisdiction."),
    ]
    body = exports.as_xlsx(header, rows, title=_("Matrix"), notes=notes)
    return _download(body, fmt, name)


# A jurisdiction's dashboard and gaps -------------------------------------------------


def _dashboard_objects(request, code: str, slug: str):
    jurisdiction = access.get_jurisdiction(request.user, code)
    library = access.get_library(request.user, slug)
    return jurisdiction, library


@login_required
def dashboard(request, code: str, slug: str):
    chosen = request.GET.get("library", "")
    if chosen and chosen != slug:  # the library picker of the form
        query = request.GET.copy()
        del query["library"]
        target = reverse("tracking:dashboard", kwargs={"code": code, "slug": chosen})
        return redirect(f"{target}?{query.urlencode()}")
    jurisdiction, library = _dashboard_objects(request, code, slug)
    as_of = _as_of(request)
    since, error = parse_date_param(request.GET.get("since", ""), name=_("the “since” date"))
    if error:
        messages.warning(request, error)
    rows = selectors.jurisdiction_rows(jurisdiction, library, as_of)
    pending = _updates(request.user).filter(
        jurisdiction=jurisdiction,
        item__library=library,
        review_state__in=[ReviewState.DRAFT, ReviewState.SUBMITTED, ReviewState.RETURNED],
    )
    return render(
        request,
        "tracking/dashboard.html",
        {
            "jurisdiction": jurisdiction,
            "library": library,
            "as_of": as_of,
            "since": since,
            "counts": selectors.bucket_counts(rows),
            "total": len(rows),
            "gaps": [r for r in rows if r.is_gap],
            "changes": (
                selectors.changes_between(jurisdiction, library, since, as_of)[:200]
                if since
                else None
            ),
            "pending": pending.order_by("-created_at")[:50],
            "libraries": access.libraries_visible_to(request.user).order_by("title"),
        },
    )


@login_required
def gaps_export(request, code: str, slug: str, fmt: str):
    access.require(fmt in SPREADSHEETS)
    jurisdiction, library = _dashboard_objects(request, code, slug)
    as_of = _as_of(request)
    header, rows = exports.gaps_table(selectors.gaps(jurisdiction, library, as_of))
    name = f"gaps-{jurisdiction.code}-{library.slug}-{as_of.isoformat()}"
    if fmt == "csv":
        return _download(exports.as_csv(header, rows), fmt, name)
    notes = [
        f"{jurisdiction.name} — {library.title}",
        _("Gap analysis as of %(d)s: every item below its required status.") % {"d": as_of},
    ]
    body = exports.as_xlsx(header, rows, title=_("Gaps"), notes=notes)
    return _download(body, fmt, name)


# An item across jurisdictions; one pair's history ----------------------------------


def _item(request, slug: str, ref: str) -> Item:
    library = access.get_library(request.user, slug)
    return get_object_or_404(Item.objects.select_related("library"), library=library, ref=ref)


@login_required
def item_status(request, slug: str, ref: str):
    item = _item(request, slug, ref)
    as_of = _as_of(request)
    jurisdictions = list(access.jurisdictions_visible_to(request.user))
    tracked = selectors.LibraryIndex(item.library, jurisdictions)
    cells = selectors.current_statuses(
        as_of, jurisdiction_ids=[j.pk for j in jurisdictions], library=item.library
    )
    rows = []
    for j in jurisdictions:
        cell = cells.get((j.pk, item.pk))
        if cell or tracked.applies(item.pk, j.pk):
            status = cell.status if cell else None
            rows.append(
                {
                    "jurisdiction": j,
                    "cell": cell,
                    "bucket": selectors.bucket(item.library, item, status),
                    "label": selectors.status_label(item.library, item, status),
                }
            )
    timeline = _updates(request.user).filter(item=item).order_by("-effective_date", "-id")
    page = Paginator(timeline, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "tracking/item_status.html",
        {"item": item, "library": item.library, "as_of": as_of, "rows": rows, "page": page},
    )


@login_required
def history(request, code: str, slug: str, ref: str):
    jurisdiction = access.get_jurisdiction(request.user, code)
    item = _item(request, slug, ref)
    as_of = _as_of(request)
    cell = selectors.current_statuses(
        as_of, jurisdiction_ids=[jurisdiction.pk], library=item.library
    ).get((jurisdiction.pk, item.pk))
    status = cell.status if cell else None
    updates = (
        _updates(request.user)
        .filter(jurisdiction=jurisdiction, item=item)
        .order_by("-effective_date", "-id")
    )
    page = Paginator(updates, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "tracking/history.html",
        {
            "jurisdiction": jurisdiction,
            "item": item,
            "library": item.library,
            "as_of": as_of,
            "cell": cell,
            "bucket": selectors.bucket(item.library, item, status),
            "label": selectors.status_label(item.library, item, status),
            "page": page,
            "can_draft": _can_draft(request.user, jurisdiction, item),
        },
    )


def _can_draft(user, jurisdiction, item) -> bool:
    return (
        item.assessable and not item.retired and access.can_draft_status(user, jurisdiction, item)
    )


# Drafting and review -------------------------------------------------------------------


@login_required
def update_new(request, code: str, slug: str, ref: str):
    jurisdiction = access.get_jurisdiction(request.user, code)
    item = _item(request, slug, ref)
    access.require(access.can_draft_status(request.user, jurisdiction, item))
    if item.retired or not item.assessable:
        messages.error(request, _closed_reason(item))
        return redirect("tracking:history", code=code, slug=slug, ref=ref)
    form = StatusUpdateForm(request.POST or None, item=item)
    if request.method == "POST" and form.is_valid():
        try:
            update = actions.do_draft_status_update(
                jurisdiction=jurisdiction, item=item, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("Draft saved. Add evidence, then submit it for validation.")
            )
            return redirect("tracking:update", pk=update.pk)
    return render(
        request,
        "tracking/update_form.html",
        {"form": form, "jurisdiction": jurisdiction, "item": item, "library": item.library},
        status=400 if form.errors else 200,
    )


def _closed_reason(item: Item) -> str:
    if item.retired:
        return _(
            "Item %(ref)s was retired in version %(v)s of its library; it takes no updates."
        ) % {
            "ref": item.ref,
            "v": item.retired_in_version,
        }
    return _("Item %(ref)s is not tracked: it takes no status.") % {"ref": item.ref}


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _visible_update(request, pk: int):
    return get_object_or_404(_updates(request.user), pk=pk)


@login_required
def update_detail(request, pk: int):
    update = _visible_update(request, pk)
    user = request.user
    can_add = access.can_edit_draft(user, update)
    return render(
        request,
        "tracking/update_detail.html",
        {
            "update": update,
            "item": update.item,
            "library": update.item.library,
            "label": selectors.status_label(update.item.library, update.item, update.status),
            "evidence_list": list(update.evidence.select_related("added_by")),
            "can_add_evidence": can_add,
            "can_edit": can_add,
            "can_submit": update.review_state == ReviewState.DRAFT
            and access.can_draft_status(user, update.jurisdiction, update.item),
            "can_review": update.review_state == ReviewState.SUBMITTED
            and access.can_review_status(user, update),
            "return_form": ReturnForm(),
        },
    )


@login_required
def update_edit(request, pk: int):
    update = _visible_update(request, pk)
    access.require(access.can_edit_draft(request.user, update))
    fields = ("status", "effective_date", "percent_complete", "narrative", "source_citation")
    initial = {f: getattr(update, f) for f in fields} | {"version": update.version}
    form = DraftEditForm(request.POST or None, item=update.item, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            actions.do_edit_draft(
                update, expected_version=version, acting_user=request.user, **data
            )
        except actions.StaleDraft as stale:
            conflict = {"mine": data, "theirs": stale.current}
            # Keep what this person typed; saving again replaces the stored version.
            typed = request.POST.copy()
            typed["version"] = stale.current.version
            form = DraftEditForm(typed, item=update.item)
            form.is_valid()
            form.add_error(None, str(stale))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Draft saved."))
            return redirect("tracking:update", pk=update.pk)
    return render(
        request,
        "tracking/update_form.html",
        {
            "form": form,
            "update": update,
            "jurisdiction": update.jurisdiction,
            "item": update.item,
            "library": update.item.library,
            "conflict": conflict,
        },
        status=409 if conflict else (400 if form.errors else 200),
    )


def _post_only(request, allowed: bool):
    access.require(allowed)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


@login_required
def update_submit(request, pk: int):
    update = _visible_update(request, pk)
    allowed = update.review_state == ReviewState.DRAFT and access.can_draft_status(
        request.user, update.jurisdiction, update.item
    )
    refused = _post_only(request, allowed)
    if refused:
        return refused
    try:
        actions.do_submit_status_update(update, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Submitted for validation by the RCC chair or the Secretariat.")
        )
    return redirect("tracking:update", pk=update.pk)


@login_required
def update_review(request, pk: int):
    update = _visible_update(request, pk)
    allowed = update.review_state == ReviewState.SUBMITTED and access.can_review_status(
        request.user, update
    )
    refused = _post_only(request, allowed)
    if refused:
        return refused
    decision = request.POST.get("decision")
    try:
        if decision == "validate":
            actions.do_validate_status_update(update, acting_user=request.user)
            messages.success(request, _("Validated: it now counts from its effective date."))
        elif decision == "return":
            form = ReturnForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Say why the update is returned."))
                return redirect("tracking:update", pk=update.pk)
            actions.do_return_status_update(
                update, reason=form.cleaned_data["reason"], acting_user=request.user
            )
            messages.success(request, _("Returned to its author with your reason."))
        else:
            raise Http404
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    return redirect("tracking:update", pk=update.pk)


# Work lists ----------------------------------------------------------------------------


@login_required
def review_queue(request):
    access.require(access.can_review_any(request.user))
    queue = (
        _updates(request.user)
        .filter(review_state=ReviewState.SUBMITTED)
        .exclude(author=request.user)
        .order_by("submitted_at", "id")
    )
    library = request.GET.get("library", "")
    if library:
        queue = queue.filter(item__library__slug=library)
    page = Paginator(queue, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "tracking/review_queue.html",
        {
            "page": page,
            "library": library,
            "libraries": access.libraries_visible_to(request.user).order_by("title"),
            "query": f"library={library}" if library else "",
        },
    )


@login_required
def my_drafts(request):
    access.require(access.can_draft_any(request.user))
    mine = (
        _updates(request.user)
        .filter(author=request.user)
        .exclude(review_state=ReviewState.VALIDATED)
        .order_by("review_state", "-created_at")
    )
    page = Paginator(mine, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "tracking/my_drafts.html", {"page": page})
