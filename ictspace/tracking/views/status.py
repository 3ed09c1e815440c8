"""Tracking pages: matrix, dashboards, histories, the draft → review cycle."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ictspace import access
from ictspace.catalogue import scope as scopes
from ictspace.catalogue.models import Item
from ictspace.files.serving import protect
from ictspace.governance.meetings.selectors import remediation_plans
from ictspace.tracking import exports, selectors
from ictspace.tracking.dates import parse_as_of, parse_date_param

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
    return protect(response, name=f"{name}.{fmt}")


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
@require_safe
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
            # One card per item reads better on a phone than a wide table.
            "cards": request.GET.get("view") == "cards",
        },
    )


@login_required
@require_safe
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
        _("The region's column, for an item each state reports: how the states stand."),
    ]
    body = exports.as_xlsx(header, rows, title=_("Matrix"), notes=notes)
    return _download(body, fmt, name)


# A jurisdiction's dashboard and gaps -------------------------------------------------


# The page lists the most recent changes of the period; an earlier "as of" shows older ones.
CHANGES_SHOWN = 50


def _dashboard_objects(request, code: str, slug: str):
    jurisdiction = access.get_jurisdiction(request.user, code)
    library = access.get_library(request.user, slug)
    return jurisdiction, library


@login_required
@require_safe
def dashboard(request, code: str, slug: str):
    chosen = request.GET.get("library", "")
    if chosen and chosen != slug:  # the library picker of the form
        # Only to a library the user sees: anything else (e.g. "../../x") is a 404.
        chosen_library = access.get_library(request.user, chosen)
        query = request.GET.copy()
        del query["library"]
        target = reverse("tracking:dashboard", kwargs={"code": code, "slug": chosen_library.slug})
        return redirect(f"{target}?{query.urlencode()}")
    jurisdiction, library = _dashboard_objects(request, code, slug)
    as_of = _as_of(request)
    since, error = parse_date_param(request.GET.get("since", ""), name=_("the “since” date"))
    if error:
        messages.warning(request, error)
    rows = selectors.jurisdiction_rows(jurisdiction, library, as_of)
    changes = (
        selectors.changes_between(jurisdiction, library, since, as_of, limit=CHANGES_SHOWN + 1)
        if since
        else None
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
            "gaps": with_plans([r for r in rows if r.is_gap], jurisdiction, library),
            "changes": changes[:CHANGES_SHOWN] if changes is not None else None,
            "more_changes": changes is not None and len(changes) > CHANGES_SHOWN,
            "changes_shown": CHANGES_SHOWN,
            "pending": selectors.work_in_progress(request.user, jurisdiction, library),
            "libraries": access.libraries_visible_to(request.user).order_by("title"),
        },
    )


def with_plans(gaps, jurisdiction, library):
    """Each gap with its remediation plan (an action item attached to it), if any."""
    plans = remediation_plans(jurisdiction, library)
    for row in gaps:
        row.plan = plans.get(row.item.pk)
    return gaps


@login_required
@require_safe
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


def get_item(request, slug: str, ref: str) -> Item:
    library = access.get_library(request.user, slug)
    return get_object_or_404(Item.objects.select_related("library"), library=library, ref=ref)


@login_required
@require_safe
def item_status(request, slug: str, ref: str):
    item = get_item(request, slug, ref)
    as_of = _as_of(request)
    jurisdictions = list(access.jurisdictions_visible_to(request.user))
    # This item's cells only: the page's cost follows its own stream, not the library's.
    cells = selectors.current_statuses(
        as_of, jurisdiction_ids=[j.pk for j in jurisdictions], item_ids=[item.pk]
    )
    rows = []
    for j in jurisdictions:
        cell = cells.get((j.pk, item.pk))
        if cell or scopes.concerns(item, j) or selectors.rolls_up(item, j):
            status = cell.status if cell else None
            rows.append(
                {
                    "jurisdiction": j,
                    "cell": cell,
                    "bucket": selectors.bucket(item.library, item, status),
                    "label": selectors.status_label(item.library, item, status),
                    "rollup": (
                        selectors.rollup(item, cells, jurisdictions)
                        if selectors.rolls_up(item, j) and not cell
                        else None
                    ),
                }
            )
    timeline = (
        selectors.updates_visible_to(request.user)
        .filter(item=item)
        .order_by("-effective_date", "-id")
    )
    page = Paginator(timeline, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "tracking/item_status.html",
        {"item": item, "library": item.library, "as_of": as_of, "rows": rows, "page": page},
    )


@login_required
@require_safe
def history(request, code: str, slug: str, ref: str):
    jurisdiction = access.get_jurisdiction(request.user, code)
    item = get_item(request, slug, ref)
    as_of = _as_of(request)
    cell = selectors.current_statuses(
        as_of, jurisdiction_ids=[jurisdiction.pk], item_ids=[item.pk]
    ).get((jurisdiction.pk, item.pk))
    status = cell.status if cell else None
    updates = (
        selectors.updates_visible_to(request.user)
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
            "can_draft": access.can_record_status(request.user, jurisdiction, item),
            "scope_note": (
                scopes.refusal(item, jurisdiction)
                if item.assessable and not scopes.concerns(item, jurisdiction)
                else ""
            ),
        },
    )
