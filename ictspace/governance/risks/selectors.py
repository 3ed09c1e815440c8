"""Reads of the risk register: the sorted list, the heat maps, one risk and its history."""

from django.db.models import Case, Count, ExpressionWrapper, F, IntegerField, Q, When
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from ictspace import access
from ictspace.audit.models import AuditEntry
from ictspace.charts.heatmap import heat_map
from ictspace.governance.models import Risk
from ictspace.governance.risks import scoring

LIVE = ~Q(status=Risk.Status.CLOSED)
ORDERS = {
    "residual": ("-residual_score", "-inherent_score", "title"),
    "inherent": ("-inherent_score", "-residual_score", "title"),
    "review": ("next_review_on", "title"),
    "title": ("title",),
}


def _product(a: str, b: str):
    return ExpressionWrapper(F(a) * F(b), output_field=IntegerField())


def scored(queryset):
    """Risks with their levels and whether their review is overdue, computed by the database."""
    today = timezone.localdate()
    overdue = Case(When(LIVE & Q(next_review_on__lt=today), then=True), default=False)
    return queryset.annotate(
        residual_score=_product("residual_likelihood", "residual_impact"),
        inherent_score=_product("inherent_likelihood", "inherent_impact"),
        review_overdue=overdue,
    )


def risk_list(user, order: str):
    order = order if order in ORDERS else "residual"
    risks = scored(access.risks_visible_to(user)).select_related("owner")
    return risks.order_by(*ORDERS[order]), order


def _counts(user, likelihood: str, impact: str) -> dict[tuple[int, int], int]:
    rows = (
        access.risks_visible_to(user)
        .filter(LIVE)
        .values(likelihood, impact)
        .annotate(n=Count("id"))
        .order_by()
    )
    return {(row[likelihood], row[impact]): row["n"] for row in rows}


def _style(likelihood: int, impact: int):
    return scoring.band_style(scoring.level(likelihood, impact))


def heat_maps(user) -> list:
    """The inherent and the residual heat map of the risks not closed."""
    return [
        heat_map(
            title=_("Inherent risk (before mitigation)"),
            counts=_counts(user, "inherent_likelihood", "inherent_impact"),
            style=_style,
            legend=scoring.LEGEND,
            id_prefix="heat-inherent",
        ),
        heat_map(
            title=_("Residual risk (after mitigation)"),
            counts=_counts(user, "residual_likelihood", "residual_impact"),
            style=_style,
            legend=scoring.LEGEND,
            id_prefix="heat-residual",
        ),
    ]


def get_risk(user, pk: int) -> Risk:
    risk = scored(access.risks_visible_to(user)).select_related("owner", "accepted_by")
    risk = risk.filter(pk=pk).first()
    if risk is None:
        raise Http404
    return risk


def history(risk: Risk):
    """Every change of the risk and its mitigations, oldest first (from the audit trail)."""
    return AuditEntry.objects.filter(
        object_type="governance.risk", object_id=str(risk.pk)
    ).order_by("at", "id")


def overdue_reviews(user):
    return (
        scored(access.risks_visible_to(user)).filter(review_overdue=True).order_by("next_review_on")
    )


def history_rows(risk: Risk) -> list[tuple[AuditEntry, list]]:
    """The history with each entry's changes as (field, [old, new]) pairs for the template.

    Fields empty before and after (a blank description at creation) say nothing: left out.
    """
    return [
        (entry, [(field, change) for field, change in entry.changes.items() if any(change)])
        for entry in history(risk)
    ]
