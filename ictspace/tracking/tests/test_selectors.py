import datetime

import pytest
from django.utils import timezone

from ictspace.catalogue.models import Item, Library
from ictspace.directory.models import Jurisdiction
from ictspace.review.models import ReviewState
from ictspace.tracking.models import StatusUpdate
from ictspace.tracking.selectors import current_statuses, gaps

pytestmark = pytest.mark.django_db
IWP = "single-ict-space-iwp-2017"
D = datetime.date


def _row(item, state, status, effective, review=ReviewState.VALIDATED):
    return StatusUpdate.objects.create(
        jurisdiction=state,
        item=item,
        status=status,
        effective_date=effective,
        review_state=review,
        created_at=timezone.now(),
        return_reason="r" if review == ReviewState.RETURNED else "",
    )


@pytest.fixture
def pair(loaded_libraries):
    return Item.objects.get(library__slug=IWP, ref="3.1.4"), Jurisdiction.objects.get(code="BB")


def test_latest_validated_update_on_or_before_the_date(pair):
    item, bb = pair
    _row(item, bb, "not_started", D(2018, 1, 1))
    _row(item, bb, "in_progress", D(2019, 6, 1))
    _row(item, bb, "completed", D(2020, 1, 1), review=ReviewState.SUBMITTED)
    _row(item, bb, "completed", D(2020, 2, 1), review=ReviewState.RETURNED)
    _row(item, bb, "completed", D(2020, 3, 1), review=ReviewState.DRAFT)

    def status(on):
        cell = current_statuses(on).get((bb.pk, item.pk))
        return cell.status if cell else None

    assert status(D(2017, 12, 31)) is None
    assert status(D(2018, 1, 1)) == "not_started"
    assert status(D(2019, 5, 31)) == "not_started"
    assert status(D(2019, 6, 1)) == "in_progress"
    assert status(D(2025, 1, 1)) == "in_progress"  # unvalidated work never counts


def test_same_day_updates_the_later_recorded_wins(pair):
    item, bb = pair
    _row(item, bb, "in_progress", D(2019, 6, 1))
    later = _row(item, bb, "completed", D(2019, 6, 1))
    cell = current_statuses(D(2019, 6, 1))[(bb.pk, item.pk)]
    assert (cell.status, cell.update_id) == ("completed", later.pk)


def test_gaps_include_items_without_data_and_exclude_met_and_retired(pair):
    item, bb = pair
    library = Library.objects.get(slug=IWP)
    concerning = [
        i for i in Item.objects.filter(library=library, assessable=True) if _concerns(i, bb)
    ]
    total = len(concerning)
    assert item in concerning and 0 < total < 65  # regional rows are the region's
    assert len(gaps(bb, library, D(2025, 1, 1))) == total  # no data anywhere
    assert all(g.bucket == "no_data" and g.cell is None for g in gaps(bb, library, D(2025, 1, 1)))
    _row(item, bb, "completed", D(2019, 1, 1))
    other = next(i for i in concerning if i != item)
    _row(other, bb, "in_progress", D(2019, 1, 1))
    result = gaps(bb, library, D(2025, 1, 1))
    assert len(result) == total - 1
    assert item.pk not in {g.item.pk for g in result}
    assert next(g for g in result if g.item.pk == other.pk).cell.status == "in_progress"
    assert len(gaps(bb, library, D(2018, 12, 31))) == total  # as of before the update
    Item.objects.filter(pk=other.pk).update(retired_in_version=2)
    assert len(gaps(bb, library, D(2025, 1, 1))) == total - 2


def _concerns(item, state):
    """The IWP's declared scope written out for a member state: own, else inherited."""
    node = item
    while node is not None:
        if node.scope:
            return node.scope in ("national", "both")
        node = node.parent
    return True  # the library's default: national


def test_a_regional_row_is_the_regions_gap_not_a_states(pair):
    library = Library.objects.get(slug=IWP)
    region = Jurisdiction.objects.get(kind="region")
    regional = Item.objects.get(library=library, ref="1.1.1")
    assert regional.lead_organisations.exists()
    assert regional.pk in {g.item.pk for g in gaps(region, library, D(2025, 1, 1))}
    assert regional.pk not in {g.item.pk for g in gaps(pair[1], library, D(2025, 1, 1))}
    ixp = pair[0]  # each state's to do ("in remaining CARICOM States"), not the region's
    assert ixp.pk not in {g.item.pk for g in gaps(region, library, D(2025, 1, 1))}
    guyana = Jurisdiction.objects.get(code="GY")
    assert ixp.pk in {g.item.pk for g in gaps(guyana, library, D(2025, 1, 1))}


def test_as_of_is_one_query_whatever_the_data(pair, django_assert_num_queries):
    item, bb = pair
    for year in range(2010, 2020):
        _row(item, bb, "in_progress", D(year, 1, 1))
    with django_assert_num_queries(1):
        current_statuses(D(2025, 1, 1))
