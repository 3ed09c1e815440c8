"""The 24/7 contact network with each channel's last test, and the flags it raises."""

import datetime

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from ictspace import access
from ictspace.governance.models import ReachabilityTest

STALE_AFTER = datetime.timedelta(days=90)


def network(user):
    """Every 24/7 channel the user may see, with its last test and whether it is flagged."""
    last = ReachabilityTest.objects.filter(channel=OuterRef("pk")).order_by("-tested_on", "-id")
    channels = (
        access.contact_channels_visible_to(user)
        .filter(available_24_7=True)
        .select_related("person__jurisdiction", "person__organisation")
        .annotate(
            last_tested_on=Subquery(last.values("tested_on")[:1]),
            last_reached=Subquery(last.values("reached")[:1]),
            last_response=Subquery(last.values("response_minutes")[:1]),
        )
        .order_by("person__jurisdiction__name", "person__full_name", "kind")
    )
    today = timezone.localdate()
    rows = list(channels)
    for channel in rows:
        channel.flag = flag(channel.last_tested_on, channel.last_reached, today)
    return rows


def flag(last_tested_on, last_reached, today) -> str:
    """ "unreached", "untested" (never, or not for 90 days) or "" for a channel in order."""
    if last_tested_on is None or last_tested_on < today - STALE_AFTER:
        return "untested"
    if not last_reached:
        return "unreached"
    return ""


def flagged(user):
    return [channel for channel in network(user) if channel.flag]
