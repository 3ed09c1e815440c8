"""Reading and validating the directory data file. Pure: touches no database."""

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ictspace.directory.models import Body, Jurisdiction, Organisation

FORMAT = "ictspace-directory/1"
DEFAULT_FILE = Path(__file__).parent / "data" / "caricom.yaml"
# Officially assigned ISO 3166-1 alpha-2 codes of the Caribbean and its neighbours that
# a directory of this region may hold. A code outside this list is a typo, not a state.
ISO_CODES = frozenset(
    [
        "AG",
        "AI",
        "AW",
        "BB",
        "BL",
        "BM",
        "BQ",
        "BS",
        "BZ",
        "CU",
        "CW",
        "DM",
        "DO",
        "GD",
        "GF",
        "GP",
        "GY",
        "HT",
        "JM",
        "KN",
        "KY",
        "LC",
        "MF",
        "MQ",
        "MS",
        "PR",
        "SR",
        "SX",
        "TC",
        "TT",
        "VC",
        "VG",
        "VI",
    ]
)
CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,31}$")


class DirectoryFileError(Exception):
    """The file is not a valid directory; `problems` names each entry at fault."""

    def __init__(self, path, problems: list[str]):
        self.path = path
        self.problems = problems
        super().__init__(f"{path}: " + "; ".join(problems))


@dataclass
class DirectoryData:
    region: dict
    jurisdictions: list[dict] = field(default_factory=list)
    organisations: list[dict] = field(default_factory=list)
    bodies: list[dict] = field(default_factory=list)


def read_directory_file(path: Path) -> DirectoryData:
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DirectoryFileError(path, [f"cannot be read as YAML: {exc}"]) from exc
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise DirectoryFileError(path, [f"the first key must be `format: {FORMAT}`"])
    problems: list[str] = []
    data = DirectoryData(
        region=_region(raw.get("region"), problems),
        jurisdictions=_jurisdictions(raw.get("jurisdictions") or [], problems),
    )
    iso_codes = {j["iso"] for j in data.jurisdictions}
    data.organisations = _organisations(raw.get("organisations") or [], iso_codes, problems)
    org_codes = {o["code"] for o in data.organisations}
    data.bodies = _bodies(raw.get("bodies") or [], org_codes, problems)
    for where, entry in [("region", data.region), *((j["iso"], j) for j in data.jurisdictions)]:
        receiver = entry.get("receives_public_reports")
        if receiver and receiver not in org_codes:
            problems.append(
                f"{where}: receives_public_reports {receiver!r} is not an organisation code"
            )
    _check_aliases(data, problems)
    if problems:
        raise DirectoryFileError(path, problems)
    return data


def _region(entry, problems) -> dict:
    if not isinstance(entry, dict) or not entry.get("code") or not entry.get("name"):
        problems.append("region: needs a code and a name")
        return {}
    return {
        "code": entry["code"],
        "name": entry["name"],
        "aliases": entry.get("aliases", []),
        "receives_public_reports": entry.get("receives_public_reports"),
        "receives_public_reports_source": entry.get("receives_public_reports_source", ""),
    }


def _jurisdictions(entries, problems) -> list[dict]:
    seen: set[str] = set()
    out = []
    memberships = {Jurisdiction.Membership.MEMBER, Jurisdiction.Membership.ASSOCIATE}
    for n, entry in enumerate(entries, 1):
        where = f"jurisdictions entry {n} ({entry.get('name', '?') if isinstance(entry, dict) else entry})"
        if not isinstance(entry, dict):
            problems.append(f"{where}: must be a mapping")
            continue
        iso = entry.get("iso")
        if iso not in ISO_CODES:
            problems.append(f"{where}: unknown ISO 3166 code {iso!r}")
        elif iso in seen:
            problems.append(f"{where}: ISO code {iso} appears twice")
        if entry.get("membership") not in memberships:
            problems.append(f"{where}: membership must be member or associate")
        if not entry.get("name"):
            problems.append(f"{where}: a name is required")
        seen.add(iso)
        out.append(
            {
                "iso": iso,
                "name": entry.get("name", ""),
                "membership": entry.get("membership"),
                "aliases": [str(a) for a in entry.get("aliases", [])],
                "receives_public_reports": entry.get("receives_public_reports"),
                "receives_public_reports_source": entry.get("receives_public_reports_source", ""),
            }
        )
    return out


def _organisations(entries, iso_codes, problems) -> list[dict]:
    kinds = set(Organisation.Kind.values)
    codes = [e.get("code") for e in entries if isinstance(e, dict)]
    seen: set[str] = set()
    out = []
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            problems.append(f"organisations entry {n}: must be a mapping")
            continue
        code = entry.get("code")
        where = f"organisation {code or f'entry {n}'}"
        if not code or not CODE_RE.match(str(code)):
            problems.append(f"{where}: code must be upper-case letters, digits and dashes")
        elif code in seen:
            problems.append(f"{where}: duplicate organisation code {code}")
        seen.add(code)
        if entry.get("kind") not in kinds:
            problems.append(f"{where}: kind must be one of {', '.join(sorted(kinds))}")
        if not entry.get("name"):
            problems.append(f"{where}: a name is required")
        for ref in ("parent", "member_of"):
            if entry.get(ref) and entry[ref] not in codes:
                problems.append(f"{where}: {ref} {entry[ref]!r} is not an organisation code")
        if entry.get("jurisdiction") and entry["jurisdiction"] not in iso_codes:
            problems.append(f"{where}: unknown jurisdiction {entry['jurisdiction']!r}")
        out.append({**entry, "aliases": [str(a) for a in entry.get("aliases", [])]})
    return out


def _bodies(entries, org_codes, problems) -> list[dict]:
    kinds = set(Body.Kind.values)
    seen: set[str] = set()
    out = []
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            problems.append(f"bodies entry {n}: must be a mapping")
            continue
        code = entry.get("code")
        where = f"body {code or f'entry {n}'}"
        if not code or not CODE_RE.match(str(code)) or code.startswith("CSIRT-"):
            problems.append(f"{where}: code must be upper-case and not start with CSIRT-")
        elif code in seen:
            problems.append(f"{where}: duplicate body code {code}")
        seen.add(code)
        if entry.get("kind") not in kinds:
            problems.append(f"{where}: kind must be one of {', '.join(sorted(kinds))}")
        for org in [entry.get("chair"), *entry.get("members", [])]:
            if org and org not in org_codes:
                problems.append(f"{where}: {org!r} is not an organisation code")
        out.append(entry)
    return out


def _check_aliases(data: DirectoryData, problems) -> None:
    """An alias must name one jurisdiction only, or resolving the documents is ambiguous."""
    owner: dict[str, str] = {}
    for j in data.jurisdictions:
        for alias in [j["iso"], j["name"], *j["aliases"]]:
            key = alias.casefold()
            if owner.get(key, j["iso"]) != j["iso"]:
                problems.append(f"alias {alias!r} names both {owner[key]} and {j['iso']}")
            owner[key] = j["iso"]
