from django.shortcuts import render
from django.views.decorators.http import require_safe

from ictspace import access
from ictspace.directory import selectors
from ictspace.governance.rounds.selectors import open_rounds_for
from ictspace.tracking.selectors import libraries_concerning


@require_safe
def home(request):
    """The region page: the Community's member and associate states."""
    states = selectors.region_jurisdictions(request.user)
    return render(request, "portal/home.html", {"states": states})


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
