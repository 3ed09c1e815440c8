"""Reads over the status stream: the status of every pair as of a date, and gaps."""

import datetime
from dataclasses import dataclass
from typing import NamedTuple

from django.db import connection
from django.db.models import BooleanField, Exists, OuterRef
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _

from ictspace.catalogue import scope as scopes
from ictspace.catalogue.models import Item, Library, level_codes
from ictspace.directory.models import Jurisdiction
from ictspace.review.models import ReviewState
from ictspace.tracking.models import StatusUpdate


class Cell(NamedTuple):
    """A pair's current status. A tuple: a matrix builds tens of thousands of them."""

    status: str
    effective_date: datetime.date
    update_id: int


def current_statuses(
    as_of: datetime.date, *, jurisdiction_ids=None, library: Library | None = None, item_ids=None
) -> dict[tuple[int, int], Cell]:
    """{(jurisdiction_id, item_id): Cell} — the latest validated update effective by `as_of`.

    Ties on the same effective date go to the update recorded last. One query: each
    (jurisdiction, item) pair asked for is one seek in the validated stream's index, so
    the cost follows the cells a page shows, not the length of the stream (issue 17: a
    ranking window over every update took 1.7 s at 100× the region).
    """
    latest = _latest_per_pair(as_of, jurisdiction_ids, library, item_ids)
    if latest is None:
        return {}
    rows = StatusUpdate.objects.filter(latest).values_list(
        "jurisdiction_id", "item_id", "status", "effective_date", "id"
    )
    return {(j, i): Cell._make(rest) for j, i, *rest in rows}


def _latest_per_pair(as_of, jurisdiction_ids, library, item_ids) -> RawSQL | None:
    """A condition: the update is its pair's latest validated one by `as_of`."""
    where, params = [], []
    for column, ids in (("j.id", jurisdiction_ids), ("i.id", item_ids)):
        if ids is not None:
            ids = list(ids)
            if not ids:
                return None
            where.append(f"{column} IN ({', '.join(['%s'] * len(ids))})")
            params += ids
    if library is not None:
        where.append("i.library_id = %s")
        params.append(library.pk)
    updates = StatusUpdate._meta.db_table
    # Only table names and placeholders are formatted in; every value is a parameter. The
    # literal review state lets both engines use the partial index validated_stream_idx.
    sql = f"""
        SELECT (
            SELECT s.id FROM {updates} s
            WHERE s.jurisdiction_id = j.id AND s.item_id = i.id
              AND s.review_state = '{ReviewState.VALIDATED.value}' AND s.effective_date <= %s
            ORDER BY s.effective_date DESC, s.id DESC
            LIMIT 1
        )
        FROM {Jurisdiction._meta.db_table} j CROSS JOIN {Item._meta.db_table} i
        WHERE {" AND ".join(where) or "1 = 1"}
    """  # noqa: S608
    column = f"{connection.ops.quote_name(updates)}.{connection.ops.quote_name('id')}"
    if connection.vendor == "postgresql":
        # An array makes PostgreSQL probe the primary key once per cell; with IN (...) it
        # hashed the pairs against a scan of the whole table.
        condition = f"{column} = ANY(ARRAY({sql}))"
    else:
        condition = f"{column} IN ({sql})"
    params = [connection.ops.adapt_datefield_value(as_of), *params]
    return RawSQL(condition, params, output_field=BooleanField())  # noqa: S611


def is_met(library: Library, item: Item, status: str | None) -> bool:
    scale = library.scale(item.scale)
    codes = level_codes(scale)
    if status is None or status not in codes:
        return False
    return codes.index(status) >= codes.index(scale["met"])


# Which pairs are tracked -------------------------------------------------------------


