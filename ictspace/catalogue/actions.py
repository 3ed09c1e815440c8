"""Loading library files into the catalogue. Atomic per library, audited."""

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ictspace import access, dbstats
from ictspace.audit.log import record
from ictspace.catalogue import scope as scopes
from ictspace.catalogue.library_file import (
    LibraryFileError,
    ParsedLibrary,
    due_period_end,
    read_library_file,
)
from ictspace.catalogue.models import Indicator, Item, Library, LibraryVersion, Mapping
from ictspace.directory.models import Jurisdiction, Organisation

LIBRARIES_DIR = Path(__file__).resolve().parent.parent / "libraries"


@dataclass
class LoadResult:
    slug: str
    version: int
    status: str  # "created" | "updated" | "unchanged"
    created: int = 0
    updated: int = 0
    retired: int = 0
    warnings: list[str] = field(default_factory=list)


def do_load_library_file(path: Path, *, acting_user) -> LoadResult:
    """Read one library file and load it (see do_load_library)."""
    if not access.can_load_reference_data(acting_user):
        raise PermissionDenied
    parsed = read_library_file(path)
    return do_load_library(parsed, path=path, acting_user=acting_user)


@transaction.atomic
def do_load_library(parsed: ParsedLibrary, *, path, acting_user) -> LoadResult:
    """Load a parsed library as a new version; the same content again changes nothing."""
    if not access.can_load_reference_data(acting_user):
        raise PermissionDenied
    content = parsed.content
    slug, version = content["slug"], content["version"]
    library = Library.objects.select_for_update().filter(slug=slug).first()
    if library is not None and library.content_sha256 == parsed.sha256:
        _refresh_derived(library, content)
        return LoadResult(slug, version, "unchanged", warnings=parsed.warnings)
    if library is not None and version <= library.version:
        raise LibraryFileError(
            path,
            [
                _(
                    "header: the content differs from loaded version %(old)s; "
                    "increase `version` to load it as a new version"
                )
                % {"old": library.version}
            ],
        )
    now = timezone.now()
    header = {k: v for k, v in content.items() if k not in ("items", "mappings")}
    old_version = library.version if library else None
    if library is None:
        library = Library(slug=slug)
    library.title = content["title"]
    library.version = version
    library.header = header
    library.content_sha256 = parsed.sha256
    library.loaded_at = now
    library.save()
    LibraryVersion.objects.create(
        library=library,
        version=version,
        content_sha256=parsed.sha256,
        content=content,
        loaded_at=now,
    )
    result = LoadResult(slug, version, "created" if old_version is None else "updated")
    result.warnings = parsed.warnings
    items = _load_items(library, content["items"], result)
    _load_indicators(library, content["items"], items)
    _load_mappings(library, content.get("mappings", []), items)
    record(
        actor=acting_user,
        action="load_library",
        obj=library,
        changes={
            "version": [old_version, version],
            "items_created": [None, result.created],
            "items_updated": [None, result.updated],
            "items_retired": [None, result.retired],
        },
    )
    dbstats.analyse_on_commit()  # the planner learns the new items, indicators and mappings
    return result


def _refresh_derived(library: Library, content: dict) -> None:
    """Same file, newer parser: update the parsed forms in place, without a new version."""
    latest = library.versions.order_by("-version").first()
    if latest is not None and latest.content != content:
        latest.content = content
        latest.save(update_fields=["content"])
    definitions = {
        ind["code"]: ind for item in content["items"] for ind in item.get("indicators", [])
    }
    for indicator in Indicator.objects.filter(library=library, code__in=definitions):
        if indicator.definition != definitions[indicator.code]:
            indicator.definition = definitions[indicator.code]
            indicator.save(update_fields=["definition"])


