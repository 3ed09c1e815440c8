"""A jurisdiction's scorecard: share met, gaps by component with how long each is open."""

import datetime
from dataclasses import dataclass, field

from ictspace import access
from ictspace.catalogue.models import Item
from ictspace.tracking import selectors as tracking

STANDARD = "minimum_standard"


@dataclass
class Gap:
    row: tracking.Row
    days_open: int | None  # since its current status took effect; None: never assessed


@dataclass
class GapGroup:
    component: object  # the top-level item: priority area, component
    gaps: list = field(default_factory=list)


@dataclass
class Scorecard:
    library: object
    met: int
    total: int
    standards_met: int
    standards_total: int
    groups: list

    @property
    def percent(self) -> int:
        return round(100 * self.met / self.total) if self.total else 0

    @property
    def standards_percent(self) -> int:
        return round(100 * self.standards_met / self.standards_total) if self.standards_total else 0

    @property
    def gap_count(self) -> int:
        return sum(len(g.gaps) for g in self.groups)


def scorecards(user, jurisdiction, today: datetime.date, *, led_by=None) -> list[Scorecard]:
    """One scorecard per library that concerns the jurisdiction, its minimum standards first.

    `led_by` (organisation ids) keeps only the items those organisations lead: a lead
    agency's scorecard of the region.
    """
    libraries = tracking.libraries_concerning(access.libraries_visible_to(user), jurisdiction)
    cards = [
        _scorecard(library, jurisdiction, today, led_by) for library in libraries.order_by("title")
    ]
    cards = [card for card in cards if card.total]
    return sorted(cards, key=lambda card: (-card.standards_total, card.library.title))


def _led(library, led_by) -> set[int] | None:
    if led_by is None:
        return None
    through = library.items.model.lead_organisations.through.objects
    return set(
        through.filter(item__library=library, organisation_id__in=led_by).values_list(
            "item_id", flat=True
        )
    )


def _scorecard(library, jurisdiction, today, led_by) -> Scorecard:
    led = _led(library, led_by)
    rows = [
        row
        for row in tracking.jurisdiction_rows(jurisdiction, library, today)
        if row.concerns and (led is None or row.item.pk in led)
    ]
    standards = [row for row in rows if row.item.kind == STANDARD]
    return Scorecard(
        library=library,
        met=sum(row.bucket == tracking.MET for row in rows),
        total=len(rows),
        standards_met=sum(row.bucket == tracking.MET for row in standards),
        standards_total=len(standards),
        groups=_groups(library, rows, today),
    )


def _groups(library, rows, today) -> list[GapGroup]:
    """The gaps under their top-level item (priority area, component), in document order."""
    items = {
        item.pk: item
        for item in Item.objects.filter(library=library).only("id", "parent_id", "ref", "title")
    }
    groups: dict[int, GapGroup] = {}
    for row in rows:
        if not row.is_gap:
            continue
        top = row.item
        while top.parent_id is not None:
            top = items[top.parent_id]
        group = groups.setdefault(top.pk, GapGroup(component=top))
        days = (today - row.cell.effective_date).days if row.cell else None
        group.gaps.append(Gap(row=row, days_open=days))
    return list(groups.values())
