"""What each role's home page shows, built on the tracking, indicators, review and
governance selectors (never a second copy of them)."""

import datetime
from dataclasses import dataclass

from django.db.models import F, Func, IntegerField, OuterRef, Q, Subquery

from ictspace import access
from ictspace.accounts.models import User
from ictspace.catalogue.models import Library
from ictspace.directory.models import Jurisdiction
from ictspace.governance.meetings.selectors import my_action_items
from ictspace.indicators import selectors as indicator_selectors
from ictspace.indicators.models import ImportJob
from ictspace.review.models import ReviewState
from ictspace.review.selectors import review_queue, unfinished_status_updates
from ictspace.tracking import selectors as tracking
from ictspace.tracking.models import StatusUpdate

LISTED = 10  # rows of each list on a home page; the full list is one link away
CHANGES = 15


def _labelled(updates) -> list:
    """Status updates with the label of their status on the item's scale (no query)."""
    updates = list(updates)
    for update in updates:
        update.status_label = tracking.status_label(update.item.library, update.item, update.status)
    return updates


# The reporter's work ---------------------------------------------------------------------


@dataclass
class MyWork:
    drafts: list
    returned: list
    submitted: list
    values_waiting: int
    values_returned: list
    uploads_waiting: list
    action_items: list


def my_work(user) -> MyWork:
    """Drafts, returned items with their reasons, what waits for review, open action items."""
    updates = _labelled(unfinished_status_updates(user)[:100])
    mine = access.observations_visible_to(user).filter(author=user)
    return MyWork(
        drafts=[u for u in updates if u.review_state == ReviewState.DRAFT][:LISTED],
        returned=[u for u in updates if u.review_state == ReviewState.RETURNED][:LISTED],
        submitted=[u for u in updates if u.review_state == ReviewState.SUBMITTED][:LISTED],
        values_waiting=mine.filter(review_state=ReviewState.SUBMITTED).count(),
        values_returned=list(
            mine.filter(review_state=ReviewState.RETURNED)
            .select_related("indicator__library", "jurisdiction")
            .order_by("-reviewed_at")[:LISTED]
        ),
        uploads_waiting=list(
            access.import_jobs_visible_to(user)
            .filter(uploaded_by=user, state=ImportJob.State.APPLIED)
            .order_by("-id")[:LISTED]
        ),
        action_items=[a for a in my_action_items(user) if a.status == "open"][:LISTED],
    )


def changes_since(user, jurisdiction_ids, since: datetime.datetime | None) -> list:
    """Decisions on the jurisdictions' statuses since the user's last visit, newest first."""
    if since is None or not jurisdiction_ids:
        return []
    decided = [ReviewState.VALIDATED, ReviewState.RETURNED]
    return _labelled(
        tracking.updates_visible_to(user)
        .filter(jurisdiction_id__in=jurisdiction_ids, review_state__in=decided)
        .filter(reviewed_at__gt=since)
        .order_by("-reviewed_at", "-id")[:CHANGES]
    )


def indicator_tiles(user, jurisdiction) -> list:
    """The jurisdiction's indicators that have a value or a goal, with their progress."""
    libraries = indicator_selectors.libraries_with_indicators(access.libraries_visible_to(user))
    indicators = [
        indicator
        for library in libraries
        for indicator in indicator_selectors.indicators_of(library)
    ]
    rows = indicator_selectors.standings(indicators, [jurisdiction])
    return [row for row in rows if row.values or row.final_target]


# The reviewer's queues -----------------------------------------------------------------


@dataclass
class Queues:
    counts: dict
    status_updates: list
    values: list
    uploads: list


def queues(user) -> Queues:
    """What waits for the user's review, with counts, the oldest first."""
    queue = review_queue(user)
    return Queues(
        counts=queue.counts(),
        status_updates=_labelled(queue.status_updates[:LISTED]),
        values=list(queue.values[:LISTED]),
        uploads=list(queue.uploads[:LISTED]),
    )


