"""Every write to indicator data: observations, their review, baselines and targets."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ictspace import access
from ictspace.audit.log import diff, record
from ictspace.catalogue.models import Indicator
from ictspace.directory.models import Jurisdiction
from ictspace.indicators import selectors
from ictspace.indicators.models import ImportJob, Observation, PreviewOpening, Target
from ictspace.indicators.outliers import is_outlier
from ictspace.indicators.periods import parse_period
from ictspace.indicators.values import Spec, parse_disaggregation, parse_value
from ictspace.review.models import ReviewState
from ictspace.review.transitions import decision as review_decision
from ictspace.review.transitions import move


def _field_error(field: str, error: ValueError) -> ValidationError:
    return ValidationError({field: str(error)})


@transaction.atomic
def do_submit_observation(
    *,
    jurisdiction: Jurisdiction,
    indicator: Indicator,
    period: str,
    value,
    disaggregation: str = "",
    source: str = "",
    note: str = "",
    acting_user,
) -> Observation:
    """Record a value as submitted for review; flagged when far outside its own history."""
    if not access.can_submit_observations(acting_user, jurisdiction):
        raise PermissionDenied
    if indicator.retired_in_version is not None:
        raise ValidationError(_("Indicator %(c)s is retired.") % {"c": indicator.code})
    spec = Spec.of(indicator)
    try:
        when = parse_period(period)
    except ValueError as error:
        raise _field_error("period", error) from None
    if when.start > timezone.localdate():
        raise ValidationError({"period": _("The period has not started yet.")})
    try:
        number, text = parse_value(spec, value)
    except ValueError as error:
        raise _field_error("value", error) from None
    try:
        breakdown = parse_disaggregation(spec, disaggregation)
    except ValueError as error:
        raise _field_error("disaggregation", error) from None
    now = timezone.now()
    observation = Observation.objects.create(
        jurisdiction=jurisdiction,
        indicator=indicator,
        period=when.code,
        period_start=when.start,
        period_end=when.end,
        disaggregation=breakdown,
        value_number=number,
        value_text=text,
        source=source.strip(),
        note=note.strip(),
        review_state=ReviewState.SUBMITTED,
        outlier=is_outlier(
            number,
            selectors.history(jurisdiction, indicator, breakdown, excluding_period=when.code),
        ),
        author=acting_user,
        created_at=now,
        submitted_at=now,
    )
    fields = {"period": when.code, "disaggregation": breakdown, "value": text or str(number)}
    record(
        actor=acting_user, action="submit_observation", obj=observation, changes=diff({}, fields)
    )
    return observation


@transaction.atomic
def do_submit_grid(
    *, jurisdiction: Jurisdiction, period: str, values: dict, source: str, note: str = "",
    acting_user,
) -> list[Observation]:  # fmt: skip
    """Submit one period's values for many indicators at once: all of them, or none.

    `values` maps each Indicator to the text typed in its cell; empty cells are skipped.
    Every cell goes through `do_submit_observation`; the ValidationError raised when any
    cell is refused is keyed by the indicators' codes, so the page can name each cell.
    """
    if not access.can_submit_observations(acting_user, jurisdiction):
        raise PermissionDenied
    typed = {i: str(v).strip() for i, v in values.items() if str(v or "").strip()}
    if not typed:
        raise ValidationError(_("Type at least one value."))
    saved, errors = [], {}
    for indicator, value in typed.items():
        try:
            with transaction.atomic():  # a refused cell leaves the transaction usable
                saved.append(
                    do_submit_observation(
                        jurisdiction=jurisdiction,
                        indicator=indicator,
                        period=period,
                        value=value,
                        source=source,
                        note=note,
                        acting_user=acting_user,
                    )
                )
        except ValidationError as error:
            errors[indicator.code] = error.messages
    if errors:
        # Raised out of the atomic block: the cells saved before are rolled back too.
        raise ValidationError(errors)
    return saved


@transaction.atomic
def do_review_observation(
    observation: Observation, *, decision: str, reason: str = "", acting_user
) -> Observation:
    """Validate the value (it counts from now on) or return it to its author with a reason."""
    if not access.can_review(acting_user, observation):
        raise PermissionDenied
    to, extra = review_decision(decision, reason, acting_user=acting_user, now=timezone.now())
    return move(
        observation,
        to=to,
        allowed_from=(ReviewState.SUBMITTED,),
        acting_user=acting_user,
        action=f"{to}_observation",
        **extra,
    )


@transaction.atomic
def do_review_import(job: ImportJob, *, decision: str, reason: str = "", acting_user) -> int:
    """Validate or return every value of an applied upload still waiting; one audit entry."""
    if not access.can_review(acting_user, job):
        raise PermissionDenied
    # Validating values one has not seen is refused: the reviewer opens the preview first.
    if decision == "validate" and not access.can_validate_upload(acting_user, job):
        raise PermissionDenied
    to, extra = review_decision(decision, reason, acting_user=acting_user, now=timezone.now())
    return move(
        # The reviewer's own values in it, if any, wait for someone else.
        Observation.objects.filter(import_job=job).exclude(author=acting_user),
        to=to,
        allowed_from=(ReviewState.SUBMITTED,),
        acting_user=acting_user,
        action=f"{to}_import",
        audit_on=job,
        **extra,
    )


@transaction.atomic
def do_open_upload_preview(job: ImportJob, *, acting_user) -> PreviewOpening:
    """Note that a reviewer opened the upload's preview, once; bulk validation needs it."""
    if not access.can_record_preview_opening(acting_user, job):
        raise PermissionDenied
    opening, created = PreviewOpening.objects.get_or_create(
        job=job, user=acting_user, defaults={"opened_at": timezone.now()}
    )
    if created:
        record(
            actor=acting_user,
            action="opened_upload_preview",
            obj=job,
            changes=diff({}, {"opened_at": opening.opened_at.isoformat()}),
        )
    return opening


@transaction.atomic
def do_set_target(
    *,
    jurisdiction: Jurisdiction,
    indicator: Indicator,
    kind: str,
    period: str,
    value,
    comparator: str = "=",
    source: str = "",
    acting_user,
) -> Target:
    """Set (or change) the baseline or a target of one period; the old value is audited."""
    if not access.can_set_targets(acting_user, jurisdiction):
        raise PermissionDenied
    if kind not in Target.Kind.values:
        raise ValidationError({"kind": _("Choose baseline or target.")})
    if comparator not in Target.Comparator.values:
        raise ValidationError({"comparator": _("Choose how the target is to be met.")})
    spec = Spec.of(indicator)
    try:
        when = parse_period(period)
    except ValueError as error:
        raise _field_error("period", error) from None
    try:
        number, text = parse_value(spec, value)
    except ValueError as error:
        raise _field_error("value", error) from None
    existing = Target.objects.select_for_update().filter(
        jurisdiction=jurisdiction, indicator=indicator, kind=kind, period=when.code
    )
    target = existing.first() or Target(
        jurisdiction=jurisdiction, indicator=indicator, kind=kind, period=when.code
    )
    old = {f: getattr(target, f) for f in ("comparator", "value_number", "value_text", "source")}
    new = {"comparator": comparator, "value_number": number, "value_text": text, "source": source}
    if target.pk and not diff(old, new):
        return target
    for name, value_ in new.items():
        setattr(target, name, value_)
    target.period_end = when.end
    target.text = text or str(value).strip()
    target.set_by = acting_user
    target.set_at = timezone.now()
    target.save()
    record(actor=acting_user, action=f"set_{kind}", obj=target, changes=diff(old, new))
    return target
