"""Indicator pages: the list with progress, one indicator across the region, one series."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_safe

from ictspace import access
from ictspace.catalogue.models import Indicator
from ictspace.forms import add_action_errors
from ictspace.indicators import actions, selectors, visuals
from ictspace.indicators.forms import ObservationForm, TargetForm
from ictspace.indicators.models import Observation
from ictspace.indicators.periods import parse_period
from ictspace.indicators.rollup import region_summary
from ictspace.indicators.values import Spec, format_value
from ictspace.responses import refuse_unless_post
from ictspace.review import selectors as review_selectors
from ictspace.review.confirm import (
    Confirmation,
    DecisionWording,
    asks_confirmation,
    confirm_decision,
    confirmation_page,
    posted_again,
)
from ictspace.review.previous import previous_value
from ictspace.review.views import card_context, continues, queue_page, run_decision

PAGE_SIZE = 50
DEFAULT_LIBRARY = "ict-core-indicators"


def _library(request):
    visible = selectors.libraries_with_indicators(access.libraries_visible_to(request.user))
    slug = request.GET.get("library") or DEFAULT_LIBRARY
    library = visible.filter(slug=slug).first() or visible.first()
    access.require(library is not None)
    return library, visible


def _default_jurisdiction(request, jurisdictions):
    own = access.own_jurisdiction_ids(request.user)
    wanted = request.GET.get("jurisdiction", "")
    by_code = {j.code: j for j in jurisdictions}
    if wanted:
        access.require(wanted in by_code)
        return by_code[wanted]
    mine = [j for j in jurisdictions if j.pk in own]
    if mine:
        return mine[0]
    return next((j for j in jurisdictions if j.kind == "region"), jurisdictions[0])


@login_required
@require_safe
def indicator_list(request):
    access.require(access.can_view_indicators(request.user))
    library, libraries = _library(request)
    jurisdictions = list(access.jurisdictions_visible_to(request.user))
    jurisdiction = _default_jurisdiction(request, jurisdictions)
    indicators = selectors.indicators_of(library)
    query = request.GET.get("q", "").strip()[:100]
    if query:
        indicators = indicators.filter(name__icontains=query) | indicators.filter(
            code__icontains=query
        )
    rows = selectors.standings(indicators, [jurisdiction])
    return render(
        request,
        "indicators/indicator_list.html",
        {
            "library": library,
            "libraries": libraries,
            "jurisdiction": jurisdiction,
            "jurisdictions": jurisdictions,
            "rows": rows,
            "q": query,
            "can_submit": access.can_submit_observations(request.user, jurisdiction),
        },
    )


def _indicator(request, slug: str, code: str) -> Indicator:
    access.require(access.can_view_indicators(request.user))
    library = access.get_library(request.user, slug)
    return get_object_or_404(
        Indicator.objects.select_related("library", "item"), library=library, code=code
    )


@login_required
@require_safe
def indicator_detail(request, slug: str, code: str):
    indicator = _indicator(request, slug, code)
    jurisdictions = list(access.jurisdictions_visible_to(request.user))
    periods = selectors.periods_with_data(indicator, jurisdictions)
    period = request.GET.get("period") or (periods[-1] if periods else "")
    if period and period not in periods:
        messages.warning(
            request, _("No validated value for %(p)s; showing the latest.") % {"p": period[:10]}
        )
        period = periods[-1] if periods else ""
    # The tiles, bars and summary read each state's value in `period` and its progress only.
    rows = selectors.standings([indicator], jurisdictions, period=period)
    colour = "progress" if request.GET.get("colour") == "progress" else "value"
    spec = Spec.of(indicator)
    return render(
        request,
        "indicators/indicator_detail.html",
        {
            "indicator": indicator,
            "library": indicator.library,
            "spec": spec,
            "rows": rows,
            "periods": periods,
            "period": period,
            "colour": colour,
            "comparison": visuals.comparison_chart(indicator, spec, rows, period),
            "tiles": visuals.tile_chart(indicator, spec, rows, period, colour=colour),
            "summary": _summary(indicator, spec, rows, period),
            "export_query": _export_query(indicator),
        },
    )


def _export_query(indicator, jurisdiction=None) -> str:
    """The export's filters for this page's data: one indicator, one jurisdiction or all."""
    query = {"library": indicator.library.slug, "indicator": indicator.code}
    if jurisdiction is not None:
        query["jurisdiction"] = jurisdiction.code
    return urlencode(query)


def _summary(indicator, spec, rows, period) -> dict:
    summary = region_summary(indicator, spec, rows, period)
    shown = {k: format_value(spec, getattr(summary, k), "") for k in ("median", "low", "high")}
    return {"s": summary, **(shown if summary.median is not None else {})}


@login_required
@require_safe
def series(request, slug: str, code: str, jcode: str):
    indicator = _indicator(request, slug, code)
    jurisdiction = access.get_jurisdiction(request.user, jcode)
    spec = Spec.of(indicator)
    breakdown = request.GET.get("breakdown", "")[:80]
    status = selectors.statuses([indicator], [jurisdiction])[0]
    if breakdown:
        values = selectors.validated_series(
            Q(indicator=indicator, jurisdiction=jurisdiction), disaggregation=breakdown
        ).get((indicator.pk, jurisdiction.pk), [])
    else:
        values = status.values
    observations = selectors.series_observations(request.user, indicator, jurisdiction)
    breakdowns = selectors.breakdowns_in(observations)
    page = Paginator(observations, PAGE_SIZE).get_page(request.GET.get("page"))
    for observation in page:
        observation.shown = format_value(spec, observation.value_number, observation.value_text)
    return render(
        request,
        "indicators/series.html",
        {
            "indicator": indicator,
            "library": indicator.library,
            "jurisdiction": jurisdiction,
            "spec": spec,
            "status": status,
            "breakdown": breakdown,
            "breakdowns": breakdowns,
            "chart": visuals.series_chart(indicator, spec, values, status.goals, breakdown),
            "page": page,
            "can_submit": access.can_submit_observations(request.user, jurisdiction),
            "can_set_targets": access.can_set_targets(request.user, jurisdiction),
            "export_query": _export_query(indicator, jurisdiction),
        },
    )


@login_required
def observation_new(request, slug: str, code: str, jcode: str):
    indicator = _indicator(request, slug, code)
    jurisdiction = access.get_jurisdiction(request.user, jcode)
    access.require(access.can_submit_observations(request.user, jurisdiction))
    form = ObservationForm(request.POST or None, spec=Spec.of(indicator))
    if request.method == "POST" and form.is_valid():
        if asks_confirmation(request):
            return confirmation_page(request, _value_confirmation(request, indicator, jurisdiction))
        try:
            observation = actions.do_submit_observation(
                jurisdiction=jurisdiction,
                indicator=indicator,
                acting_user=request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            if observation.outlier:
                messages.warning(
                    request,
                    _(
                        "Submitted. The value is far from this jurisdiction's earlier values;"
                        " the reviewer will see a flag. Add a note if it is right."
                    ),
                )
            else:
                messages.success(request, _("Submitted for validation."))
            return redirect("indicators:series", slug=slug, code=code, jcode=jcode)
    return render(
        request,
        "indicators/observation_form.html",
        {
            "form": form,
            "indicator": indicator,
            "jurisdiction": jurisdiction,
            "library": indicator.library,
        },
        status=400 if form.errors else 200,
    )


def _value_confirmation(request, indicator, jurisdiction) -> Confirmation:
    return Confirmation(
        title=_("Submit this value for validation?"),
        consequence=_(
            "The RCC chair or the Secretariat will review it; it counts once validated."
            " You cannot change it afterwards: a correction is a new value."
        ),
        button=_("Submit for validation"),
        back_url=reverse(
            "indicators:series", args=[indicator.library.slug, indicator.code, jurisdiction.code]
        ),
        facts=[
            (_("Jurisdiction"), jurisdiction.name),
            (_("Indicator"), indicator.name),
            (_("Period"), request.POST.get("period", "")),
            (_("Value"), request.POST.get("value", "")),
        ],
        fields=posted_again(request),
    )


@login_required
def target_set(request, slug: str, code: str, jcode: str):
    indicator = _indicator(request, slug, code)
    jurisdiction = access.get_jurisdiction(request.user, jcode)
    access.require(access.can_set_targets(request.user, jurisdiction))
    form = TargetForm(request.POST or None, spec=Spec.of(indicator))
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_set_target(
                jurisdiction=jurisdiction,
                indicator=indicator,
                acting_user=request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("indicators:series", slug=slug, code=code, jcode=jcode)
    return render(
        request,
        "indicators/target_form.html",
        {
            "form": form,
            "indicator": indicator,
            "jurisdiction": jurisdiction,
            "library": indicator.library,
            "goals": selectors.goals_for(indicator, jurisdiction),
        },
        status=400 if form.errors else 200,
    )


def _observation(request, pk: int) -> Observation:
    return get_object_or_404(
        access.observations_visible_to(request.user).select_related(
            "indicator__library", "jurisdiction", "author", "reviewed_by", "import_job"
        ),
        pk=pk,
    )


@login_required
@require_safe
def observation_detail(request, pk: int):
    observation = _observation(request, pk)
    spec = Spec.of(observation.indicator)
    can_review = access.can_review(request.user, observation)
    # The reviewer weighs a flagged value against its series' validated history.
    history = (
        selectors.history(
            observation.jurisdiction,
            observation.indicator,
            observation.disaggregation,
            excluding_period=observation.period,
        )
        if can_review and observation.outlier
        else []
    )
    return render(
        request,
        "indicators/observation_detail.html",
        {
            "observation": observation,
            "indicator": observation.indicator,
            "library": observation.indicator.library,
            "shown": format_value(spec, observation.value_number, observation.value_text),
            "period": parse_period(observation.period),
            "history": history,
            "can_review": can_review,
            **card_context(
                "indicators:observation_review",
                observation.pk,
                shows_previous=can_review,
                review_previous=previous_value(observation) if can_review else None,
            ),
        },
    )


VALUE_WORDING = DecisionWording(
    noun=_lazy("indicator value"),
    on_validate=_lazy(
        "The value counts from now on: charts, progress towards targets, exports and"
        " releases use it. It cannot be undone; a correction is a new value."
    ),
    on_return=_lazy(
        "It goes back to its author with your reason and does not count until it is"
        " submitted again and validated."
    ),
)
UPLOAD_WORDING = DecisionWording(
    noun=_lazy("upload"),
    on_validate=_lazy(
        "Every value of this upload still waiting is validated at once and counts from"
        " now on (values you added yourself wait for another reviewer). It cannot be undone."
    ),
    on_return=_lazy(
        "Every value of this upload still waiting goes back to the uploader with your"
        " reason; none of them counts until submitted again and validated."
    ),
)


def _value_facts(observation) -> list:
    spec = Spec.of(observation.indicator)
    return [
        (_("Jurisdiction"), observation.jurisdiction.name),
        (_("Indicator"), observation.indicator.name),
        (_("Period"), observation.period),
        (_("Value"), format_value(spec, observation.value_number, observation.value_text)),
    ]


@login_required
def observation_review(request, pk: int):
    observation = _observation(request, pk)
    refused = refuse_unless_post(request, allowed=access.can_review(request.user, observation))
    if refused:
        return refused
    if asks_confirmation(request):
        back = reverse("indicators:observation", args=[pk])
        facts = _value_facts(observation)
        return confirm_decision(request, VALUE_WORDING, back_url=back, facts=facts)
    decision = run_decision(request, actions.do_review_observation, observation)
    if decision == "validate":
        messages.success(request, _("Validated: it now counts."))
    elif decision == "return":
        messages.success(request, _("Returned to the author with your reason."))
    return redirect("indicators:observation", pk=pk)


@login_required
def import_review(request, pk: int):
    job = get_object_or_404(access.import_jobs_visible_to(request.user), pk=pk)
    refused = refuse_unless_post(request, allowed=access.can_review(request.user, job))
    if refused:
        return refused
    if asks_confirmation(request):
        facts = [
            (_("File"), job.original_name),
            (_("Jurisdiction"), job.jurisdiction.name),
            (_("Values waiting"), job.observations.filter(review_state="submitted").count()),
        ]
        back = reverse("indicators:import", args=[pk])
        return confirm_decision(request, UPLOAD_WORDING, back_url=back, facts=facts)
    decision = run_decision(request, actions.do_review_import, job)
    if decision == "validate":
        messages.success(request, _("Validated: the upload's values now count."))
    elif decision == "return":
        messages.success(request, _("Returned to the uploader with your reason."))
    return redirect("indicators:review_queue")


@login_required
@require_safe
def review_queue(request):
    access.require(access.can_review_any(request.user))
    queue = review_selectors.review_queue(request.user)
    return render(
        request,
        "indicators/review_queue.html",
        {
            "batches": list(queue.uploads[:100]),
            "page": queue_page(request, queue.waiting_values, size=PAGE_SIZE),
            "cursor": continues(request),
            "counts": queue.counts(),
            "cap": review_selectors.CAP,
        },
    )
