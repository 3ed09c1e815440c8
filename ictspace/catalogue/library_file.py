"""Reading and validating a library file into its canonical form (the export contract).

Reads the directory to resolve codes and aliases; writes nothing.
"""

import calendar
import datetime
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ictspace.catalogue import scope as scopes
from ictspace.catalogue.targets import parse_target
from ictspace.directory.models import Jurisdiction, Organisation

FORMAT = "ictspace-library/1"
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,79}$")
REF_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")
DUE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
PRECISIONS = {4: "year", 7: "month", 10: "day"}
UNITS = {"percent", "number", "count", "currency", "ordinal", "yes_no", "text"}
DIRECTIONS = {"increase", "decrease", "none"}
RELATIONS = {"related", "implements", "part_of"}
DISAGGREGATIONS = {"sex", "age", "area"}
INDICATOR_KEYS = {
    "code", "name", "unit", "direction", "levels", "baseline", "targets", "unit_label",
    "definition", "source", "disaggregations", "min", "max", "currency", "note",
}  # fmt: skip
HEADER_KEYS = [
    "format", "slug", "title", "version", "language", "publishers", "adopted", "source",
    "description", "history", "scales", "phases", "scope", "scope_associates", "attributes",
]  # fmt: skip
ITEM_KEYS = {
    "ref", "parent", "kind", "title", "description", "source_section", "assessable", "scale",
    "leads", "partners", "jurisdictions", "scope", "status_text", "due", "phases", "budget",
    "attributes", "indicators", "children",
}  # fmt: skip


class LibraryFileError(Exception):
    def __init__(self, path, problems: list[str]):
        self.path = path
        self.problems = problems
        super().__init__(f"{path}: " + "; ".join(problems[:20]))


@dataclass
class ParsedLibrary:
    content: dict  # canonical: the export contract
    warnings: list[str] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return content_sha256(self.content)


# Keys of a baseline or target that the loader derives from its text; they are not part
# of what the file says, so a better parser must not make an unchanged file look changed.
DERIVED_TARGET_KEYS = {"comparator", "value", "unit", "level", "level_index"}


def content_sha256(content: dict) -> str:
    """The hash of what the file says (derived, parsed values left out)."""
    return hashlib.sha256(canonical_json(_as_written(content)).encode()).hexdigest()


def _as_written(content: dict) -> dict:
    def strip(target: dict) -> dict:
        return {k: v for k, v in target.items() if k not in DERIVED_TARGET_KEYS}

    items = []
    for item in content.get("items", []):
        if item.get("indicators"):
            item = {**item, "indicators": [
                {**ind, **({"baseline": strip(ind["baseline"])} if "baseline" in ind else {}),
                 "targets": [strip(t) for t in ind.get("targets", [])]}
                for ind in item["indicators"]
            ]}  # fmt: skip
        items.append(item)
    return {**content, "items": items}


def canonical_json(content: dict) -> str:
    return json.dumps(content, ensure_ascii=False, indent=2) + "\n"


