"""The 24/7 contact network and its tests; the user's calendar feed and its secret address."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from ictspace import access
from ictspace.forms import add_action_errors
from ictspace.governance.contacts import actions, calendar, network, selectors
from ictspace.governance.contacts.forms import ReachabilityForm
from ictspace.governance.models import CalendarToken
from ictspace.responses import refuse_unless_post

# The new secret waits in the session until the next page shows it, once.
SESSION_KEY = "governance_calendar_address"


@login_required
@require_http_methods(["GET", "POST"])
def reachability(request):
    access.require(access.can_view_contacts(request.user))
    can_record = access.can_record_reachability(request.user)
    posted = request.method == "POST"
    access.require(can_record or not posted)
    form = ReachabilityForm(request.POST if posted else None) if can_record else None
    if posted and form.is_valid():
        try:
            actions.do_record_reachability_test(**form.cleaned_data, acting_user=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Test recorded."))
            return redirect("governance:reachability")
    return render(
        request,
        "governance/reachability.html",
        {"channels": selectors.network(request.user), "form": form},
        status=400 if posted else 200,
    )


@login_required
@require_safe
def network_page(request):
    """Who to call in each jurisdiction, one card each, searchable by jurisdiction."""
    access.require(access.can_view_contact_network(request.user))
    query = request.GET.get("q", "").strip()[:100]
    cards = network.contact_network(request.user, query=query)
    return render(request, "governance/network.html", {"cards": cards, "query": query})


@login_required
@require_safe
def calendar_page(request):
    access.require(access.can_have_calendar(request.user))
    secret = request.session.pop(SESSION_KEY, None)
    feed_url = None
    if secret:
        feed_url = request.build_absolute_uri(reverse("governance:ics", args=[secret]))
    live = CalendarToken.objects.filter(user=request.user, revoked_at__isnull=True).first()
    return render(request, "governance/calendar.html", {"feed_url": feed_url, "live": live})


@login_required
def calendar_issue(request):
    answer = refuse_unless_post(request, allowed=access.can_have_calendar(request.user))
    if answer:
        return answer
    request.session[SESSION_KEY] = actions.do_issue_calendar_token(acting_user=request.user)
    return redirect("governance:calendar")


@login_required
def calendar_revoke(request):
    answer = refuse_unless_post(request, allowed=access.can_have_calendar(request.user))
    if answer:
        return answer
    actions.do_revoke_calendar_token(acting_user=request.user)
    messages.success(request, _("Your calendar address no longer works."))
    return redirect("governance:calendar")


@require_safe
def ics(request, token: str):
    """The feed, for calendar programs: the secret in the address is the only credential."""
    user = actions.user_for_token(token)
    if user is None:
        raise Http404
    response = HttpResponse(calendar.feed(user), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response
