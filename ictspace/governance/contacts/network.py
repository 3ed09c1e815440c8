"""The 24/7 contact network page: who to call in each jurisdiction, and whether it worked."""

from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from ictspace import access
from ictspace.directory.models import Appointment, Body
from ictspace.governance.contacts.selectors import flag
from ictspace.governance.models import ReachabilityTest

# The seats the network is made of, in the order a caller needs them.
SECTIONS = ("evidence", "csirt", "ncpoc")


def _section(appointment) -> str:
    if appointment.role == Appointment.Role.EVIDENCE_CONTACT:
        return "evidence"
    if appointment.body.kind == Body.Kind.CSIRT:
        return "csirt"
    return "ncpoc"


def _channels(user):
    last = ReachabilityTest.objects.filter(channel=OuterRef("pk")).order_by("-tested_on", "-id")
    return (
        access.contact_channels_visible_to(user)
        .annotate(
            last_tested_on=Subquery(last.values("tested_on")[:1]),
            last_reached=Subquery(last.values("reached")[:1]),
        )
        .order_by("-available_24_7", "kind")
    )


def _seats(user, jurisdictions):
    network = Q(role__in=[Appointment.Role.NCPOC, Appointment.Role.EVIDENCE_CONTACT])
    network |= Q(body__kind=Body.Kind.CSIRT)
    return (
        access.appointments_visible_to(user)
        .active()
        .filter(network, jurisdiction__in=jurisdictions)
        .select_related("person__organisation", "body")
        .prefetch_related(Prefetch("person__channels", queryset=_channels(user)))
        .order_by("person__full_name")
    )


def contact_network(user, *, query: str = "") -> list[dict]:
    """One card per jurisdiction matching `query` (name or code): its contacts by section."""
    jurisdictions = access.jurisdictions_visible_to(user).order_by("kind", "name")
    if query:
        # A code names one jurisdiction ("BB"); anything else is part of a name ("barb").
        by_code = Q(code__iexact=query) | Q(iso_code__iexact=query)
        matches = jurisdictions.filter(by_code)
        jurisdictions = matches if matches.exists() else jurisdictions.filter(name__icontains=query)
    cards = {j.pk: {"jurisdiction": j, **{s: [] for s in SECTIONS}} for j in jurisdictions}
    today = timezone.localdate()
    for seat in _seats(user, jurisdictions):
        for channel in seat.person.channels.all():
            channel.flag = flag(channel.last_tested_on, channel.last_reached, today)
        cards[seat.jurisdiction_id][_section(seat)].append(seat)
    return list(cards.values())
