"""What a reviewer weighs a submission against: the previous validated status or value."""

from dataclasses import dataclass

from django.utils import timezone

from ictspace.review.models import ReviewState


@dataclass(frozen=True)
class Previous:
    """The validated fact a decision would replace, or nothing when none was validated yet."""

    shown: str  # the status label or the formatted value
    since: str  # its effective date or period, as the page shows it


def previous_status(update) -> Previous | None:
    """The pair's status validated before this update (effective today at the latest)."""
    from ictspace.tracking.models import StatusUpdate
    from ictspace.tracking.selectors import status_label

    earlier = (
        StatusUpdate.objects.filter(
            jurisdiction_id=update.jurisdiction_id,
            item_id=update.item_id,
            review_state=ReviewState.VALIDATED,
            effective_date__lte=max(update.effective_date, timezone.localdate()),
        )
        .exclude(pk=update.pk)
        .order_by("-effective_date", "-id")
        .only("status", "effective_date", "percent_complete")
        .first()
    )
    if earlier is None:
        return None
    label = status_label(update.item.library, update.item, earlier.status)
    if earlier.percent_complete is not None:
        label = f"{label} · {earlier.percent_complete}%"
    return Previous(shown=label, since=earlier.effective_date.isoformat())


def previous_value(observation) -> Previous | None:
    """The series' validated value for the same period (a correction), else its latest one."""
    from ictspace.indicators.models import Observation
    from ictspace.indicators.values import Spec, format_value

    earlier = (
        Observation.objects.filter(
            jurisdiction_id=observation.jurisdiction_id,
            indicator_id=observation.indicator_id,
            disaggregation=observation.disaggregation,
            review_state=ReviewState.VALIDATED,
            period_start__lte=observation.period_start,
        )
        .exclude(pk=observation.pk)
        .order_by("-period_start", "-id")
        .only("period", "value_number", "value_text")
        .first()
    )
    if earlier is None:
        return None
    shown = format_value(Spec.of(observation.indicator), earlier.value_number, earlier.value_text)
    return Previous(shown=shown, since=earlier.period)
