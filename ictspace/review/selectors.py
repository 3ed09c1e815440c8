"""What waits for a reviewer: every kind of reviewable thing, oldest first, with counts."""

from dataclasses import dataclass

from django.db.models import Count, Min, Q, QuerySet

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
    """An applied upload is reviewed as a whole: one row per upload, the oldest first."""
    return (
        values.values(
            "import_job",
            "import_job__original_name",
            "jurisdiction__name",
            "import_job__uploaded_by__email",
        )
        .annotate(
            n=Count("id"),
            outliers=Count("id", filter=Q(outlier=True)),
            first=Min("submitted_at"),
        )
        .order_by("first", "import_job")
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
