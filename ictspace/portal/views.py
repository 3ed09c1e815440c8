from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from ictspace import access
from ictspace.directory import selectors
from ictspace.directory.models import Jurisdiction
from ictspace.governance.rounds.selectors import open_rounds_for
from ictspace.portal import scorecard
from ictspace.portal import selectors as home_selectors
from ictspace.portal.actions import do_note_home_visit
from ictspace.sharing.selectors import assistance_for
from ictspace.tracking.selectors import libraries_concerning


@require_safe
def home(request):
    """A signed-in user's home for their role; the region page for everyone else."""
    user = request.user
    if access.can_review_any(user):
        return _reviewer_home(request)
    if access.can_draft_any(user):
        return _reporter_home(request)
    if access.can_view_indicators(user):
        return _reader_home(request)
    return region(request)


@require_safe
def region(request):
    """The region page: the Community's member and associate states."""
    states = selectors.region_jurisdictions(request.user)
    return render(request, "portal/home.html", {"states": states})


def _regional_picture(user, today) -> dict:
    library = home_selectors.rollup_library(user)
    rollup = home_selectors.regional_rollup(user, today, slug=library.slug) if library else []
    return {"rollup_library": library, "rollup": rollup}


def _reviewer_home(request):
    today = timezone.localdate()
    days = settings.NOT_REPORTED_AFTER_DAYS
    context = {
        "queues": home_selectors.queues(request.user),
        "not_reported": home_selectors.not_reported(days, today),
        "not_reported_days": days,
        **_regional_picture(request.user, today),
    }
    return render(request, "portal/home_reviewer.html", context)


def _reporter_home(request):
    user, today = request.user, timezone.localdate()
    since = do_note_home_visit(acting_user=user)
    own = access.own_jurisdiction_ids(user)
    if own:
        jurisdiction, led_by = Jurisdiction.objects.get(pk=min(own)), None
    else:  # a lead agency's focal point: the region's items their agency leads
        jurisdiction = Jurisdiction.objects.filter(kind="region").first()
        led_by = access.own_organisation_ids(user)
    context = {
        "jurisdiction": jurisdiction,
        "organisations": [g.organisation for g in access.grants(user) if g.organisation_id],
        "scorecards": scorecard.scorecards(user, jurisdiction, today, led_by=led_by),
        "tiles": home_selectors.indicator_tiles(user, jurisdiction) if own else [],
        "work": home_selectors.my_work(user),
        "since": since,
        "changes": home_selectors.changes_since(user, [jurisdiction.pk], since),
        "assistance": list(assistance_for(user)[:10]),
    }
    return render(request, "portal/home_reporter.html", context)


def _reader_home(request):
    today = timezone.localdate()
    context = {
        "changes": home_selectors.recent_changes(request.user),
        **_regional_picture(request.user, today),
    }
    return render(request, "portal/home_reader.html", context)


@require_safe
def jurisdiction(request, code: str):
    state = access.get_jurisdiction(request.user, code)
    return render(
        request,
        "portal/jurisdiction.html",
        {
            "state": state,
            "bodies": selectors.jurisdiction_bodies(state),
            "appointments": selectors.jurisdiction_appointments(request.user, state),
            "can_view_appointments": access.can_view_appointments(request.user),
            "can_view_contacts": access.can_view_contacts(request.user),
            "libraries": libraries_concerning(
                access.libraries_visible_to(request.user), state
            ).order_by("title"),
            # What the open rounds expect: for those who answer them or follow them up.
            "open_rounds": (
                open_rounds_for(request.user, state)
                if access.can_draft_for(request.user, state) or access.can_review_any(request.user)
                else []
            ),
        },
    )
