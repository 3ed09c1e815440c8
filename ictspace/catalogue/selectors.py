"""Reads of the catalogue: library list, filtered tree, item with its mappings."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from ictspace.catalogue.models import Item, Library, Mapping


def libraries_with_counts() -> list[Library]:
    """Each library with {kind: count} of its current items, in two queries."""
    libraries = list(Library.objects.order_by("title"))
    counts = (
        Item.objects.filter(retired_in_version__isnull=True)
        .values("library_id", "kind")
        .annotate(n=Count("id"))
        .order_by("library_id", "kind")
    )
    by_library: dict[int, dict[str, int]] = {}
    for row in counts:
        by_library.setdefault(row["library_id"], {})[row["kind"]] = row["n"]
    for library in libraries:
        library.kind_counts = by_library.get(library.pk, {})
        library.item_count = sum(library.kind_counts.values())
    return libraries


@dataclass
class TreeFilters:
    q: str = ""
    kind: str = ""
    lead: str = ""
    jurisdiction: str = ""
    phase: str = ""
    due_year: int | None = None

    @property
    def active(self) -> bool:
        return any([self.q, self.kind, self.lead, self.jurisdiction, self.phase, self.due_year])


def library_items(library: Library, filters: TreeFilters) -> list[Item]:
    """Current items in document order; with filters, the matches only."""
    qs = Item.objects.filter(library=library, retired_in_version__isnull=True)
    qs = _filtered(qs, filters).prefetch_related("jurisdictions").order_by("position")
    return list(qs)


def _filtered(qs: QuerySet[Item], f: TreeFilters) -> QuerySet[Item]:
    if f.q:
        qs = qs.filter(
            Q(title__icontains=f.q)
            | Q(description__icontains=f.q)
            | Q(ref__iexact=f.q)
            | Q(status_text__icontains=f.q)
        )
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.lead:
        led = Item.lead_organisations.through.objects.filter(
            item_id=OuterRef("pk"), organisation__code=f.lead
        )
        qs = qs.filter(Exists(led))
    if f.jurisdiction:
        named = Item.jurisdictions.through.objects.filter(
            item_id=OuterRef("pk"), jurisdiction__code=f.jurisdiction
        )
        qs = qs.filter(Exists(named))
    if f.phase:
        qs = qs.filter(phase_codes__contains=f",{f.phase},")
    if f.due_year:
        qs = qs.filter(due_by__year=f.due_year)
    return qs


def ancestors_by_ref(library: Library) -> dict[int, list[tuple[str, str]]]:
    """For each item id, its ancestors' (ref, title), root first — one query."""
    rows = Item.objects.filter(library=library).values_list("pk", "parent_id", "ref", "title")
    by_pk = {pk: (parent, ref, title) for pk, parent, ref, title in rows}
    out = {}
    for pk in by_pk:
        chain = []
        parent = by_pk[pk][0]
        while parent is not None:
            p_parent, ref, title = by_pk[parent]
            chain.append((ref, title))
            parent = p_parent
        out[pk] = list(reversed(chain))
    return out


def filter_choices(library: Library) -> dict:
    """The values the tree's filters offer, from this library's own items."""
    items = Item.objects.filter(library=library, retired_in_version__isnull=True)
    kinds = sorted(set(items.values_list("kind", flat=True)))
    leads = sorted(
        set(
            Item.lead_organisations.through.objects.filter(item__in=items).values_list(
                "organisation__code", flat=True
            )
        )
    )
    states = sorted(
        set(
            Item.jurisdictions.through.objects.filter(item__in=items).values_list(
                "jurisdiction__code", "jurisdiction__name"
            )
        ),
        key=lambda row: row[1],
    )
    years = sorted({d.year for d in items.exclude(due_by=None).values_list("due_by", flat=True)})
    phases = [str(p.get("code")) for p in library.header.get("phases", [])]
    return {"kinds": kinds, "leads": leads, "states": states, "years": years, "phases": phases}


def item_mappings(item: Item) -> dict[str, list]:
    """Mappings from and to the item, each with the other end resolved when it is loaded."""
    outgoing = list(Mapping.objects.filter(from_item=item).order_by("position"))
    targets = Item.objects.filter(
        library__slug__in={m.to_slug for m in outgoing}, ref__in={m.to_ref for m in outgoing}
    ).select_related("library")
    found = {(t.library.slug, t.ref): t for t in targets}
    for m in outgoing:
        m.target = found.get((m.to_slug, m.to_ref))
    incoming = list(
        Mapping.objects.filter(to_slug=item.library.slug, to_ref=item.ref).select_related(
            "from_item", "library"
        )
    )
    return {"outgoing": outgoing, "incoming": incoming}


def unresolved_mappings() -> list[str]:
    loaded = Item.objects.filter(library__slug=OuterRef("to_slug"), ref=OuterRef("to_ref"))
    return [
        f"{m.library.slug}:{m.from_item.ref} → {m.to_slug}:{m.to_ref}"
        for m in Mapping.objects.filter(~Exists(loaded)).select_related("library", "from_item")
    ]
