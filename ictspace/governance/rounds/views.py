"""Review rounds: the list with the opening form, a round's page, closing it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from ictspace import access
from ictspace.forms import add_action_errors
from ictspace.governance.rounds import actions, selectors
from ictspace.governance.rounds.forms import OpenRoundForm
from ictspace.responses import refuse_unless_post


@login_required
@require_http_methods(["GET", "POST"])
def round_list(request):
    access.require(access.can_view_governance(request.user))
    can_manage = access.can_manage_rounds(request.user)
    posted = request.method == "POST"
    access.require(can_manage or not posted)
    form = OpenRoundForm(request.POST if posted else None) if can_manage else None
    if posted and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "item_refs"}
        try:
            rnd = actions.do_open_round(**data, acting_user=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Round opened."))
            return redirect("governance:round", pk=rnd.pk)
    rounds = access.review_rounds_visible_to(request.user).order_by("-due_on", "-id")
    status = 400 if posted else 200
    return render(
        request,
        "governance/round_list.html",
        {"rounds": rounds, "form": form, "can_manage": can_manage},
        status=status,
    )


@login_required
@require_safe
def round_detail(request, pk: int):
    rnd = selectors.get_round(request.user, pk)
    rows = selectors.round_rows(rnd)
    return render(
        request,
        "governance/round_detail.html",
        {
            "round": rnd,
            "rows": rows,
            "summary": selectors.summary(rows),
            "chart": selectors.round_tile_map(rnd, rows),
            "can_close": access.can_manage_rounds(request.user) and rnd.state == "open",
        },
    )


@login_required
def round_close(request, pk: int):
    rnd = selectors.get_round(request.user, pk)
    answer = refuse_unless_post(request, allowed=access.can_manage_rounds(request.user))
    if answer:
        return answer
    try:
        actions.do_close_round(rnd, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Round closed; its figures are frozen."))
    return redirect("governance:round", pk=rnd.pk)
