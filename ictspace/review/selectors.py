"""What waits for a reviewer: every kind of reviewable thing, oldest first, with counts."""

from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from ictspace import access
from ictspace.review.models import ReviewState

# A count stops here: "more than 1,000 waiting" reads a thousand index entries, where an
# exact count reads every waiting row on every page a reviewer opens (issue 17).
CAP = 1000
OLDEST = ("submitted_at", "id")  # a queue's order: the longest waiting first
LAST_ID = 2**62  # no bound: fewer than CAP + 1 wait


@dataclass(frozen=True)
class ReviewQueue:
    """Lazy querysets: a page evaluates only the kinds it shows.

    The pages read the whole queue a page at a time (`waiting_*`); the counts, the
    navigation's included, and the home page's short lists read the first CAP + 1 (by id) of
    each kind only, so that a count above CAP means "more than CAP".
    """

    waiting_updates: QuerySet  # every waiting StatusUpdate
    waiting_values: QuerySet  # every waiting Observation entered one by one
    uploads: QuerySet  # one dict per applied upload with values still waiting
    # The first CAP + 1 waiting (by id), oldest submission first: past CAP waiting, the
    # home page's short list is the oldest of those, which may miss an older submission
    # of a later draft.
    status_updates: QuerySet  # StatusUpdates
    values: QuerySet  # single values
    # Those values and one waiting value of each of the oldest CAP + 1 uploads: counted
    # by kind (values without an upload, distinct uploads), each count stops past CAP.
    all_values: QuerySet

    def counts(self) -> dict[str, int]:
        """How many of each kind wait, up to CAP + 1: two queries, whatever the queue."""
        values = self.all_values.aggregate(
            values=Count("id", filter=Q(import_job__isnull=True)),
            uploads=Count("import_job", distinct=True),
        )
        return {"status_updates": self.status_updates.count(), **values}


def _waiting(queryset, user):
    return queryset.filter(review_state=ReviewState.SUBMITTED).exclude(author=user)


def review_queue(user, *, library: str = "") -> ReviewQueue:
    """Everything `user` may validate or return; `library` narrows the status updates."""
    from ictspace.indicators.models import Observation
    from ictspace.tracking.models import StatusUpdate

    if not access.can_review_any(user):
        none, nothing = StatusUpdate.objects.none(), Observation.objects.none()
        return ReviewQueue(none, nothing, nothing, none, nothing, nothing)
    updates = _waiting(access.status_updates_visible_to(user), user)
    if library:
        updates = updates.filter(item__library__slug=library)
    values = _waiting(access.observations_visible_to(user), user)
    singles = values.filter(import_job__isnull=True)
    mine = values.filter(import_job=OuterRef("pk"))  # the outer upload's waiting values
    jobs = _upload_jobs(mine)
    counted = _oldest(singles).values("pk").union(_one_value_each(jobs, mine), all=True)
    shown_update = ("jurisdiction", "item__library", "author", "reviewed_by")
    shown_value = ("indicator__library", "jurisdiction", "author")
    return ReviewQueue(
        waiting_updates=updates.select_related(*shown_update),
        waiting_values=singles.select_related(*shown_value),
        uploads=_uploads(jobs, mine),
        status_updates=_oldest(updates).select_related(*shown_update).order_by(*OLDEST),
        values=_oldest(singles).select_related(*shown_value).order_by(*OLDEST),
        all_values=Observation.objects.filter(pk__in=counted),
    )


def _oldest(waiting):
    """The CAP + 1 first of `waiting` by id (by creation), unordered.

    A bound on the id, found by one index seek, instead of `id IN (the first)`: the rows
    are a range of the waiting rows' `*_count_idx` on both engines (an IN made PostgreSQL
    hash-join the whole table), and ids, unlike submission times, never tie (the rows of
    one upload, or of a bulk load, share their submission time).
    """
    last = waiting.order_by("id").values("id")[CAP : CAP + 1]
    return waiting.filter(id__lte=Coalesce(Subquery(last), Value(LAST_ID)))


def _upload_jobs(mine):
    """The applied uploads with values still waiting, the oldest first."""
    from ictspace.indicators.models import ImportJob

    return (
        ImportJob.objects.filter(state=ImportJob.State.APPLIED)
        .filter(Exists(mine))
        .order_by("applied_at", "pk")
    )


def _one_value_each(jobs, mine):
    """One waiting value of each of the oldest CAP + 1 uploads: enough to count the uploads."""
    from ictspace.indicators.models import Observation

    ones = jobs.values(one=Subquery(mine.order_by().values("pk")[:1]))[: CAP + 1]
    return Observation.objects.filter(pk__in=Subquery(ones)).values("pk")


def _uploads(jobs, mine):
    """An applied upload is reviewed as a whole: one row per upload, the oldest first.

    Read from the uploads, not grouped from their values: the list costs what it shows
    (each upload's counts), not a pass over every waiting value (issue 17).
    """
    # The keys the pages read, as when this was a GROUP BY over the values.
    return jobs.values(
        import_job=F("pk"),
        first=F("applied_at"),
        **{
            "import_job__original_name": F("original_name"),
            "jurisdiction__name": F("jurisdiction__name"),
            "import_job__uploaded_by__email": F("uploaded_by__email"),
        },
    ).annotate(n=_count(mine), outliers=_count(mine.filter(outlier=True)))


def _count(rows):
    """How many `rows` there are, as a scalar subquery."""
    return Subquery(
        rows.order_by().values("import_job").annotate(c=Count("pk")).values("c")[:1],
        output_field=IntegerField(),
    )


def unfinished_status_updates(user):
    """The user's own status updates not yet validated: drafts, waiting and returned ones."""
    return (
        access.status_updates_visible_to(user)
        .filter(author=user)
        .exclude(review_state=ReviewState.VALIDATED)
        .select_related("jurisdiction", "item__library", "author", "reviewed_by")
        .order_by("review_state", "-created_at")
    )
