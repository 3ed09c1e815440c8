"""Reads for the work-plan view: the plan's items with due, phases, status and overdue flag."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ictspace.catalogue import scope as scopes
from ictspace.catalogue.library_file import due_period_end
from ictspace.catalogue.models import Item, Library
from ictspace.charts import gantt
from ictspace.directory.models import Jurisdiction
from ictspace.tracking.selectors import Cell, current_statuses, is_met


@dataclass(frozen=True)
class Lead:
    code: str  # as the document writes it
    name: str  # the directory's name, or "" when the lead is not a coded organisation


@dataclass
class Row:
    item: Item
    component: Item  # the top-level item the row sits under (itself for a top-level item)
    phases: list[tuple[str, str]]  # (code, label)
    leads: list[Lead]
    cell: Cell | None  # the jurisdiction's latest validated status as of the date
    status_label: str  # "" for an item that is not assessed
    met: bool
    overdue: bool
    states_concerned: int = 0  # the states the item's scope concerns
    states_met: int = 0  # ... of which at their met level
    concerns: bool = True  # whether the item is tracked for the chosen jurisdiction

    @property
    def status(self) -> str | None:
        return self.cell.status if self.cell else None

    @property
    def bucket(self) -> str:
        """The shared `st-*` CSS class of the status: met, a level code, or no_data."""
        if self.met:
            return "met"
        return self.status or "no_data"


def is_overdue(item: Item, *, met: bool, as_of: datetime.date) -> bool:
    """Whether `item` is overdue on `as_of` for a jurisdiction whose status is `met` or not.

    The rule: the item is assessable, it has a due value, the last day of the due period is
    strictly before `as_of`, and the status is not met. The due period keeps the precision
    the document wrote (`Item.due_by` is its last day): due "2018" is overdue only from
    2019-01-01 (on 2018-12-31 it is not), due "December 2018" likewise, due "June 30, 2018"
    from 2018-07-01. "Met" is the latest validated status effective on or before `as_of`
    at or above the scale's met level; no validated status counts as not met. An item
    completed late stops being overdue from the effective date of its completion; an item
    without a due value, or not assessable (a component, an activity), is never overdue.
    """
    return item.assessable and item.due_by is not None and item.due_by < as_of and not met


def work_plan(
    library: Library, *, jurisdiction: Jurisdiction, as_of: datetime.date, count_states=True
) -> list[Row]:
    """The plan's current items in document order, with `jurisdiction`'s status on `as_of`.

    Items that carry nothing a plan tracks (no due date, phase, budget or assessable
    descendant: acknowledgements, a vision statement) are left out. Three queries, and
    two more for the states' counts unless `count_states` is false (see count_states).
    """
    items = list(
        Item.objects.filter(library=library, retired_in_version__isnull=True)
        .prefetch_related("lead_organisations")
        .order_by("position")
    )
    cells = current_statuses(as_of, jurisdiction_ids=[jurisdiction.pk], library=library)
    phase_labels = {str(p.get("code")): str(p.get("label", "")) for p in _phases(library)}
    roots = _roots(items)
    rows = []
    for item in _plan_items(items):
        row = _row(library, item, roots[item.pk], jurisdiction, cells, phase_labels, as_of)
        if item.assessable and row.cell is None and not scopes.concerns(item, jurisdiction):
            # Another jurisdiction's row (a state's project seen from the region): not
            # this jurisdiction's to do, so neither "no data" nor overdue.
            row.concerns, row.overdue, row.status_label = False, False, ""
        rows.append(row)
    if count_states:
        add_state_counts(library, rows, as_of=as_of)
    return rows


def add_state_counts(library: Library, rows: list[Row], *, as_of: datetime.date) -> None:
    """Fill how many states each row's item concerns and how many of them have met it.

    Ranks the updates of these rows' items only: a page that shows one component or the
    overdue rows reads their stream, not the whole plan's. Two queries at most.
    """
    assessable = [row for row in rows if row.item.assessable]
    if not assessable:
        return
    states = [j for j in Jurisdiction.objects.all() if j.kind != Jurisdiction.Kind.REGION]
    cells = current_statuses(
        as_of, jurisdiction_ids=[j.pk for j in states], item_ids=[r.item.pk for r in assessable]
    )
    for row in assessable:
        concerned = [j for j in states if scopes.concerns(row.item, j)]
        row.states_concerned = len(concerned)
        row.states_met = sum(_met_in(library, row.item, cells, j) for j in concerned)


def filter_rows(rows: list[Row], *, component: str = "", overdue_only: bool = False) -> list[Row]:
    """The rows of one component and/or the overdue rows, each with its ancestors."""
    if component:
        rows = [r for r in rows if r.component.ref == component]
    if not overdue_only:
        return rows
    keep = set()
    by_pk = {r.item.pk: r.item for r in rows}
    for row in rows:
        if row.overdue:
            item = row.item
            while item is not None:
                keep.add(item.pk)
                item = by_pk.get(item.parent_id)
    return [r for r in rows if r.item.pk in keep]


def components(rows: list[Row]) -> list[Item]:
    """The top-level items of the plan, for the component filter."""
    return list({r.component.pk: r.component for r in rows}.values())


def timeline(library: Library, rows: list[Row], *, as_of: datetime.date) -> gantt.Timeline:
    """The phases of the library and the rows' due dates, grouped by component."""
    return gantt.Timeline(
        title=_("Timeline of %(title)s") % {"title": library.title},
        as_of=as_of,
        bars=tuple(phase_bars(_phases(library))),
        markers=tuple(due_markers(rows)),
    )