class LibraryIndex:
    """Every item of a library loaded once (one query), with what pages derive from it.

    `tracked`: current assessable items in document order. `applies(item, jurisdiction)`:
    whether the pair is tracked, as the library declares the item's scope.
    """

    def __init__(self, library: Library, jurisdictions):
        self.library = library
        items = list(Item.objects.filter(library=library).order_by("position"))
        for item in items:
            item.library = library  # spare a query per item wherever .library is read
        self.by_pk = {item.pk: item for item in items}
        self.tracked = [i for i in items if i.assessable and i.retired_in_version is None]
        self.jurisdictions = list(jurisdictions)
        self._concerns = {
            item.pk: frozenset(j.pk for j in self.jurisdictions if scopes.concerns(item, j))
            for item in self.tracked
        }

    def applies(self, item_id: int, jurisdiction_id: int) -> bool:
        return jurisdiction_id in self._concerns.get(item_id, ())

    def concerned(self, jurisdiction_id: int) -> bool:
        """Whether any tracked item concerns the jurisdiction."""
        return any(jurisdiction_id in pks for pks in self._concerns.values())

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
    concerns: bool = True
    plan: object = None  # the gap's remediation plan: an open governance action item
    parent: Item | None = None  # the priority area / component the item sits in

    @property
    def is_gap(self) -> bool:
        # A status kept from before the item's scope left this jurisdiction is a fact, not a gap.
        return self.concerns and self.bucket != MET


def evidence_counts(update_ids) -> dict[int, int]:
    """update id → number of evidence items, for the updates a page shows (its cells)."""
    from django.db.models import Count

    from ictspace.tracking.models import Evidence

    # The shown cells' ids, a few hundred at most: counting every validated update's
    # evidence of the pairs joined the whole stream (115 ms at 100× with no evidence at all).
    rows = (
        Evidence.objects.filter(update_id__in=list(update_ids))
        .values("update_id")
        .annotate(n=Count("id"))
        .values_list("update_id", "n")
        .order_by()
    )
    return dict(rows)


def jurisdiction_rows(jurisdiction: Jurisdiction, library: Library, as_of) -> list[Row]:
    """Every item of the library that concerns the jurisdiction, with its status as of."""
    index = LibraryIndex(library, [jurisdiction])
    cells = current_statuses(as_of, jurisdiction_ids=[jurisdiction.pk], library=library)
    counts = evidence_counts(cell.update_id for cell in cells.values())
    rows = []
    for item in index.tracked:
        cell = cells.get((jurisdiction.pk, item.pk))
        concerns = index.applies(item.pk, jurisdiction.pk)
        if not concerns and cell is None:
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
                concerns=concerns,
                parent=index.by_pk.get(item.parent_id),
            )
        )
    return rows


def bucket_counts(rows) -> dict[str, int]:
    counts = dict.fromkeys(BUCKETS, 0)
    for row in rows:
        if row.concerns:
            counts[row.bucket] += 1
    return counts


def library_concerns(library: Library, jurisdiction: Jurisdiction) -> bool:
    """Whether any current tracked item of the library concerns the jurisdiction. One query."""
    return tracked_items(library).filter(scopes.concerning(jurisdiction)).exists()


def libraries_concerning(libraries, jurisdiction: Jurisdiction):
    """Narrow a Library queryset to those with a tracked item that concerns the jurisdiction."""
    concerned = Item.objects.filter(
        scopes.concerning(jurisdiction),
        library=OuterRef("pk"),
        assessable=True,
        retired_in_version__isnull=True,
    )
    return libraries.filter(Exists(concerned))


def not_concerned_message(library: Library, jurisdiction: Jurisdiction) -> str:
    return _("%(library)s does not concern %(name)s: it has no gap analysis for it.") % {
        "library": library.title,
        "name": jurisdiction.name,
    }


def tracked_items(library: Library):
    return Item.objects.filter(library=library, assessable=True, retired_in_version__isnull=True)


# The region's roll-up of a national item ------------------------------------------------


@dataclass(frozen=True)
class Rollup:
    """How the states an item concerns stand on it: the region's row of a national item."""

    met: int
    in_progress: int
    not_started: int
    no_data: int

    @property
    def total(self) -> int:
        return self.met + self.in_progress + self.not_started + self.no_data


def rollup(item: Item, cells: dict, jurisdictions) -> Rollup:
    """Count the concerned states' current buckets (cells from `current_statuses`)."""
    counts = dict.fromkeys(BUCKETS, 0)
    for j in jurisdictions:
        if j.kind != "region" and scopes.concerns(item, j):
            cell = cells.get((j.pk, item.pk))
            counts[bucket(item.library, item, cell.status if cell else None)] += 1
    return Rollup(**counts)


