"""Nominations: the list with the form to nominate, and the Secretariat's decision."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ictspace import access
from ictspace.directory.models import Jurisdiction
from ictspace.forms import add_action_errors
from ictspace.governance.nominations import actions
from ictspace.governance.nominations.forms import DecisionForm, NominationForm
from ictspace.responses import refuse_unless_post


def _states(user):
    """The member states the user may enter nominations for."""
    states = Jurisdiction.objects.filter(kind=Jurisdiction.Kind.STATE).order_by("name")
    if access.can_decide_nominations(user):
        return states
    return states.filter(pk__in=access.own_jurisdiction_ids(user))


def _page(request, form, status=200):
    visible = access.nominations_visible_to(request.user).select_related(
        "jurisdiction", "decided_by"
    )
    return render(
        request,
        "governance/nominations.html",
        {
            "nominations": visible.order_by("-entered_at")[:200],
            "form": form,
            "decide": access.can_decide_nominations(request.user),
            "decision_form": DecisionForm(),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def nomination_list(request):
    states = _states(request.user)
    access.require(states.exists())
    form = NominationForm(request.POST or None, states=states)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_nominate(**form.cleaned_data, acting_user=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Nomination entered; the Secretariat decides on it."))
            return redirect("governance:nominations")
    return _page(request, form, status=400 if request.method == "POST" else 200)


@login_required
def nomination_decide(request, pk: int):
    nomination = get_object_or_404(access.nominations_visible_to(request.user), pk=pk)
    answer = refuse_unless_post(request, allowed=access.can_decide_nominations(request.user))
    if answer:
        return answer
    form = DecisionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose to confirm or to decline."))
        data = form.cleaned_data
        if data["decision"] == "confirm":
            actions.do_confirm_nomination(nomination, start=data["start"], acting_user=request.user)
            messages.success(request, _("Nomination confirmed: the seat and the role are granted."))
        else:
            actions.do_decline_nomination(
                nomination, reason=data["reason"], acting_user=request.user
            )
            messages.success(request, _("Nomination declined."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("governance:nominations")
