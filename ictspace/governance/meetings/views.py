"""Meetings, their minutes, decisions and action items; "My action items"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from ictspace import access
from ictspace.files import kinds, names, serving
from ictspace.files.uploads import refuse_if_too_large
from ictspace.forms import add_action_errors
from ictspace.governance.meetings import actions, selectors
from ictspace.governance.meetings.forms import (
    ActionItemForm,
    ActionStatusForm,
    DecisionForm,
    MeetingForm,
    MinutesForm,
)
from ictspace.governance.models import ActionItem
from ictspace.responses import refuse_unless_post


@login_required
@require_safe
def meeting_list(request):
    access.require(access.can_view_governance(request.user))
    meetings = access.meetings_visible_to(request.user).select_related("body").order_by("-date")
    return render(
        request,
        "governance/meeting_list.html",
        {"meetings": meetings[:200], "can_manage": access.can_manage_meetings(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_new(request):
    access.require(access.can_manage_meetings(request.user))
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = actions.do_record_meeting(**form.cleaned_data, acting_user=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Meeting recorded."))
            return redirect("governance:meeting", pk=meeting.pk)
    return render(request, "governance/meeting_form.html", {"form": form})


def _meeting_page(request, meeting, *, status=200, **forms):
    manage = access.can_manage_meetings(request.user)
    context = {
        "meeting": meeting,
        "participants": list(meeting.participants.all()),
        "decisions": list(meeting.decisions.all()),
        "action_items": selectors.meeting_action_items(meeting),
        "can_manage": manage,
        "statuses": ActionItem.Status.choices,
    }
    if manage:
        context["minutes_form"] = forms.get("minutes_form") or MinutesForm(
            initial={"minutes": meeting.minutes}
        )
        context["decision_form"] = forms.get("decision_form") or DecisionForm()
        context["action_form"] = forms.get("action_form") or ActionItemForm()
    return render(request, "governance/meeting_detail.html", context, status=status)


@login_required
@require_safe
def meeting_detail(request, pk: int):
    return _meeting_page(request, selectors.get_meeting(request.user, pk))


def _posted_meeting(request, pk: int):
    meeting = selectors.get_meeting(request.user, pk)
    return meeting, refuse_unless_post(request, allowed=access.can_manage_meetings(request.user))


@login_required
def minutes_set(request, pk: int):
    meeting, answer = _posted_meeting(request, pk)
    if answer:
        return answer
    form = MinutesForm(request.POST, request.FILES)
    if not refuse_if_too_large(request, form) and form.is_valid():
        try:
            actions.do_set_minutes(
                meeting,
                minutes=form.cleaned_data["minutes"],
                uploaded_file=form.cleaned_data["file"],
                acting_user=request.user,
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Minutes saved."))
            return redirect("governance:meeting", pk=meeting.pk)
    return _meeting_page(request, meeting, status=400, minutes_form=form)


@login_required
@require_safe
def minutes_download(request, pk: int):
    meeting = selectors.get_meeting(request.user, pk)
    access.require(bool(meeting.minutes_sha256))
    name = names.safe_download_name(meeting.minutes_name, kinds.extension_for(meeting.minutes_type))
    return serving.file_response(meeting.minutes_file, name=name, content_type=meeting.minutes_type)


@login_required
def decision_add(request, pk: int):
    meeting, answer = _posted_meeting(request, pk)
    if answer:
        return answer
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            actions.do_record_decision(meeting, **form.cleaned_data, acting_user=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("governance:meeting", pk=meeting.pk)
    return _meeting_page(request, meeting, status=400, decision_form=form)


@login_required
def action_add(request, pk: int):
    meeting, answer = _posted_meeting(request, pk)
    if answer:
        return answer
    form = ActionItemForm(request.POST)
    if form.is_valid():
        try:
            actions.do_add_action_item(
                **form.cleaned_data, meeting=meeting, acting_user=request.user
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Action item added."))
            return redirect("governance:meeting", pk=meeting.pk)
    return _meeting_page(request, meeting, status=400, action_form=form)


@login_required
def action_status(request, pk: int):
    visible = access.action_items_visible_to(request.user).select_related("owner_person")
    item = get_object_or_404(visible, pk=pk)
    answer = refuse_unless_post(request, allowed=access.can_update_action_item(request.user, item))
    if answer:
        return answer
    form = ActionStatusForm(request.POST)
    if form.is_valid():
        actions.do_set_action_status(
            item, status=form.cleaned_data["status"], acting_user=request.user
        )
        messages.success(request, _("Action item saved."))
    else:
        messages.error(request, _("Choose a status from the list."))
    if request.POST.get("next") == "mine" or item.meeting_id is None:
        return redirect("governance:my_actions")
    return redirect("governance:meeting", pk=item.meeting_id)


@login_required
@require_safe
def my_actions(request):
    access.require(access.can_view_governance(request.user))
    return render(
        request,
        "governance/my_actions.html",
        {"items": selectors.my_action_items(request.user), "statuses": ActionItem.Status.choices},
    )
