"""Where each jurisdiction stands in a review round: state, completeness, timeliness.

Computed from the status stream while the round is open (three queries, whatever the
number of jurisdictions and items); read from the frozen figures once it is closed.
"""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ictspace.catalogue import scope as scopes
from ictspace.catalogue.models import Item
from ictspace.governance.models import ReviewRound
from ictspace.review.models import ReviewState
from ictspace.tracking.models import StatusUpdate

NOT_STARTED, IN_PROGRESS, SUBMITTED, VALIDATED = (
    "not_started",
    "in_progress",
    "submitted",
    "validated",
)
STATE_LABELS = {
    NOT_STARTED: _("Not started"),
    IN_PROGRESS: _("In progress"),
    SUBMITTED: _("Submitted"),
    VALIDATED: _("Validated"),
}
# A jurisdiction in one of these states has answered the round: no reminder goes to it.
ANSWERED = (SUBMITTED, VALIDATED)


@dataclass(frozen=True)
class Progress:
    jurisdiction: object
    state: str
    expected: int
    updated: int
    on_time: bool
    last_submitted_at: datetime.datetime | None

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def completeness(self) -> int | None:
        """Share of expected items with an update in the round, in whole percent."""
        if not self.expected:
            return None
        return round(100 * self.updated / self.expected)


def expected_items(rnd: ReviewRound) -> QuerySet[Item]:
    """The round's tracked items: those it names, else every tracked item of its libraries."""
    named = rnd.items.all()
    if rnd.pk and named.exists():
        return named.filter(assessable=True, retired_in_version__isnull=True)
    return Item.objects.filter(
        library__in=rnd.libraries.all(), assessable=True, retired_in_version__isnull=True
    )


def _updates(rnd: ReviewRound, items: QuerySet[Item]):
    """The round's updates (created from its opening day) as plain rows."""
    return StatusUpdate.objects.filter(
        jurisdiction__in=rnd.jurisdictions.all(),
        item__in=items,
        created_at__date__gte=rnd.opens_on,
    ).values_list("jurisdiction_id", "item_id", "review_state", "submitted_at")


def _standing(rows) -> dict[int, dict[int, tuple[str, datetime.datetime | None]]]:
    """Per jurisdiction, per item: the furthest review state reached and its submission."""
    rank = {ReviewState.VALIDATED: 2, ReviewState.SUBMITTED: 1}
    best: dict[int, dict] = {}
    for jurisdiction_id, item_id, state, submitted_at in rows:
        items = best.setdefault(jurisdiction_id, {})
        held = items.get(item_id)
        if held is None or rank.get(state, 0) > rank.get(held[0], 0):
            items[item_id] = (state, submitted_at)
    return best


def _progress(jurisdiction, items: list[Item], standing: dict, due_on) -> Progress:
    concerned = {item.pk for item in items if scopes.concerns(item, jurisdiction)}
    mine = {pk: v for pk, v in standing.get(jurisdiction.pk, {}).items() if pk in concerned}
    answered = {
        pk: v for pk, v in mine.items() if v[0] in (ReviewState.SUBMITTED, ReviewState.VALIDATED)
    }
    stamps = [v[1] for v in answered.values() if v[1] is not None]
    last = max(stamps, default=None)
    complete = bool(concerned) and len(answered) == len(concerned)
    if not mine:
        state = NOT_STARTED
    elif not complete:
        state = IN_PROGRESS
    elif all(v[0] == ReviewState.VALIDATED for v in answered.values()):
        state = VALIDATED
    else:
        state = SUBMITTED
    on_time = complete and last is not None and timezone.localdate(last) <= due_on
    return Progress(jurisdiction, state, len(concerned), len(answered), on_time, last)


def compute(rnd: ReviewRound) -> list[Progress]:
    """Each jurisdiction's progress from the live status stream."""
    items = list(expected_items(rnd).only("pk", "scope_kind", "scope_codes", "scope_associates"))
    standing = _standing(_updates(rnd, expected_items(rnd)))
    states = rnd.jurisdictions.order_by("name")
    return [_progress(j, items, standing, rnd.due_on) for j in states]


def frozen(rnd: ReviewRound) -> list[Progress]:
    """The figures stored when the round closed."""
    return [
        Progress(f.jurisdiction, f.state, f.expected, f.updated, f.on_time, f.last_submitted_at)
        for f in rnd.figures.select_related("jurisdiction").order_by("jurisdiction__name")
    ]


def round_progress(rnd: ReviewRound) -> list[Progress]:
    return frozen(rnd) if rnd.state == ReviewRound.State.CLOSED else compute(rnd)
