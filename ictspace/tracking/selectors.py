"""Reads over the status stream: the status of every pair as of a date, and gaps."""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import F, Window
from django.db.models.functions import RowNumber

from ictspace.catalogue.models import Item, Library, level_codes
from ictspace.directory.models import Jurisdiction
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


# Which pairs are tracked -------------------------------------------------------------


class LibraryIndex:
    """Every item of a library loaded once (three queries), with what pages derive from it.

    `tracked`: current assessable items in document order. `applies(item, jurisdiction)`:
    whether the pair is tracked. An item concerns the jurisdictions it lists (the IXP
    row names six states); else the state whose national body leads it (a national
    plan); else, when regional agencies lead it, the region; else every state. Lists
    and leads are inherited from the nearest ancestor that has them.
    """

    def __init__(self, library: Library, jurisdictions):
        self.library = library
        items = list(
            Item.objects.filter(library=library)
            .prefetch_related("jurisdictions", "lead_organisations")
            .order_by("position")
        )
        for item in items:
            item.library = library  # spare a query per item wherever .library is read
        self.by_pk = {item.pk: item for item in items}
        self.tracked = [i for i in items if i.assessable and i.retired_in_version is None]
        region = [j.pk for j in jurisdictions if j.kind == "region"]
        states = frozenset(j.pk for j in jurisdictions if j.kind != "region")
        self._concerns = {
            item.pk: self._resolve(item, region[0] if region else None, states) for item in items
        }

    def _resolve(self, item: Item, region_id, states) -> frozenset:
        node = item
        while node is not None:
            listed = {j.pk for j in node.jurisdictions.all()}
            if listed:
                return frozenset(listed)
            leads = list(node.lead_organisations.all())
            national = {o.jurisdiction_id for o in leads if o.jurisdiction_id}
            if national:
                return frozenset(national)
            if leads:
                return frozenset({region_id} if region_id else ())
            node = self.by_pk.get(node.parent_id)
        return states

    def applies(self, item_id: int, jurisdiction_id: int) -> bool:
        return jurisdiction_id in self._concerns.get(item_id, ())

    def top(self, item: Item) -> Item:
        while item.parent_id is not None:
            item = self.by_pk[item.parent_id]
        return item

    def components(self) -> list[Item]:
        """The top-level items that hold tracked items, in document order."""
        tops = {self.top(i).pk for i in self.tracked}
        return [i for i in self.by_pk.values() if i.pk in tops]

    def kinds(self) -> list[str]:
        return sorted({i.kind for i in self.tracked})


# Buckets -----------------------------------------------------------------------------

MET, IN_PROGRESS, NOT_STARTED, NO_DATA = "met", "in_progress", "not_started", "no_data"
BUCKETS = (MET, IN_PROGRESS, NOT_STARTED, NO_DATA)


def bucket(library: Library, item: Item, status: str | None) -> str:
    """Any scale folds into four: met, in progress, not started (its lowest level), no data."""
    if status is None:
        return NO_DATA
    scale = library.scale(item.scale)
    codes = level_codes(scale)
    if status not in codes:
        return NO_DATA
    if codes.index(status) >= codes.index(scale["met"]):
        return MET
    return NOT_STARTED if codes.index(status) == 0 else IN_PROGRESS


def status_label(library: Library, item: Item, status: str | None) -> str:
    for level in library.scale(item.scale).get("levels", []):
        if level["code"] == status:
            return level["label"]
    return status or ""


# Dashboard and gaps --------------------------------------------------------------------


@dataclass
class Row:
    """One tracked item for one jurisdiction as of a date."""

    item: Item
    cell: Cell | None
    bucket: str
    label: str
    met_label: str
    evidence_count: int = 0

    @property
    def is_gap(self) -> bool:
        return self.bucket != MET


