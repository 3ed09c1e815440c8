"""What waits for a reviewer: every kind of reviewable thing, oldest first, with counts."""

from dataclasses import dataclass

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery

from ictspace import access
from ictspace.review.models import ReviewState


@dataclass(frozen=True)
class ReviewQueue:
    """Lazy querysets: a page evaluates only the kinds it shows."""

    status_updates: QuerySet  # StatusUpdate rows
    values: QuerySet  # Observation rows entered one by one
    uploads: QuerySet  # one dict per applied upload with values still waiting
    all_values: QuerySet  # every waiting Observation, single or uploaded, for the counts

    def counts(self) -> dict[str, int]:
        """How many of each kind wait: two queries, whatever the size of the queue."""
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
        nothing = Observation.objects.none()
        return ReviewQueue(StatusUpdate.objects.none(), nothing, nothing, nothing)
    updates = _waiting(access.status_updates_visible_to(user), user)
    if library:
        updates = updates.filter(item__library__slug=library)
    values = _waiting(access.observations_visible_to(user), user)
    return ReviewQueue(
        status_updates=updates.select_related(
            "jurisdiction", "item__library", "author", "reviewed_by"
        ).order_by("submitted_at", "id"),
        values=values.filter(import_job__isnull=True)
        .select_related("indicator__library", "jurisdiction", "author")
        .order_by("submitted_at", "id"),
        uploads=_uploads(values.filter(import_job__isnull=False)),
        all_values=values,
    )


def _uploads(values):
    """An applied upload is reviewed as a whole: one row per upload, the oldest first.

    Read from the uploads, not grouped from their values: the list costs what it shows
    (each upload's counts), not a pass over every waiting value (issue 17).
    """
    from ictspace.indicators.models import ImportJob

    mine = values.filter(import_job=OuterRef("pk"))
    return (
        ImportJob.objects.filter(state=ImportJob.State.APPLIED)
        .filter(Exists(mine))
        # The keys the pages read, as when this was a GROUP BY over the values.
        .values(
            import_job=F("pk"),
            first=F("applied_at"),
            **{
                "import_job__original_name": F("original_name"),
                "jurisdiction__name": F("jurisdiction__name"),
                "import_job__uploaded_by__email": F("uploaded_by__email"),
            },
        )
        .annotate(n=_count(mine), outliers=_count(mine.filter(outlier=True)))
        .order_by("first", "import_job")
    )


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
