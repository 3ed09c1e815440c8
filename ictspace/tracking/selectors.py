"""Reads over the status stream: the status of every pair as of a date, and gaps."""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import F, Window
from django.db.models.functions import RowNumber

from ictspace.catalogue.models import Item, Library, level_codes
from ictspace.tracking.models import ReviewState, StatusUpdate


@dataclass(frozen=True)
class Cell:
    status: str
    effective_date: datetime.date
    update_id: int


def current_statuses(
    as_of: datetime.date, *, jurisdiction_ids=None, library: Library | None = None
) -> dict[tuple[int, int], Cell]:
    """{(jurisdiction_id, item_id): Cell} — the latest validated update effective by `as_of`.

    Ties on the same effective date go to the update recorded last. One query.
    """
    qs = StatusUpdate.objects.filter(review_state=ReviewState.VALIDATED, effective_date__lte=as_of)
    if jurisdiction_ids is not None:
        qs = qs.filter(jurisdiction_id__in=jurisdiction_ids)
    if library is not None:
        qs = qs.filter(item__library=library)
    if connection.vendor == "postgresql":
        # DISTINCT ON walks the partial index once: about twice as fast as a window here.
        ranked = qs.order_by("jurisdiction_id", "item_id", "-effective_date", "-id").distinct(
            "jurisdiction_id", "item_id"
        )
    else:
        ranked = qs.annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("jurisdiction_id"), F("item_id")],
                order_by=[F("effective_date").desc(), F("id").desc()],
            )
        ).filter(rank=1)
    return {
        (j, i): Cell(status, effective, pk)
        for j, i, status, effective, pk in ranked.values_list(
            "jurisdiction_id", "item_id", "status", "effective_date", "id"
        )
    }


def is_met(library: Library, item: Item, status: str | None) -> bool:
    scale = library.scale(item.scale)
    codes = level_codes(scale)
    if status is None or status not in codes:
        return False
    return codes.index(status) >= codes.index(scale["met"])


@dataclass
class Gap:
    item: Item
    cell: Cell | None  # None: no validated update at all ("no data")


def gaps(jurisdiction, library: Library, as_of: datetime.date) -> list[Gap]:
    """Every current assessable item of the library below its met level, in document order."""
    cells = current_statuses(as_of, jurisdiction_ids=[jurisdiction.pk], library=library)
    items = Item.objects.filter(
        library=library, assessable=True, retired_in_version__isnull=True
    ).order_by("position")
    out = []
    for item in items:
        cell = cells.get((jurisdiction.pk, item.pk))
        if not is_met(library, item, cell.status if cell else None):
            out.append(Gap(item=item, cell=cell))
    return out