def rolls_up(item: Item, jurisdiction: Jurisdiction) -> bool:
    """The region's cell of an item each state reports on its own shows their count."""
    return jurisdiction.kind == "region" and item.scope_kind == scopes.NATIONAL


def gaps(jurisdiction: Jurisdiction, library: Library, as_of) -> list[Row]:
    """The gap analysis: every item that concerns the jurisdiction and is not met as of."""
    return [row for row in jurisdiction_rows(jurisdiction, library, as_of) if row.is_gap]


CHANGE_COLUMNS = (
    "status",
    "percent_complete",
    "effective_date",
    "review_state",
    "source_citation",
    "item__ref",
    "item__title",
    "item__scale",
    "item__library_id",
    "author__full_name",
    "author__email",
)


def changes_between(jurisdiction: Jurisdiction, library: Library, since, as_of, *, limit=200):
    """Validated updates that took effect after `since` and by `as_of`, newest first."""
    rows = list(
        StatusUpdate.objects.filter(
            jurisdiction=jurisdiction,
            item__library=library,
            review_state=ReviewState.VALIDATED,
            effective_date__gt=since,
            effective_date__lte=as_of,
        )
        .select_related("item", "author")
        # What the list and the report show: the items' JSON and the narratives stay in
        # the database (decoding them took 90 % of the call for 50 rows).
        .only(*CHANGE_COLUMNS)
        .order_by("-effective_date", "-id")[:limit]
    )
    for update in rows:
        # Each row names its item's library: the one asked for. Joining it instead decoded
        # its JSON header once per row (50 ms for 200 rows); leaving it cost a query per row.
        update.item.library = library
    return rows


# The regional matrix -------------------------------------------------------------------


@dataclass
class MatrixCell:
    jurisdiction: Jurisdiction
    cell: Cell | None
    applies: bool
    bucket: str
    label: str
    rollup: Rollup | None = None


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
    jurisdictions = _columns(index, cells, jurisdictions)
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
            if rolls_up(item, j):
                row.cells[-1].rollup = rollup(item, cells, index.jurisdictions)
        rows.append(row)
    return Matrix(
        library=library, jurisdictions=jurisdictions, rows=rows, counts=counts, index=index
    )


def _columns(index: LibraryIndex, cells: dict, jurisdictions: list) -> list:
    """The jurisdictions the library concerns (or that hold a status, or the region's roll-up)."""
    holding = {j for j, _i in cells}
    national = any(i.scope_kind == scopes.NATIONAL for i in index.tracked)
    return [
        j
        for j in jurisdictions
        if index.concerned(j.pk) or j.pk in holding or (national and j.kind == "region")
    ]


def updates_visible_to(user):
    """The status updates `user` may see, with what their pages show of each."""
    from ictspace import access

    return access.status_updates_visible_to(user).select_related(
        "jurisdiction", "item__library", "author", "reviewed_by"
    )


UNFINISHED = (ReviewState.DRAFT, ReviewState.SUBMITTED, ReviewState.RETURNED)


def _unfinished() -> RawSQL:
    """review_state IN ('draft', 'submitted', 'returned'), with the states written in the SQL.

    SQLite uses the partial index unfinished_stream_idx only when the query's condition
    visibly implies the index's; a bound parameter hides the values from its planner.
    """
    column = ".".join(
        connection.ops.quote_name(n) for n in (StatusUpdate._meta.db_table, "review_state")
    )
    states = ", ".join(f"'{state.value}'" for state in UNFINISHED)
    return RawSQL(f"{column} IN ({states})", [], output_field=BooleanField())  # noqa: S611


def work_in_progress(user, jurisdiction: Jurisdiction, library: Library, *, limit=50) -> list:
    """Drafts, submitted and returned updates of one jurisdiction's library, newest first."""
    from ictspace import access

    rows = list(
        access.status_updates_visible_to(user)
        .filter(_unfinished(), jurisdiction=jurisdiction, item__library=library)
        .select_related("item", "author", "reviewed_by")
        .order_by("-created_at", "-id")[:limit]
    )
    for update in rows:
        # The pair's jurisdiction and library are the ones asked for: joining the library
        # decoded its JSON header once per row (as in changes_between).
        update.jurisdiction, update.item.library = jurisdiction, library
    return rows
