"""The risk register's pages: list with heat maps, a risk, recording and editing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from ictspace import access
from ictspace.forms import add_action_errors
from ictspace.governance.models import Mitigation
from ictspace.governance.risks import actions, selectors
from ictspace.governance.risks.forms import MitigationForm, MitigationStatusForm, RiskForm
from ictspace.responses import refuse_unless_post


@login_required
@require_safe
def risk_list(request):
    access.require(access.can_view_governance(request.user))
    risks, order = selectors.risk_list(request.user, request.GET.get("order", ""))
    return render(
        request,
        "governance/risk_list.html",
        {
            "risks": risks,
            "order": order,
            "charts": selectors.heat_maps(request.user),
            "can_add": access.can_add_risk(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def risk_new(request):
    access.require(access.can_add_risk(request.user))
    form = RiskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            risk = actions.do_create_risk(**form.action_fields(), acting_user=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Risk recorded."))
            return redirect("governance:risk", pk=risk.pk)
    return render(request, "governance/risk_form.html", {"form": form, "risk": None})


@login_required
@require_safe
def risk_detail(request, pk: int):
    risk = selectors.get_risk(request.user, pk)
    can_edit = access.can_edit_risk(request.user, risk)
    return render(
        request,
        "governance/risk_detail.html",
        {
            "risk": risk,
            "mitigations": list(risk.mitigations.select_related("owner")),
            "items": list(risk.items.select_related("library")),
            "jurisdictions": list(risk.jurisdictions.all()),
            "history": selectors.history_rows(risk),
            "can_edit": can_edit,
            "form": MitigationForm() if can_edit else None,
            "statuses": Mitigation.Status.choices,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def risk_edit(request, pk: int):
    risk = selectors.get_risk(request.user, pk)
    access.require(access.can_edit_risk(request.user, risk))
    if request.method == "POST":
        form = RiskForm(request.POST)
    else:
        form = RiskForm(initial=RiskForm.initial_for(risk))
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_update_risk(risk, **form.action_fields(), acting_user=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Risk updated."))
            return redirect("governance:risk", pk=risk.pk)
    return render(request, "governance/risk_form.html", {"form": form, "risk": risk})


@login_required
def mitigation_add(request, pk: int):
    risk = selectors.get_risk(request.user, pk)
    answer = refuse_unless_post(request, allowed=access.can_edit_risk(request.user, risk))
    if answer:
        return answer
    form = MitigationForm(request.POST)
    if form.is_valid():
        try:
            actions.do_add_mitigation(risk, **form.cleaned_data, acting_user=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Mitigation added."))
            return redirect("governance:risk", pk=risk.pk)
    return render(
        request,
        "governance/mitigation_form.html",
        {"risk": risk, "form": form},
        status=400,
    )


@login_required
def mitigation_status(request, pk: int):
    visible = Mitigation.objects.filter(risk__in=access.risks_visible_to(request.user))
    mitigation = get_object_or_404(visible.select_related("risk"), pk=pk)
    allowed = access.can_edit_risk(request.user, mitigation.risk)
    answer = refuse_unless_post(request, allowed=allowed)
    if answer:
        return answer
    form = MitigationStatusForm(request.POST)
    if form.is_valid():
        actions.do_set_mitigation_status(
            mitigation, status=form.cleaned_data["status"], acting_user=request.user
        )
        messages.success(request, _("Mitigation status saved."))
    else:
        messages.error(request, _("Choose a status from the list."))
    return redirect("governance:risk", pk=mitigation.risk_id)
