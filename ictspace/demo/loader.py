"""The demonstration data set: generated with a fixed seed, marked, never in production.

Every row goes through the platform's own actions (as the demo accounts, who are the
people the actions allow), so the audit log, the queues and the charts are real.
"""

import random
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ictspace import access
from ictspace.accounts.demo import ensure_demo_cast
from ictspace.accounts.models import Role
from ictspace.audit.log import record
from ictspace.demo import cast, exchange, flag, indicators, statuses, work
from ictspace.demo.models import DemoDataSet

SEED = 2026


class DemoDataRefused(RuntimeError):
    """The instance is not a demonstration instance: its data must stay real."""


@dataclass
class Summary:
    created: bool
    counts: dict


@transaction.atomic
def load_demo_data(*, seed: int = SEED) -> Summary:
    """Generate the data set once; a second run finds the marker and changes nothing."""
    if not settings.DEMO:
        raise DemoDataRefused("Demonstration data loads only where ICTSPACE_DEMO=true")
    existing = DemoDataSet.objects.select_for_update().filter(seed=seed).first()
    if existing is not None:
        return Summary(created=False, counts=existing.summary)
    ensure_demo_cast()
    # Not for secrets: a fixed seed makes the same region on every machine.
    rng, today = random.Random(seed), timezone.localdate()  # noqa: S311
    states = cast.member_states()
    reporters = cast.reporters(states)
    chair = cast.cast_user(Role.RCC_CHAIR)
    held_back = {s.pk for s in states if s.code in work.NCPOC_STATES}
    counts = {
        "statuses": statuses.load(rng, states, reporters, chair, today),
        "values": indicators.load(rng, states, reporters, chair, today, held_back=held_back),
        "work_in_progress": work.load(today),
        "exchange": exchange.load(reporters, today),
    }
    marker = DemoDataSet.objects.create(seed=seed, loaded_at=timezone.now(), summary=counts)
    record(actor=access.SYSTEM, action="load_demo_data", obj=marker, changes=counts)
    transaction.on_commit(flag.forget)
    return Summary(created=True, counts=counts)
