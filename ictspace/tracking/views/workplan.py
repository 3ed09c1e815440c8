"""The work-plan progress page: items, due dates, overdue flags and the timeline."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ictspace import access
from ictspace.charts import gantt
from ictspace.directory.models import Jurisdiction
from ictspace.tracking import workplan as plan
from ictspace.tracking.dates import parse_as_of


@login_required
@require_safe
def workplan(request, slug: str):
    library = access.get_library(request.user, slug)
    as_of, as_of_error = parse_as_of(request)
    if as_of_error:
        messages.error(request, as_of_error)
    jurisdictions = list(access.jurisdictions_visible_to(request.user))
    jurisdiction = _chosen_jurisdiction(request, library, jurisdictions)
    rows = plan.work_plan(library, jurisdiction=jurisdiction, as_of=as_of, count_states=False)
    component = request.GET.get("component", "")
    overdue_only = request.GET.get("overdue") == "1"
    shown = plan.filter_rows(rows, component=component, overdue_only=overdue_only)
    plan.add_state_counts(library, shown, as_of=as_of)  # for the rows on screen only
    chart = plan.timeline(library, shown, as_of=as_of)
    context = {
        "library": library,
        "as_of": as_of,
        "jurisdiction": jurisdiction,
        "jurisdictions": jurisdictions,
        "components": plan.components(rows),
        "component": component,
        "overdue_only": overdue_only,
        "rows": shown,
        "overdue_count": sum(row.overdue for row in shown),
        "has_due_dates": any(row.item.due_by for row in rows),
        "chart": chart,
        "svg": "" if chart.empty else gantt.render_svg(chart),
        "total_budget": plan.total_budget_text(library),
    }
    return render(request, "tracking/workplan.html", context)


def _chosen_jurisdiction(request, library, jurisdictions: list[Jurisdiction]) -> Jurisdiction:
    """`?jurisdiction=<code>`; by default the library's own state, else the region."""
    by_code = {j.code: j for j in jurisdictions}
    code = request.GET.get("jurisdiction", "")
    if code:
        if code not in by_code:
            raise Http404
        return by_code[code]
    own = library.header.get("attributes", {}).get("jurisdiction")
    if own in by_code:
        return by_code[own]
    region = next((j for j in jurisdictions if j.kind == Jurisdiction.Kind.REGION), None)
    if region is None:
        raise Http404
    return region
