"""A release freezes what was validated as of its date, and nothing else."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ictspace.access import SYSTEM
from ictspace.accounts.models import Role
from ictspace.audit.models import AuditEntry
from ictspace.catalogue.models import Indicator, Item, Library
from ictspace.conftest import OWN
from ictspace.directory.models import Jurisdiction
from ictspace.indicators.models import Observation
from ictspace.releases import selectors
from ictspace.releases.actions import do_publish_release, do_withdraw_release
from ictspace.releases.models import ReleasedStatus, ReleasedValue
from ictspace.tracking.models import StatusUpdate

IWP = "single-ict-space-iwp-2017"
CORE = "ict-core-indicators"
AS_OF = datetime.date(2024, 6, 30)


def status(state, code, effective, **extra):
    return StatusUpdate.objects.create(
        jurisdiction=Jurisdiction.objects.get(code=OWN),
        item=Item.objects.get(library__slug=IWP, ref="3.1.4"),
        status=code,
        effective_date=effective,
        review_state=state,
        created_at=timezone.now(),
        **extra,
    )


def value(state, year, number):
    return Observation.objects.create(
        jurisdiction=Jurisdiction.objects.get(code=OWN),
        indicator=Indicator.objects.get(library__slug=CORE, code="ind-internet"),
        period=str(year),
        period_start=datetime.date(year, 1, 1),
        period_end=datetime.date(year, 12, 31),
        value_number=Decimal(number),
        review_state=state,
        created_at=timezone.now(),
    )


def publish(user, as_of=AS_OF, title="Mid-year 2024"):
    return do_publish_release(
        title=title,
        as_of=as_of,
        libraries=Library.objects.filter(slug__in=[IWP, CORE]),
        jurisdictions=Jurisdiction.objects.filter(code=OWN),
        acting_user=user,
    )


def released_status(release):
    return ReleasedStatus.objects.get(release=release, item__ref="3.1.4", item__library__slug=IWP)


@pytest.fixture
def analyst(cast):
    return cast[Role.SECRETARIAT]


def test_a_release_freezes_the_validated_status_and_never_a_draft(analyst):
    status("validated", "in_progress", datetime.date(2024, 1, 1))
    status("draft", "completed", datetime.date(2024, 2, 1))
    status("submitted", "completed", datetime.date(2024, 3, 1))
    status("returned", "completed", datetime.date(2024, 4, 1), return_reason="Evidence?")
    status("validated", "completed", datetime.date(2024, 8, 1))  # after the as-of date
    release = publish(analyst)
    assert released_status(release).status == "in_progress"
    # A later validation, effective before the release date, changes nothing in it.
    status("validated", "completed", datetime.date(2024, 5, 1))
    assert released_status(release).status == "in_progress"
    second = publish(analyst, title="Mid-year again")
    assert released_status(second).status == "completed"
    changed = selectors.changes(second, selectors.previous(second))
    assert [(c.item.ref, c.after) for c in changed if c.item.ref == "3.1.4"] == [
        ("3.1.4", released_status(second).status_label)
    ]


def test_a_release_freezes_the_value_that_counted_and_never_a_pending_one(analyst):
    value("validated", 2023, 40)
    value("submitted", 2023, 99)  # a correction waiting for review
    value("validated", 2024, 50)  # its period ends after the as-of date
    release = publish(analyst)
    assert list(
        ReleasedValue.objects.filter(release=release).values_list("period", "value_number")
    ) == [("2023", Decimal(40))]
    Observation.objects.filter(value_number=99).update(review_state="validated")
    assert ReleasedValue.objects.get(release=release).value_number == Decimal(40)


def test_only_the_secretariat_publishes_and_the_date_is_not_in_the_future(cast, analyst):
    with pytest.raises(PermissionDenied):
        publish(cast[Role.RCC_CHAIR])
    with pytest.raises(ValidationError):
        publish(analyst, as_of=timezone.localdate() + datetime.timedelta(days=1))


def test_withdrawing_is_audited_and_the_release_leaves_the_published_ones(analyst):
    release = publish(analyst)
    assert selectors.latest() == release
    with pytest.raises(ValidationError):
        do_withdraw_release(release, reason=" ", acting_user=analyst)
    do_withdraw_release(release, reason="Wrong figures for BB", acting_user=analyst)
    assert selectors.latest() is None
    entry = AuditEntry.objects.filter(action="withdrew_release").get()
    assert entry.actor == analyst and entry.object_id == str(release.pk)
    assert ReleasedStatus.objects.filter(release=release).exists()  # kept for the record


def test_the_overview_counts_the_share_met(analyst):
    status("validated", "completed", datetime.date(2024, 1, 1))
    release = publish(analyst)
    libraries, rows = selectors.overview(release)
    iwp = [lib.slug for lib in libraries].index(IWP)
    share = rows[0].shares[iwp]
    assert share.met == 1 and share.total >= 1


def test_system_may_publish_for_the_demo_data(cast):
    assert publish(SYSTEM).published_by is None


def test_the_command_publishes_once_with_if_none(cast):
    from django.core.management import call_command

    from ictspace.releases.models import Release

    call_command("publish_release", "--if-none", "--library", IWP, "--jurisdiction", OWN)
    call_command("publish_release", "--if-none")
    assert Release.objects.count() == 1
