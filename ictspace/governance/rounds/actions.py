"""Opening and closing review rounds. Audited; access checked here."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ictspace import access
from ictspace.audit.log import diff, record
from ictspace.catalogue import scope as scopes
from ictspace.directory.models import Jurisdiction
from ictspace.governance.models import ReviewRound, RoundFigure
from ictspace.governance.rounds import progress


def _validate(*, title, libraries, items, opens_on, due_on) -> None:
    errors = {}
    if not title.strip():
        errors["title"] = _("Give the round a title.")
    if not libraries:
        errors["libraries"] = _("Choose at least one library.")
    if due_on < opens_on:
        errors["due_on"] = _("The due date cannot be before the opening date.")
    outside = [i.ref for i in items if i.library_id not in {lib.pk for lib in libraries}]
    if outside:
        errors["items"] = _("These items are not in the chosen libraries: %(refs)s.") % {
            "refs": ", ".join(outside)
        }
    if errors:
        raise ValidationError(errors)


def _concerned(items) -> list[Jurisdiction]:
    """Every jurisdiction at least one of the items asks for a status: the default."""
    items = list(items)
    return [j for j in Jurisdiction.objects.all() if any(scopes.concerns(i, j) for i in items)]


@transaction.atomic
def do_open_round(
    *,
    title: str,
    libraries,
    opens_on: datetime.date,
    due_on: datetime.date,
    items=(),
    jurisdictions=(),
    remind_days_before: int = 7,
    acting_user,
) -> ReviewRound:
    """Open a round; without named jurisdictions, every one the items concern."""
    if not access.can_manage_rounds(acting_user):
        raise PermissionDenied
    libraries, items = list(libraries), list(items)
    _validate(title=title, libraries=libraries, items=items, opens_on=opens_on, due_on=due_on)
    rnd = ReviewRound.objects.create(
        title=title.strip(),
        opens_on=opens_on,
        due_on=due_on,
        remind_days_before=remind_days_before,
        opened_by=acting_user,
        opened_at=timezone.now(),
    )
    rnd.libraries.set(libraries)
    rnd.items.set(items)
    rnd.jurisdictions.set(list(jurisdictions) or _concerned(progress.expected_items(rnd)))
    fields = {
        "title": rnd.title,
        "opens_on": opens_on,
        "due_on": due_on,
        "libraries": sorted(lib.slug for lib in libraries),
        "item_refs": sorted(i.ref for i in items),  # not "items": see risks/actions.py
        "jurisdictions": sorted(rnd.jurisdictions.values_list("code", flat=True)),
    }
    record(actor=acting_user, action="open_round", obj=rnd, changes=diff({}, fields))
    return rnd


@transaction.atomic
def do_close_round(rnd: ReviewRound, *, acting_user) -> ReviewRound:
    """Close the round and freeze every jurisdiction's figures as they stand now."""
    if not access.can_manage_rounds(acting_user):
        raise PermissionDenied
    now = timezone.now()
    # Conditional UPDATE: of two closings at once, the second finds nothing open.
    closed = ReviewRound.objects.filter(pk=rnd.pk, state=ReviewRound.State.OPEN).update(
        state=ReviewRound.State.CLOSED, closed_at=now, closed_by=acting_user
    )
    if not closed:
        raise ValidationError(_("This round is already closed."))
    figures = progress.compute(rnd)
    RoundFigure.objects.bulk_create(
        RoundFigure(
            round=rnd,
            jurisdiction=p.jurisdiction,
            state=p.state,
            expected=p.expected,
            updated=p.updated,
            on_time=p.on_time,
            last_submitted_at=p.last_submitted_at,
        )
        for p in figures
    )
    rnd.refresh_from_db()
    changes = diff({"state": "open"}, {"state": "closed", "figures": len(figures)})
    record(actor=acting_user, action="close_round", obj=rnd, changes=changes)
    return rnd
