"""Reads over releases: the public pages and open data read these, never live data."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from ictspace import access
from ictspace.releases.models import Release, ReleasedStatus, ReleasedValue
from ictspace.tracking.selectors import BUCKETS, MET


def published():
    """Releases in force: not withdrawn."""
    return access.releases_visible_to(None).filter(withdrawn_at__isnull=True)


def latest() -> Release | None:
    return published().order_by("-number").first()


def get_release(number: int) -> Release:
    """A release by number, withdrawn ones included (their page says so)."""
    return get_object_or_404(access.releases_visible_to(None), number=number)


def previous(release: Release) -> Release | None:
    return published().filter(number__lt=release.number).order_by("-number").first()


@dataclass
class Share:
    """How many of a library's tracked items a jurisdiction met, in one release."""

    met: int
    total: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.met / self.total) if self.total else None


@dataclass
class OverviewRow:
    jurisdiction: object
    shares: list = field(default_factory=list)  # one Share | None per library


def overview(release: Release) -> tuple[list, list[OverviewRow]]:
    """Per jurisdiction, the share of each library's items met. One grouped query."""
    libraries = list(release.libraries.order_by("title"))
    jurisdictions = list(release.jurisdictions.order_by("kind", "name"))
    counts = (
        ReleasedStatus.objects.filter(release=release)
        .values_list("jurisdiction_id", "item__library_id")
        .annotate(total=Count("id"), met=Count("id", filter=Q(bucket=MET)))
    )
    shares = {(j, lib): Share(met, total) for j, lib, total, met in counts}
    rows = [
        OverviewRow(j, [shares.get((j.pk, lib.pk)) for lib in libraries]) for j in jurisdictions
    ]
    return libraries, rows


@dataclass
class Area:
    """A priority area (top-level item) with the jurisdiction's gaps in it."""

    title: str
    gaps: list = field(default_factory=list)


def country(release: Release, jurisdiction) -> list[dict]:
    """Per library: counts by bucket, and the gaps grouped by priority area."""
    statuses = list(
        ReleasedStatus.objects.filter(release=release, jurisdiction=jurisdiction)
        .select_related("item__library")
        .order_by("item__library__title", "item__position")
    )
    tree = _items_of(release)
    out: dict[int, dict] = {}
    for s in statuses:
        entry = out.setdefault(
            s.item.library_id,
            {"library": s.item.library, "counts": dict.fromkeys(BUCKETS, 0), "areas": {}},
        )
        entry["counts"][s.bucket] += 1
        if s.bucket != MET:
            top = _top(s.item, tree)
            entry["areas"].setdefault(top.pk, Area(f"{top.ref} {top.title}")).gaps.append(s)
    for entry in out.values():
        entry["areas"] = list(entry["areas"].values())
        entry["total"] = sum(entry["counts"].values())
    return list(out.values())


def _items_of(release: Release) -> dict:
    """Every item of the release's libraries, for walking up to the priority areas. One query."""
    from ictspace.catalogue.models import Item

    rows = Item.objects.filter(library__in=release.libraries.all()).only(
        "id", "parent_id", "ref", "title"
    )
    return {item.pk: item for item in rows}


def _top(item, tree: dict):
    while item.parent_id is not None and item.parent_id in tree:
        item = tree[item.parent_id]
    return item


@dataclass(frozen=True)
class Change:
    jurisdiction: object
    item: object
    before: str
    after: str


def changes(release: Release, since: Release | None, *, jurisdiction=None) -> list[Change]:
    """Pairs whose status differs from the previous release (new pairs count as changes)."""
    now = _statuses(release, jurisdiction)
    before = _statuses(since, jurisdiction) if since else {}
    out = []
    for key, s in now.items():
        old = before.get(key)
        if old is None or old.status != s.status:
            out.append(
                Change(s.jurisdiction, s.item, old.status_label if old else "", s.status_label)
            )
    return out


def _statuses(release: Release, jurisdiction) -> dict:
    qs = ReleasedStatus.objects.filter(release=release).select_related("jurisdiction", "item")
    if jurisdiction is not None:
        qs = qs.filter(jurisdiction=jurisdiction)
    return {(s.jurisdiction_id, s.item_id): s for s in qs.order_by("jurisdiction", "item")}


def values(release: Release, *, indicator=None, jurisdiction=None):
    qs = ReleasedValue.objects.filter(release=release).select_related(
        "jurisdiction", "indicator__library"
    )
    if indicator is not None:
        qs = qs.filter(indicator=indicator)
    if jurisdiction is not None:
        qs = qs.filter(jurisdiction=jurisdiction)
    return qs.order_by("indicator__code", "jurisdiction__code", "period_start", "disaggregation")


def indicators_in(release: Release, *, jurisdiction=None):
    """The indicators with at least one released value (for a jurisdiction)."""
    from ictspace.catalogue.models import Indicator

    rows = ReleasedValue.objects.filter(release=release)
    if jurisdiction is not None:
        rows = rows.filter(jurisdiction=jurisdiction)
    return (
        Indicator.objects.filter(pk__in=rows.values("indicator_id"))
        .select_related("library")
        .order_by("library__title", "code")
    )
