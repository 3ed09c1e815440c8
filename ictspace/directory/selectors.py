"""Reads of the directory."""

from django.db.models import Case, Count, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from ictspace import access
from ictspace.directory.models import Appointment, Body, Jurisdiction, Organisation

# Member states first, then associate members (alphabetical codes would put them first).
MEMBERS_FIRST = Case(
    When(membership=Jurisdiction.Membership.MEMBER, then=Value(0)),
    When(membership=Jurisdiction.Membership.ASSOCIATE, then=Value(1)),
    default=Value(2),
)


def region_jurisdictions(user) -> QuerySet[Jurisdiction]:
    """Member and associate states, with their count of active NCPOC seats."""
    today = timezone.localdate()
    active_ncpoc = Q(
        appointments__role=Appointment.Role.NCPOC,
        appointments__start__lte=today,
    ) & (Q(appointments__end__isnull=True) | Q(appointments__end__gte=today))
    return (
        access.jurisdictions_visible_to(user)
        .filter(kind=Jurisdiction.Kind.STATE)
        .annotate(ncpoc_seats=Count("appointments", filter=active_ncpoc))
        .order_by(MEMBERS_FIRST, "name")
    )


def jurisdiction_appointments(user, jurisdiction: Jurisdiction) -> list[Appointment]:
    """Active appointments for the state, with the people and (if allowed) their contacts."""
    channels = access.contact_channels_visible_to(user)
    return list(
        access.appointments_visible_to(user)
        .active()
        .filter(jurisdiction=jurisdiction)
        .select_related("person", "body")
        .prefetch_related(Prefetch("person__channels", queryset=channels))
        .order_by("body__name", "role", "person__full_name")
    )


def jurisdiction_bodies(jurisdiction: Jurisdiction) -> list[Body]:
    """National bodies of the state, then the regional bodies it sits on."""
    return list(
        Body.objects.filter(Q(jurisdiction=jurisdiction) | Q(code="RCC"))
        .select_related("chair")
        .order_by("jurisdiction", "name")
    )


def body_appointments(user, body: Body) -> list[Appointment]:
    channels = access.contact_channels_visible_to(user)
    return list(
        access.appointments_visible_to(user)
        .filter(body=body)
        .select_related("person", "jurisdiction")
        .prefetch_related(Prefetch("person__channels", queryset=channels))
        .order_by("end", "jurisdiction__name", "role", "person__full_name")
    )


def organisations(kind: str | None = None, query: str = "") -> QuerySet[Organisation]:
    qs = Organisation.objects.select_related("jurisdiction", "member_of", "parent")
    if kind:
        qs = qs.filter(kind=kind)
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(code__icontains=query))
    return qs.order_by("kind", "name")
