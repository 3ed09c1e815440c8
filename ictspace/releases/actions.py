"""Publishing and withdrawing releases. A release is never edited: it is frozen at publication."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, Max, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from ictspace import access
from ictspace.audit.log import record
from ictspace.indicators.models import Observation
from ictspace.releases.models import Release, ReleasedStatus, ReleasedValue
from ictspace.review.models import ReviewState
from ictspace.tracking.selectors import LibraryIndex, bucket, current_statuses, status_label


@transaction.atomic
def do_publish_release(
    *, title: str, as_of: datetime.date, libraries, jurisdictions, acting_user
) -> Release:
    """Copy the validated statuses and values as of `as_of` into a new, numbered release."""
    if not access.can_publish_release(acting_user):
        raise PermissionDenied
    libraries, jurisdictions = list(libraries), list(jurisdictions)
    _check(title=title, as_of=as_of, libraries=libraries, jurisdictions=jurisdictions)
    last = Release.objects.aggregate(n=Max("number"))["n"] or 0
    release = Release.objects.create(
        number=last + 1,
        title=title.strip(),
        as_of=as_of,
        licence=settings.ICTSPACE_OPEN_DATA_LICENCE,
        licence_url=settings.ICTSPACE_OPEN_DATA_LICENCE_URL,
        published_at=timezone.now(),
        published_by=acting_user if getattr(acting_user, "pk", None) else None,
    )
    release.libraries.set(libraries)
    release.jurisdictions.set(jurisdictions)
    statuses = ReleasedStatus.objects.bulk_create(_statuses(release, libraries, jurisdictions))
    values = ReleasedValue.objects.bulk_create(_values(release, libraries, jurisdictions))
    record(
        actor=acting_user,
        action="published_release",
        obj=release,
        changes={
            "as_of": as_of.isoformat(),
            "libraries": [lib.slug for lib in libraries],
            "jurisdictions": [j.code for j in jurisdictions],
            "statuses": len(statuses),
            "values": len(values),
        },
    )
    return release


def _check(*, title, as_of, libraries, jurisdictions) -> None:
    errors = {}
    if not title.strip():
        errors["title"] = _("A release needs a title.")
    if as_of > timezone.localdate():
        errors["as_of"] = _("A release cannot be as of a future date.")
    if not libraries:
        errors["libraries"] = _("Choose at least one library.")
    if not jurisdictions:
        errors["jurisdictions"] = _("Choose at least one jurisdiction.")
    if errors:
        raise ValidationError(errors)


def _statuses(release, libraries, jurisdictions):
    """Every tracked pair the library declares, with its validated status as of the date."""
    ids = [j.pk for j in jurisdictions]
    for library in libraries:
        index = LibraryIndex(library, jurisdictions)
        cells = current_statuses(release.as_of, jurisdiction_ids=ids, library=library)
        for item in index.tracked:
            for j in jurisdictions:
                if not index.applies(item.pk, j.pk):
                    continue
                cell = cells.get((j.pk, item.pk))
                status = cell.status if cell else None
                yield ReleasedStatus(
                    release=release,
                    jurisdiction=j,
                    item=item,
                    status=status or "",
                    status_label=status_label(library, item, status) if status else "",
                    bucket=bucket(library, item, status),
                    effective_date=cell.effective_date if cell else None,
                )


def _values(release, libraries, jurisdictions):
    """The value that counts per key among validated observations of periods ended by the date."""
    validated = Observation.objects.filter(
        review_state=ReviewState.VALIDATED,
        indicator__library__in=libraries,
        jurisdiction__in=jurisdictions,
        period_end__lte=release.as_of,
    )
    later = Observation.objects.filter(
        review_state=ReviewState.VALIDATED,
        jurisdiction_id=OuterRef("jurisdiction_id"),
        indicator_id=OuterRef("indicator_id"),
        period=OuterRef("period"),
        disaggregation=OuterRef("disaggregation"),
        id__gt=OuterRef("id"),
    )
    for o in validated.filter(~Exists(later)).iterator(chunk_size=2000):
        yield ReleasedValue(
            release=release,
            jurisdiction_id=o.jurisdiction_id,
            indicator_id=o.indicator_id,
            period=o.period,
            period_start=o.period_start,
            period_end=o.period_end,
            disaggregation=o.disaggregation,
            value_number=o.value_number,
            value_text=o.value_text,
            source=o.source,
        )


@transaction.atomic
def do_withdraw_release(release: Release, *, reason: str, acting_user) -> Release:
    """Withdraw with a reason: the public page then says so; the data stays for the record."""
    if not access.can_publish_release(acting_user):
        raise PermissionDenied
    if release.is_withdrawn:
        return release
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the release is withdrawn.")})
    release.withdrawn_at = timezone.now()
    release.withdrawn_by = acting_user if getattr(acting_user, "pk", None) else None
    release.withdrawal_reason = reason.strip()
    release.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    record(
        actor=acting_user,
        action="withdrew_release",
        obj=release,
        changes={"reason": [None, release.withdrawal_reason]},
    )
    return release
