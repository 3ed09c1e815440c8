"""The governance landing page: open rounds for everyone, the Secretariat's queues."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ictspace import access
from ictspace.governance.contacts import selectors as contacts
from ictspace.governance.meetings import selectors as meetings
from ictspace.governance.models import ReviewRound
from ictspace.governance.nominations.seats import vacant_seats
from ictspace.governance.risks import selectors as risks
from ictspace.governance.rounds import selectors as rounds


@login_required
@require_safe
def home(request):
    access.require(access.can_view_governance(request.user))
    queues = access.can_view_secretariat_queues(request.user)
    visible = access.review_rounds_visible_to(request.user)
    return render(
        request,
        "governance/home.html",
        {
            "open_rounds": visible.filter(state=ReviewRound.State.OPEN).order_by("due_on"),
            "queues": queues,
            "can_view_contacts": access.can_view_contacts(request.user),
            # From the cached grants only: a page of the platform pays no query for this link.
            "receives_reports": bool(access.own_organisation_ids(request.user)),
            "can_nominate": queues or bool(access.own_jurisdiction_ids(request.user)),
            "overdue_rounds": rounds.overdue_rounds(request.user) if queues else [],
            "overdue_risks": list(risks.overdue_reviews(request.user)) if queues else [],
            "overdue_actions": meetings.overdue_action_items(request.user) if queues else [],
            "unreachable": contacts.flagged(request.user) if queues else [],
            "vacant_seats": list(vacant_seats(request.user)) if queues else [],
            "pending_nominations": (
                access.nominations_visible_to(request.user).filter(state="pending").count()
                if queues
                else 0
            ),
            "my_overdue": [a for a in meetings.my_action_items(request.user) if a.overdue],
        },
    )
