from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from ictspace import access
from ictspace.directory import actions, selectors
from ictspace.directory.forms import AppointmentForm, EndAppointmentForm
from ictspace.directory.models import Body, Organisation

PAGE_SIZE = 50


@require_safe
def organisation_list(request):
    kind = request.GET.get("kind") or ""
    query = request.GET.get("q", "").strip()
    if kind not in Organisation.Kind.values:
        kind = ""
    page = Paginator(selectors.organisations(kind, query), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "directory/organisation_list.html",
        {"page": page, "kind": kind, "q": query, "kinds": Organisation.Kind.choices},
    )


@require_safe
def organisation_detail(request, code: str):
    org = get_object_or_404(
        Organisation.objects.select_related("parent", "member_of", "jurisdiction"), code=code
    )
    return render(
        request,
        "directory/organisation_detail.html",
        {
            "org": org,
            "members": list(org.cluster_members.all()),
            "units": list(org.units.all()),
            "bodies": list(org.bodies.all()),
        },
    )


@require_safe
def body_list(request):
    bodies = Body.objects.filter(jurisdiction__isnull=True).select_related("chair")
    csirts = Body.objects.filter(kind=Body.Kind.CSIRT).select_related("jurisdiction")
    return render(request, "directory/body_list.html", {"bodies": bodies, "csirts": csirts})


@require_http_methods(["GET", "POST"])
def body_detail(request, code: str):
    body = get_object_or_404(Body.objects.select_related("chair", "jurisdiction"), code=code)
    can_manage = access.can_manage_appointments(request.user)
    posted = request.method == "POST"
    # The form is shown to managers; a POST from anyone else is refused by the action (404).
    form = AppointmentForm(request.POST if posted else None) if can_manage or posted else None
    if posted and form.is_valid():
        try:
            actions.do_appoint_new_person(body=body, **form.cleaned_data, acting_user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Appointment recorded."))
            return redirect("directory:body", code=body.code)
    return render(
        request,
        "directory/body_detail.html",
        {
            "body": body,
            "members": list(body.members.all()),
            "appointments": selectors.body_appointments(request.user, body),
            "can_view_appointments": access.can_view_appointments(request.user),
            "can_view_contacts": access.can_view_contacts(request.user),
            "can_manage": can_manage,
            "form": form,
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def appointment_end(request, pk: int):
    if request.method == "GET":  # the confirmation page; a POST is refused by the action
        access.require(access.can_manage_appointments(request.user))
    appointment = get_object_or_404(
        access.appointments_visible_to(request.user).select_related("person", "body"), pk=pk
    )
    form = EndAppointmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_end_appointment(
                appointment, end=form.cleaned_data["end"], acting_user=request.user
            )
        except ValidationError as exc:
            form.add_error("end", exc.messages[0])
        else:
            messages.success(request, _("The appointment has been ended."))
            return redirect("directory:body", code=appointment.body.code)
    return render(
        request,
        "directory/appointment_end.html",
        {"appointment": appointment, "form": form},
        status=400 if form.errors else 200,
    )