def evidence_counts(jurisdiction_ids, library: Library) -> dict[int, int]:
    """update id → number of evidence items, for the validated updates of these pairs."""
    from django.db.models import Count

    from ictspace.tracking.models import Evidence

    rows = (
        Evidence.objects.filter(
            update__jurisdiction_id__in=jurisdiction_ids,
            update__item__library=library,
            update__review_state=ReviewState.VALIDATED,
        )
        .values("update_id")
        .annotate(n=Count("id"))
        .values_list("update_id", "n")
    )
    return dict(rows)


def jurisdiction_rows(jurisdiction: Jurisdiction, library: Library, as_of) -> list[Row]:
    """Every item of the library that concerns the jurisdiction, with its status as of."""
    index = LibraryIndex(library, Jurisdiction.objects.all())
    cells = current_statuses(as_of, jurisdiction_ids=[jurisdiction.pk], library=library)
    counts = evidence_counts([jurisdiction.pk], library)
    rows = []
    for item in index.tracked:
        cell = cells.get((jurisdiction.pk, item.pk))
        if not index.applies(item.pk, jurisdiction.pk) and cell is None:
            continue
        status = cell.status if cell else None
        rows.append(
            Row(
                item=item,
                cell=cell,
                bucket=bucket(library, item, status),
                label=status_label(library, item, status),
                met_label=status_label(library, item, library.scale(item.scale).get("met")),
                evidence_count=counts.get(cell.update_id, 0) if cell else 0,
            )
        )
    return rows


def bucket_counts(rows) -> dict[str, int]:
    counts = dict.fromkeys(BUCKETS, 0)
    for row in rows:
        counts[row.bucket] += 1
    return counts


def gaps(jurisdiction: Jurisdiction, library: Library, as_of) -> list[Row]:
    """The gap analysis: every item that concerns the jurisdiction and is not met as of."""
    return [row for row in jurisdiction_rows(jurisdiction, library, as_of) if row.is_gap]


def changes_between(jurisdiction: Jurisdiction, library: Library, since, as_of):
    """Validated updates that took effect after `since` and by `as_of`, newest first."""
    return (
        StatusUpdate.objects.filter(
            jurisdiction=jurisdiction,
            item__library=library,
            review_state=ReviewState.VALIDATED,
            effective_date__gt=since,
            effective_date__lte=as_of,
        )
        .select_related("item", "author")
        .order_by("-effective_date", "-id")
    )


# The regional matrix -------------------------------------------------------------------


@dataclass
class MatrixCell:
    jurisdiction: Jurisdiction
    cell: Cell | None
    applies: bool
    bucket: str
    label: str


@dataclass
class MatrixRow:
    item: Item
    cells: list


@dataclass
class Matrix:
    library: Library
    jurisdictions: list
    rows: list
    counts: dict
    index: LibraryIndex


def matrix(library: Library, as_of, *, jurisdictions, component: str = "", kind: str = ""):
    """Jurisdictions × tracked items as of a date, filtered by component and kind."""
    jurisdictions = list(jurisdictions)
    index = LibraryIndex(library, jurisdictions)
    cells = current_statuses(as_of, jurisdiction_ids=[j.pk for j in jurisdictions], library=library)
    items = index.tracked
    if component:
        items = [i for i in items if index.top(i).ref == component]
    if kind:
        items = [i for i in items if i.kind == kind]
    rows, counts = [], dict.fromkeys(BUCKETS, 0)
    for item in items:
        row = MatrixRow(item=item, cells=[])
        for j in jurisdictions:
            cell = cells.get((j.pk, item.pk))
            applies = index.applies(item.pk, j.pk)
            status = cell.status if cell else None
            b = bucket(library, item, status)
            if applies:
                counts[b] += 1
            row.cells.append(MatrixCell(j, cell, applies, b, status_label(library, item, status)))
        rows.append(row)
    return Matrix(
        library=library, jurisdictions=jurisdictions, rows=rows, counts=counts, index=index
    )