def _item_values(entry: dict, position: int, depth: int) -> dict:
    due = entry.get("due", {})
    budget = entry.get("budget", {})
    phases = entry.get("phases", [])
    return {
        "position": position,
        "depth": depth,
        "kind": entry["kind"],
        "title": entry["title"],
        "description": entry.get("description", ""),
        "source_section": entry.get("source_section", ""),
        "assessable": entry.get("assessable", False),
        "scale": entry.get("scale", ""),
        "leads": entry.get("leads", []),
        "partners": entry.get("partners", []),
        "scope": entry.get("scope"),
        "status_text": entry.get("status_text", ""),
        "due_text": due.get("text", ""),
        "due_value": due.get("value", ""),
        "due_precision": due.get("precision", ""),
        "due_by": due_period_end(due["value"]) if due.get("value") else None,
        "phases": phases,
        "phase_codes": "," + ",".join(phases) + "," if phases else "",
        "budget_text": budget.get("text", ""),
        "budget_min_usd": _decimal(budget.get("min_usd")),
        "budget_max_usd": _decimal(budget.get("max_usd")),
        "attributes": entry.get("attributes", {}),
        "retired_in_version": None,
    }


def _decimal(value):
    return None if value is None else Decimal(str(value))


def _load_items(library: Library, entries: list[dict], result: LoadResult) -> dict[str, Item]:
    existing = {item.ref: item for item in Item.objects.filter(library=library)}
    organisations = dict(Organisation.objects.values_list("code", "pk"))
    jurisdictions = dict(Jurisdiction.objects.values_list("code", "pk"))
    items: dict[str, Item] = {}
    depth: dict[str | None, int] = {None: -1}
    resolved = scopes.resolve_tree(entries, library.header.get("scope"))
    associates = library.header.get("scope_associates", False)
    for position, entry in enumerate(entries):
        ref = entry["ref"]
        depth[ref] = depth[entry["parent"]] + 1
        values = _item_values(entry, position, depth[ref])
        values.update(scopes.stored_fields(resolved[ref], associates=associates))
        values["parent"] = items.get(entry["parent"])
        item = existing.get(ref)
        if item is None:
            item = Item.objects.create(library=library, ref=ref, **values)
            result.created += 1
        elif any(getattr(item, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(item, key, value)
            item.save()
            result.updated += 1
        items[ref] = item
        item.lead_organisations.set(
            [organisations[c] for c in values["leads"] if c in organisations]
        )
        item.jurisdictions.set([jurisdictions[c] for c in entry.get("jurisdictions", [])])
    gone = [item.pk for ref, item in existing.items() if ref not in items and not item.retired]
    # A ref that disappears is retired, never deleted: tracking data may point at it.
    result.retired = Item.objects.filter(pk__in=gone).update(retired_in_version=library.version)
    return items


def _load_indicators(library: Library, entries: list[dict], items: dict[str, Item]) -> None:
    existing = {i.code: i for i in Indicator.objects.filter(library=library)}
    seen = set()
    for entry in entries:
        for position, definition in enumerate(entry.get("indicators", [])):
            code = definition["code"]
            seen.add(code)
            values = {
                "item": items[entry["ref"]],
                "position": position,
                "name": definition["name"],
                "unit": definition.get("unit", ""),
                "direction": definition.get("direction", "increase"),
                "definition": definition,
                "retired_in_version": None,
            }
            indicator = existing.get(code) or Indicator(library=library, code=code)
            for key, value in values.items():
                setattr(indicator, key, value)
            indicator.save()
    Indicator.objects.filter(library=library).exclude(code__in=seen).filter(
        retired_in_version__isnull=True
    ).update(retired_in_version=library.version)


def _load_mappings(library: Library, rows: list[dict], items: dict[str, Item]) -> None:
    # Mappings are the library's own statements; a new version states them afresh.
    Mapping.objects.filter(library=library).delete()
    Mapping.objects.bulk_create(
        Mapping(
            library=library,
            position=position,
            from_item=items[row["from"]],
            to_slug=row["to"].partition(":")[0],
            to_ref=row["to"].partition(":")[2],
            relation=row["relation"],
            rationale=row.get("rationale", ""),
        )
        for position, row in enumerate(rows)
    )


def library_files(directory: Path = LIBRARIES_DIR) -> list[Path]:
    return sorted(directory.glob("*.yaml"))