def due_markers(rows: list[Row]) -> list[gantt.Marker]:
    """One marker per (component, due day), with how many items and how many overdue."""
    counts: dict[tuple[str, datetime.date], list[int]] = {}
    for row in rows:
        if row.item.due_by is None:
            continue
        group = f"{row.component.ref} {row.component.title}"
        count = counts.setdefault((group, row.item.due_by), [0, 0])
        count[0] += 1
        count[1] += row.overdue
    groups = dict.fromkeys(group for group, _day in counts)  # document order
    order = {group: index for index, group in enumerate(groups)}
    keys = sorted(counts, key=lambda key: (order[key[0]], key[1]))
    return [gantt.Marker(group, on, *counts[group, on]) for group, on in keys]


def phase_bars(phases: list[dict]) -> list[gantt.Bar]:
    """Bars for the header's phases that give a start and an end; the others are skipped."""
    bars = []
    for phase in phases:
        start, end = str(phase.get("start", "")), str(phase.get("end", ""))
        try:
            bar_start, bar_end = period_start(start), due_period_end(end)
        except (TypeError, ValueError):
            continue  # no usable dates: the phase is still listed by label in the page
        bars.append(
            gantt.Bar(
                str(phase.get("code", "")),
                str(phase.get("label", "")),
                bar_start,
                bar_end,
                start,
                end,
            )
        )
    return bars


def period_start(value: str) -> datetime.date:
    """The first day a period covers: '2017' → 2017-01-01, '2017-10' → 2017-10-01."""
    parts = [int(p) for p in value.split("-")]
    return datetime.date(*(parts + [1] * (3 - len(parts))))


def total_budget_text(library: Library) -> str:
    return str(library.header.get("attributes", {}).get("total_budget_text", ""))


def _phases(library: Library) -> list[dict]:
    phases = library.header.get("phases", [])
    return [p for p in phases if isinstance(p, dict)] if isinstance(phases, list) else []


def _row(library, item, root, jurisdiction, cells, phase_labels, as_of) -> Row:
    cell = cells.get((jurisdiction.pk, item.pk)) if item.assessable else None
    met = is_met(library, item, cell.status if cell else None)
    return Row(
        item=item,
        component=root,
        phases=[(code, phase_labels.get(str(code), "")) for code in item.phases],
        leads=_leads(item),
        cell=cell,
        status_label=_status_label(library, item, cell),
        met=met,
        overdue=is_overdue(item, met=met, as_of=as_of),
    )


def _met_in(library, item, cells, jurisdiction) -> bool:
    cell = cells.get((jurisdiction.pk, item.pk))
    return is_met(library, item, cell.status if cell else None)


def _status_label(library: Library, item: Item, cell: Cell | None) -> str:
    if not item.assessable:
        return ""
    if cell is None:
        return _("no data")
    labels = {
        lv["code"]: lv.get("label", lv["code"])
        for lv in library.scale(item.scale).get("levels", [])
    }
    return labels.get(cell.status, cell.status)


def _leads(item: Item) -> list[Lead]:
    names = {org.code: org.name for org in item.lead_organisations.all()}
    return [Lead(str(written), names.get(str(written), "")) for written in item.leads]


def _roots(items: list[Item]) -> dict[int, Item]:
    """Each item's top-level ancestor; parents come before children in document order."""
    roots: dict[int, Item] = {}
    for item in items:
        roots[item.pk] = roots.get(item.parent_id, item) if item.parent_id else item
    return roots


def _plan_items(items: list[Item]) -> list[Item]:
    """The items that carry plan content themselves or below them, in document order."""
    relevant: set[int] = set()
    for item in reversed(items):  # children before their parents
        if item.pk in relevant or _carries_plan(item):
            relevant.add(item.pk)
            if item.parent_id:
                relevant.add(item.parent_id)
    return [item for item in items if item.pk in relevant]


def _carries_plan(item: Item) -> bool:
    return bool(item.assessable or item.due_value or item.phases or item.budget_text)