def not_reported(days: int, today: datetime.date) -> list:
    """Member states whose latest validated status took effect more than `days` ago (or never)."""
    cutoff = today - datetime.timedelta(days=days)
    # One seek per state in reported_idx: MAX over the join read every validated update.
    latest = StatusUpdate.objects.filter(
        jurisdiction=OuterRef("pk"), review_state=ReviewState.VALIDATED
    ).order_by("-effective_date")
    states = (
        Jurisdiction.objects.filter(kind="state", membership="member")
        .annotate(last=Subquery(latest.values("effective_date")[:1]))
        .filter(Q(last__isnull=True) | Q(last__lt=cutoff))
        .order_by(F("last").asc(nulls_first=True), "name")
    )
    return list(states)


# The regional picture ------------------------------------------------------------------


@dataclass
class AreaRollup:
    component: object
    counts: dict  # bucket → concerned (state, item) pairs

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def percent_met(self) -> int:
        return round(100 * self.counts[tracking.MET] / self.total) if self.total else 0


def regional_rollup(user, today: datetime.date, *, slug: str) -> list[AreaRollup]:
    """Share met per priority area (top-level item) across the member states: two queries."""
    library = access.libraries_visible_to(user).filter(slug=slug).first()
    if library is None:
        return []
    states = Jurisdiction.objects.filter(kind="state", membership="member")
    index = tracking.LibraryIndex(library, states)
    cells = tracking.current_statuses(
        today, jurisdiction_ids=[s.pk for s in index.jurisdictions], library=library
    )
    areas: dict[int, AreaRollup] = {}
    for item in index.tracked:
        top = index.top(item)
        area = areas.setdefault(top.pk, AreaRollup(top, dict.fromkeys(tracking.BUCKETS, 0)))
        for state in index.jurisdictions:
            if index.applies(item.pk, state.pk):
                cell = cells.get((state.pk, item.pk))
                area.counts[tracking.bucket(library, item, cell.status if cell else None)] += 1
    return list(areas.values())


def rollup_library(user) -> Library | None:
    """The library the regional picture shows: the one with minimum standards to meet."""
    from ictspace.portal.scorecard import STANDARD

    libraries = access.libraries_visible_to(user)
    return libraries.filter(items__kind=STANDARD).order_by("title").first()


def recent_changes(user) -> list:
    """The latest decisions on the status stream the user may see, newest first."""
    return _labelled(
        tracking.updates_visible_to(user)
        .filter(review_state=ReviewState.VALIDATED, reviewed_at__isnull=False)
        .order_by("-reviewed_at", "-id")[:CHANGES]
    )


# Counts in the navigation ----------------------------------------------------------------


class _Count(Func):
    """COUNT over a subquery's rows with no GROUP BY (not an Aggregate): a scalar subquery."""

    function = "COUNT"
    output_field = IntegerField()


def _scalar(queryset, expression=None, *, distinct=False):
    extra = {"template": "COUNT(DISTINCT %(expressions)s)"} if distinct else {}
    count = _Count(expression or F("pk"), **extra)
    return Subquery(queryset.order_by().annotate(n=count).values("n")[:1])


def nav_counts(user) -> dict[str, int]:
    """The navigation's counts, in one query; none (and no query) for who has no queue."""
    counts = {}
    if access.can_review_any(user):
        queue = review_queue(user)
        waiting = queue.all_values.filter(import_job__isnull=True)
        counts["review_statuses"] = _scalar(queue.status_updates)
        counts["review_values"] = _scalar(waiting)
        counts["review_uploads"] = _scalar(
            queue.all_values.filter(import_job__isnull=False), F("import_job"), distinct=True
        )
    if access.can_draft_any(user):
        needs_me = [ReviewState.DRAFT, ReviewState.RETURNED]
        counts["my_updates"] = _scalar(
            StatusUpdate.objects.filter(author_id=user.pk, review_state__in=needs_me)
        )
    if not counts:
        return {}
    return User.objects.filter(pk=user.pk).values(**counts).get()
