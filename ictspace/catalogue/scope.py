"""Scope: which jurisdictions an item concerns, as its library declares it (docs/libraries.md).

`national`: every member state (and the associate members when the library says so)
reports its own status; `regional`: the region reports once; `both`: the region and each
state; a list of codes: only those. Declared at library level, overridden per item,
inherited down the tree. Never inferred from who leads an item or which states a status
cell names.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

NATIONAL, REGIONAL, BOTH, LISTED = "national", "regional", "both", "listed"
WORDS = (NATIONAL, REGIONAL, BOTH)
DEFAULT = NATIONAL


def check(value, where: str, resolve, fail):
    """The declared scope in canonical form (a word, or sorted directory codes), or None.

    `resolve(written, where)` turns a written jurisdiction into its directory code (or
    reports it); `fail(where, problem)` reports a problem.
    """
    if value is None:
        return None
    if isinstance(value, str) and value in WORDS:
        return value
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return sorted({resolve(v, where) for v in value})
    fail(where, f"`scope` must be one of {', '.join(WORDS)} or a list of jurisdiction codes")
    return None


def resolve_tree(entries: list[dict], default) -> dict[str, object]:
    """ref → the scope in force (own, else the nearest ancestor's, else the library's)."""
    resolved: dict[str | None, object] = {None: default or DEFAULT}
    for entry in entries:  # document order: a parent comes before its children
        inherited = resolved.get(entry["parent"], resolved[None])
        resolved[entry["ref"]] = entry.get("scope") or inherited
    return resolved


def stored_fields(scope, *, associates: bool) -> dict:
    """The resolved scope as the Item columns that reads and access checks use."""
    if isinstance(scope, list):
        return {"scope_kind": LISTED, "scope_codes": "," + ",".join(scope) + ",",
                "scope_associates": False}  # fmt: skip
    return {"scope_kind": scope, "scope_codes": "", "scope_associates": associates}


def concerns(item, jurisdiction) -> bool:
    """Whether the item asks this jurisdiction for a status. No query."""
    if item.scope_kind == LISTED:
        return f",{jurisdiction.code}," in item.scope_codes
    if jurisdiction.kind == "region":
        return item.scope_kind in (REGIONAL, BOTH)
    if item.scope_kind not in (NATIONAL, BOTH):
        return False
    return jurisdiction.membership == "member" or (
        item.scope_associates and jurisdiction.membership == "associate"
    )


def concerning(jurisdiction) -> Q:
    """Items (as a Q on Item) that concern the jurisdiction: the queryset form of `concerns`."""
    listed = Q(scope_kind=LISTED, scope_codes__contains=f",{jurisdiction.code},")
    if jurisdiction.kind == "region":
        return listed | Q(scope_kind__in=[REGIONAL, BOTH])
    if jurisdiction.membership == "member":
        return listed | Q(scope_kind__in=[NATIONAL, BOTH])
    if jurisdiction.membership == "associate":
        return listed | Q(scope_kind__in=[NATIONAL, BOTH], scope_associates=True)
    return listed


def _names(codes) -> list[str]:
    """The jurisdictions' names in the order the library lists their codes."""
    from ictspace.directory.models import Jurisdiction

    names = dict(Jurisdiction.objects.filter(code__in=codes).values_list("code", "name"))
    return [names.get(code, code) for code in codes]


def refusal(item, jurisdiction) -> str:
    """Why the item takes no status for this jurisdiction, in words a user can act on."""
    if item.scope_kind == REGIONAL:
        return _(
            "Item %(ref)s concerns the region as a whole; its status is recorded once, "
            "for the region, by the agencies that lead it."
        ) % {"ref": item.ref}
    if item.scope_kind == LISTED:
        return _("Item %(ref)s concerns only %(names)s; %(name)s records no status for it.") % {
            "ref": item.ref,
            "names": ", ".join(_names(item.scope_jurisdiction_codes)),
            "name": jurisdiction.name,
        }
    if jurisdiction.kind == "region":
        return _(
            "Item %(ref)s is reported by each state; the region shows their count, "
            "not a status of its own."
        ) % {"ref": item.ref}
    return _("Item %(ref)s does not concern %(name)s (its library covers member states only).") % {
        "ref": item.ref,
        "name": jurisdiction.name,
    }