def due_period_end(value: str) -> datetime.date:
    """The last day a due value covers: '2018' → 2018-12-31, '2018-06' → 2018-06-30."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return datetime.date(parts[0], 12, 31)
    if len(parts) == 2:
        return datetime.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return datetime.date(*parts)


class _Directory:
    """Code and alias look-ups, read once per load."""

    def __init__(self):
        self.orgs: dict[str, str] = {}
        for code, name, aliases in Organisation.objects.values_list("code", "name", "aliases"):
            for key in [name, *aliases]:
                self.orgs.setdefault(key.casefold(), code)
        self.org_codes = set(Organisation.objects.values_list("code", flat=True))
        self.states: dict[str, str] = {}
        for code, name, aliases in Jurisdiction.objects.values_list("code", "name", "aliases"):
            for key in [code, name, *aliases]:
                self.states[key.casefold()] = code

    def organisation(self, written: str) -> str | None:
        if written in self.org_codes:
            return written
        return self.orgs.get(written.casefold())


def read_library_file(path: Path) -> ParsedLibrary:
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise LibraryFileError(path, [f"cannot be read as YAML: {exc}"]) from exc
    return parse_library(raw, path)


def parse_library(raw, path) -> ParsedLibrary:
    if not isinstance(raw, dict):
        raise LibraryFileError(path, ["the file must be a mapping with a header and items"])
    checker = _Checker(path, _Directory())
    content = checker.header(raw)
    flat = checker.flatten(raw.get("items"))
    content["items"] = [checker.item(entry, parent, flat) for entry, parent in flat]
    content["mappings"] = checker.mappings(raw.get("mappings") or [], flat)
    if not content["mappings"]:
        del content["mappings"]
    if checker.problems:
        raise LibraryFileError(path, checker.problems)
    for name, places in sorted(checker.kept_as_text.items()):
        checker.warnings.append(
            f"{name!r} is not in the directory; kept as text ({len(places)}×, first at {places[0]})"
        )
    return ParsedLibrary(content=content, warnings=checker.warnings)


class _Checker:
    def __init__(self, path, directory: _Directory):
        self.path = path
        self.directory = directory
        self.problems: list[str] = []
        self.warnings: list[str] = []
        self.scales: dict[str, dict] = {}
        self.phase_codes: set[str] = set()
        self.indicator_codes: set[str] = set()
        self.kept_as_text: dict[str, list[str]] = {}

    def fail(self, where: str, problem: str) -> None:
        self.problems.append(f"{where}: {problem}")

    # header ---------------------------------------------------------------------------

    def header(self, raw: dict) -> dict:
        if raw.get("format") != FORMAT:
            self.fail("header", f"`format` must be {FORMAT}")
        if not isinstance(raw.get("slug"), str) or not SLUG_RE.match(raw["slug"]):
            self.fail("header", "`slug` must be lower-case letters, digits and dashes")
        if not isinstance(raw.get("title"), str) or not raw["title"].strip():
            self.fail("header", "`title` is required")
        if not isinstance(raw.get("version"), int) or raw["version"] < 1:
            self.fail("header", "`version` must be a whole number of at least 1")
        source = raw.get("source")
        if not isinstance(source, dict) or not (source.get("file") or source.get("url")):
            self.fail(
                "header",
                "`source.file` (a source document) or `source.url` (a published standard)"
                " must name where the library comes from",
            )
        for scale in raw.get("scales") or []:
            self._scale(scale)
        for phase in raw.get("phases") or []:
            if not isinstance(phase, dict) or not phase.get("code"):
                self.fail("header", "every phase needs a code")
            else:
                self.phase_codes.add(str(phase["code"]))
        publishers = [
            self._organisation(p, "header publishers") for p in raw.get("publishers") or []
        ]
        given = {**raw, "publishers": publishers, "scope": self._scope(raw.get("scope"), "header")}
        if not isinstance(raw.get("scope_associates", False), bool):
            self.fail("header", "`scope_associates` must be true or false")
        content = {}
        for key in HEADER_KEYS:
            value = given.get(key)
            if key == "format":
                value = FORMAT
            if value not in (None, "", [], {}) and value is not False:
                content[key] = _plain(value)
        return content

    def _scale(self, scale) -> None:
        if not isinstance(scale, dict) or not scale.get("code") or not scale.get("levels"):
            self.fail("header", "every scale needs a code and levels")
            return
        codes = [level.get("code") for level in scale["levels"] if isinstance(level, dict)]
        if len(codes) != len(scale["levels"]) or not all(codes):
            self.fail("header", f"scale {scale['code']}: every level needs a code")
        if scale.get("met") not in codes:
            self.fail("header", f"scale {scale['code']}: `met` must be one of its levels")
        self.scales[scale["code"]] = scale

    # items ----------------------------------------------------------------------------

    def flatten(self, items) -> list[tuple[dict, str | None]]:
        """Items in document order with their parent ref; nested or flat input."""
        if not isinstance(items, list) or not items:
            self.fail("items", "a library needs at least one item")
            return []
        out: list[tuple[dict, str | None]] = []

        def walk(entries, parent):
            for entry in entries:
                if not isinstance(entry, dict):
                    self.fail(f"item under {parent or 'the root'}", "must be a mapping")
                    continue
                out.append((entry, entry.get("parent", parent)))
                walk(entry.get("children") or [], entry.get("ref"))

        walk(items, None)
        self.ref_counts: dict[str, int] = {}
        for entry, _parent in out:
            self.ref_counts[entry.get("ref")] = self.ref_counts.get(entry.get("ref"), 0) + 1
        return out

    def item(self, entry: dict, parent: str | None, flat) -> dict:
        ref = entry.get("ref")
        where = f"ref {ref}"
        if not isinstance(ref, str) or not REF_RE.match(ref):
            self.fail(f"item {ref!r}", "`ref` must be letters, digits, dots, dashes or underscores")
            ref = str(ref)
        if self.ref_counts.get(ref, 0) > 1:
            self.fail(where, "the ref is used twice")
        unknown = set(entry) - ITEM_KEYS
        if unknown:
            self.fail(where, f"unknown keys {sorted(unknown)}")
        if parent is not None and parent not in self.ref_counts:
            self.fail(where, f"parent {parent!r} is not a ref of this library")
        for key in ("kind", "title"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                self.fail(where, f"`{key}` is required")
        out = {"ref": ref, "parent": parent}
        for key in ("kind", "title", "description", "source_section"):
            if entry.get(key):
                out[key] = str(entry[key]).strip()
        if entry.get("assessable"):
            out["assessable"] = True
            scale = entry.get("scale") or next(iter(self.scales), None)
            if scale not in self.scales:
                self.fail(where, "an assessable item needs a status scale defined in the header")
            out["scale"] = scale
        elif entry.get("scale"):
            out["scale"] = entry["scale"]
        for key in ("leads", "partners"):
            names = [self._organisation(n, where) for n in entry.get(key) or []]
            if names:
                out[key] = names
        codes = [self._jurisdiction(j, where) for j in entry.get("jurisdictions") or []]
        if codes:
            out["jurisdictions"] = sorted(set(codes))  # a set: order carries no meaning
        scope = self._scope(entry.get("scope"), where)
        if scope is not None:
            out["scope"] = scope
        if entry.get("status_text"):
            out["status_text"] = str(entry["status_text"]).strip()
        if entry.get("due"):
            out["due"] = self._due(entry["due"], where)
        phases = [str(p) for p in entry.get("phases") or []]
        for phase in phases:
            if self.phase_codes and phase not in self.phase_codes:
                self.fail(where, f"phase {phase!r} is not in the library's phase legend")
        if phases:
            out["phases"] = phases
        if entry.get("budget"):
            out["budget"] = self._budget(entry["budget"], where)
        if entry.get("attributes"):
            if not isinstance(entry["attributes"], dict):
                self.fail(where, "`attributes` must be a mapping")
            else:
                out["attributes"] = _plain(entry["attributes"])
        indicators = [self._indicator(i, where) for i in entry.get("indicators") or []]
        if indicators:
            out["indicators"] = indicators
        return out

    def _organisation(self, written, where) -> str:
        written = str(written).strip()
        code = self.directory.organisation(written)
        if code is None:
            self.kept_as_text.setdefault(written, []).append(where)
            return written
        return code

    def _jurisdiction(self, written, where) -> str:
        code = self.directory.states.get(str(written).casefold())
        if code is None:
            self.fail(where, f"jurisdiction {written!r} is not in the directory")
            return str(written)
        return code

    def _scope(self, value, where):
        return scopes.check(value, where, self._jurisdiction, self.fail)

    def _due(self, due, where) -> dict:
        if isinstance(due, str | int | datetime.date):
            due = {"value": str(due)}
        value = str(due.get("value", "")) if isinstance(due, dict) else ""
        if value and not DUE_RE.match(value):
            self.fail(where, f"due value {value!r} must be YYYY, YYYY-MM or YYYY-MM-DD")
            return {"text": str(due.get("text", "")), "value": value}
        if value:
            try:
                due_period_end(value)
            except ValueError:
                self.fail(where, f"due value {value!r} is not a real date")
        out = {}
        if due.get("text"):
            out["text"] = str(due["text"])
        if value:
            out["value"] = value
            out["precision"] = PRECISIONS[len(value)]
        if not out:
            self.fail(where, "`due` needs a text or a value")
        return out

    def _budget(self, budget, where) -> dict:
        if not isinstance(budget, dict) or not budget.get("text"):
            self.fail(where, "`budget` needs the text as written")
            return {}
        out = {"text": str(budget["text"])}
        for key in ("min_usd", "max_usd"):
            if budget.get(key) is not None:
                if not isinstance(budget[key], int | float) or budget[key] < 0:
                    self.fail(where, f"budget {key} must be a positive number")
                else:
                    out[key] = budget[key]
        if "min_usd" in out and "max_usd" in out and out["min_usd"] > out["max_usd"]:
            self.fail(where, "budget min_usd is larger than max_usd")
        return out

    def _indicator(self, ind, where) -> dict:
        if not isinstance(ind, dict) or not ind.get("code") or not ind.get("name"):
            self.fail(where, "every indicator needs a code and a name")
            return {}
        code = str(ind["code"])
        where = f"{where}, indicator {code}"
        if code in self.indicator_codes:
            self.fail(where, "the indicator code is used twice")
        self.indicator_codes.add(code)
        unit = ind.get("unit", "number")
        if unit not in UNITS:
            self.fail(where, f"unit must be one of {', '.join(sorted(UNITS))}")
        direction = ind.get("direction", "increase")
        if direction not in DIRECTIONS:
            self.fail(where, "direction must be increase, decrease or none")
        levels = [str(level) for level in ind.get("levels") or []]
        self._indicator_shape(ind, unit, levels, where)
        out = _plain({k: v for k, v in ind.items() if k not in ("baseline", "targets")})
        out.update({"unit": unit, "direction": direction})
        if ind.get("baseline"):
            out["baseline"] = self._target(ind["baseline"], levels, where)
        targets = [self._target(t, levels, where) for t in ind.get("targets") or []]
        if targets:
            out["targets"] = targets
        return out

    def _indicator_shape(self, ind: dict, unit: str, levels: list[str], where: str) -> None:
        unknown = sorted(set(ind) - INDICATOR_KEYS)
        if unknown:
            self.fail(where, f"unknown indicator keys: {', '.join(unknown)}")
        if unit == "ordinal" and len(levels) < 2:
            self.fail(where, "an ordinal indicator needs its `levels`, worst to best")
        if levels and unit != "ordinal":
            self.fail(where, "`levels` belong to ordinal indicators only")
        dims = ind.get("disaggregations") or []
        if not isinstance(dims, list) or not set(dims) <= DISAGGREGATIONS:
            self.fail(where, f"disaggregations are some of {', '.join(sorted(DISAGGREGATIONS))}")
        for bound in ("min", "max"):
            if bound in ind and not isinstance(ind[bound], int | float):
                self.fail(where, f"`{bound}` must be a number")
        low, high = ind.get("min"), ind.get("max")
        if isinstance(low, int | float) and isinstance(high, int | float) and low > high:
            self.fail(where, "`min` is larger than `max`")

    def _target(self, target, levels, where) -> dict:
        if not isinstance(target, dict) or "text" not in target:
            self.fail(where, "baselines and targets need the text as written")
            return {}
        out = {k: str(v) for k, v in target.items() if k in ("period", "text", "note")}
        out.update(parse_target(out["text"], levels))
        return out

    # mappings ---------------------------------------------------------------------------

    def mappings(self, entries, flat) -> list[dict]:
        refs = {e.get("ref") for e, _ in flat}
        out = []
        for n, m in enumerate(entries, 1):
            where = f"mapping {n}"
            if not isinstance(m, dict):
                self.fail(where, "must be a mapping")
                continue
            if m.get("from") not in refs:
                self.fail(where, f"from {m.get('from')!r} is not a ref of this library")
            to = str(m.get("to", ""))
            slug, _sep, ref = to.partition(":")
            if not SLUG_RE.match(slug) or not ref:
                self.fail(where, f"to {to!r} must be slug:ref")
            if m.get("relation") not in RELATIONS:
                self.fail(where, f"relation must be one of {', '.join(sorted(RELATIONS))}")
            row = {"from": str(m.get("from")), "to": to, "relation": m.get("relation")}
            if m.get("rationale"):
                row["rationale"] = str(m["rationale"]).strip()
            out.append(row)
        return out


def _plain(value):
    """YAML values into JSON-stable ones: dates become ISO text, keys become strings."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
