"""The library as loaded, in the documented export contract (docs/libraries.md)."""

import io
import json
from decimal import Decimal

import yaml
from openpyxl import Workbook

from ictspace.catalogue.library_file import canonical_json
from ictspace.catalogue.models import Indicator, Item, Library, Mapping
from ictspace.spreadsheets import safe_cell


def _number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _item_dict(item: Item, parent_ref: str | None, indicators: list[dict]) -> dict:
    out = {"ref": item.ref, "parent": parent_ref, "kind": item.kind, "title": item.title}
    optional = {
        "description": item.description,
        "source_section": item.source_section,
        "assessable": item.assessable or None,
        "scale": item.scale,
        "leads": item.leads,
        "partners": item.partners,
        "jurisdictions": sorted(j.code for j in item.jurisdictions.all()),
        "scope": item.scope,
        "status_text": item.status_text,
    }
    out.update({k: v for k, v in optional.items() if v})
    if item.due_text or item.due_value:
        due = {"text": item.due_text, "value": item.due_value, "precision": item.due_precision}
        out["due"] = {k: v for k, v in due.items() if v}
    if item.phases:
        out["phases"] = item.phases
    if item.budget_text:
        budget = {
            "text": item.budget_text,
            "min_usd": _number(item.budget_min_usd),
            "max_usd": _number(item.budget_max_usd),
        }
        out["budget"] = {k: v for k, v in budget.items() if v is not None}
    if item.attributes:
        out["attributes"] = item.attributes
    if indicators:
        out["indicators"] = indicators
    return out


def library_as_dict(slug: str) -> dict:
    """Rebuilt from the loaded rows (not from the file), so the export shows what is stored."""
    library = Library.objects.get(slug=slug)
    items = list(
        Item.objects.filter(library=library, retired_in_version__isnull=True)
        .select_related("parent")
        .prefetch_related("jurisdictions")
        .order_by("position")
    )
    indicators: dict[int, list[dict]] = {}
    for ind in Indicator.objects.filter(library=library, retired_in_version__isnull=True).order_by(
        "item__position", "position"
    ):
        indicators.setdefault(ind.item_id, []).append(ind.definition)
    content = dict(library.header)
    content["items"] = [
        _item_dict(i, i.parent.ref if i.parent else None, indicators.get(i.pk, [])) for i in items
    ]
    mappings = [
        {
            k: v
            for k, v in {
                "from": m.from_item.ref,
                "to": f"{m.to_slug}:{m.to_ref}",
                "relation": m.relation,
                "rationale": m.rationale,
            }.items()
            if v
        }
        for m in Mapping.objects.filter(library=library).select_related("from_item")
    ]
    if mappings:
        content["mappings"] = mappings
    return content


def export_json(slug: str) -> bytes:
    return canonical_json(library_as_dict(slug)).encode()


def export_yaml(slug: str) -> bytes:
    text = yaml.safe_dump(library_as_dict(slug), sort_keys=False, allow_unicode=True, width=100)
    return text.encode()


ITEM_COLUMNS = [
    "ref", "parent", "kind", "title", "description", "leads", "partners", "jurisdictions",
    "scope", "status_text", "due_text", "due_value", "due_precision", "phases", "budget_text",
    "budget_min_usd", "budget_max_usd", "assessable", "scale", "source_section",
]  # fmt: skip


def export_xlsx(slug: str) -> bytes:
    content = library_as_dict(slug)
    book = Workbook()
    sheet = book.active
    sheet.title = "Library"
    for key in ("slug", "title", "version"):
        sheet.append([key, safe_cell(str(content[key]))])
    sheet.append(["source", safe_cell(content.get("source", {}).get("file", ""))])
    items = book.create_sheet("Items")
    items.append(ITEM_COLUMNS)
    for item in content["items"]:
        items.append([safe_cell(_flat(item, column)) for column in ITEM_COLUMNS])
    indicators = book.create_sheet("Indicators")
    indicators.append(["item", "code", "name", "unit", "direction", "baseline", "targets"])
    for item in content["items"]:
        for ind in item.get("indicators", []):
            targets = "; ".join(
                f"{t.get('period', '')}: {t['text']}" for t in ind.get("targets", [])
            )
            indicators.append(
                [
                    safe_cell(v)
                    for v in (
                        item["ref"],
                        ind["code"],
                        ind["name"],
                        ind.get("unit", ""),
                        ind.get("direction", ""),
                        ind.get("baseline", {}).get("text", ""),
                        targets,
                    )
                ]
            )
    mappings = book.create_sheet("Mappings")
    mappings.append(["from", "to", "relation", "rationale"])
    for m in content.get("mappings", []):
        mappings.append([safe_cell(m.get(k, "")) for k in ("from", "to", "relation", "rationale")])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _flat(item: dict, column: str):
    if column.startswith("due_"):
        return item.get("due", {}).get(column[4:], "")
    if column.startswith("budget_"):
        value = item.get("budget", {}).get(column[7:], "")
        return value
    value = item.get(column, "")
    if isinstance(value, list):
        return ", ".join(value)
    if value is None:
        return ""
    return value if not isinstance(value, dict) else json.dumps(value)


EXPORTERS = {"json": export_json, "yaml": export_yaml, "xlsx": export_xlsx}
