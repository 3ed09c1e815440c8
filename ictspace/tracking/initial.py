"""The statuses the source documents themselves report, loaded as validated updates.

The file (data/initial_statuses.yaml) is read and checked against the directory and the
loaded libraries first; every problem is reported and nothing is written if there is one.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ictspace import access, dbstats
from ictspace.audit.log import diff, record
from ictspace.catalogue import scope as scopes
from ictspace.catalogue.models import Item, Library
from ictspace.directory.models import Jurisdiction
from ictspace.review.models import ReviewState
from ictspace.tracking.actions import _validate
from ictspace.tracking.models import StatusUpdate

FORMAT = "ictspace-initial-statuses/1"
DEFAULT_FILE = Path(__file__).parent / "data" / "initial_statuses.yaml"
AUDIT_ACTION = "load_initial_status"
REQUIRED = ("document", "library", "ref", "jurisdiction", "status", "section", "quote")


class InitialStatusFileError(Exception):
    """The file cannot be loaded; `problems` names each entry at fault."""

    def __init__(self, path, problems: list[str]):
        self.path = path
        self.problems = problems
        super().__init__(f"{path}: " + "; ".join(problems[:20]))


@dataclass(frozen=True)
class PlannedUpdate:
    """One entry of the file, resolved: what the loader creates unless it exists."""

    jurisdiction: Jurisdiction
    item: Item
    status: str
    effective_date: datetime.date
    narrative: str
    source_citation: str

    @property
    def key(self) -> tuple:
        return (self.jurisdiction.pk, self.item.pk, self.effective_date, self.source_citation)

    def __str__(self):
        return (
            f"{self.jurisdiction.code} {self.item.library.slug}:{self.item.ref} "
            f"{self.status} ({self.effective_date.isoformat()})"
        )


@dataclass
class LoadSummary:
    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def jurisdiction_resolver() -> Callable[[str], Jurisdiction | None]:
    """How the documents write a jurisdiction → its row, through the directory alone.

    Code, ISO code, name and the aliases of the directory file, case-insensitively; never
    an ISO lookup (BEL is Belize here, not Belgium). A name two rows claim resolves to none.
    """
    names: dict[str, Jurisdiction] = {}
    ambiguous: set[str] = set()
    for jurisdiction in Jurisdiction.objects.all():
        spellings = {jurisdiction.code, jurisdiction.iso_code, jurisdiction.name}
        for spelling in spellings.union(jurisdiction.aliases) - {None, ""}:
            key = str(spelling).casefold()
            if names.setdefault(key, jurisdiction) != jurisdiction:
                ambiguous.add(key)
    return lambda written: (
        None if written.casefold() in ambiguous else names.get(written.casefold())
    )


def _read_yaml(path: Path) -> dict:
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InitialStatusFileError(path, [f"cannot be read as YAML: {exc}"]) from exc
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise InitialStatusFileError(path, [f"the first key must be `format: {FORMAT}`"])
    return raw


def _as_date(value) -> datetime.date | None:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def _documents(raw, problems: list[str]) -> dict[str, datetime.date]:
    """Document file name → the date its statements take effect."""
    if not isinstance(raw, dict) or not raw:
        problems.append("documents: a mapping of file name to title and effective_date")
        return {}
    dates = {}
    for name, spec in raw.items():
        day = _as_date(spec.get("effective_date")) if isinstance(spec, dict) else None
        if day is None:
            problems.append(f"document {name}: effective_date must be a date (YYYY-MM-DD)")
            continue
        dates[str(name)] = day
    return dates


class _Catalogue:
    """Items of the loaded libraries and which pairs are tracked, fetched once per library."""

    def __init__(self):
        self._items: dict[str, dict[str, Item]] = {}

    def item(self, slug: str, ref: str) -> Item | None:
        if slug not in self._items:
            items = Item.objects.filter(library__slug=slug).select_related("library")
            self._items[slug] = {item.ref: item for item in items}
        return self._items[slug].get(ref)

    def concerns(self, item: Item, jurisdiction: Jurisdiction) -> bool:
        return scopes.concerns(item, jurisdiction)


def _entry(where, entry, documents, resolve, catalogue, problems) -> PlannedUpdate | None:
    """Resolve one entry, or add what is wrong with it to `problems` and return None."""
    if not isinstance(entry, dict):
        problems.append(f"{where}: must be a mapping")
        return None
    missing = [key for key in REQUIRED if not str(entry.get(key) or "").strip()]
    if missing:
        problems.append(f"{where}: missing {', '.join(missing)}")
        return None
    found = len(problems)
    document, slug, ref = str(entry["document"]), str(entry["library"]), str(entry["ref"])
    if document not in documents:
        problems.append(f"{where}: document {document!r} is not listed under documents")
    effective = _as_date(entry.get("effective_date", documents.get(document)))
    if effective is None and document in documents:
        problems.append(f"{where}: effective_date must be a date (YYYY-MM-DD)")
    item = catalogue.item(slug, ref)
    if item is None:
        problems.append(f"{where}: no item {ref!r} in library {slug!r} (is it loaded?)")
    jurisdiction = resolve(str(entry["jurisdiction"]))
    if jurisdiction is None:
        problems.append(
            f"{where}: {entry['jurisdiction']!r} is not a code, name or alias in the directory"
        )
    if len(problems) > found:
        return None
    status = str(entry["status"])
    try:
        _validate(item, {"status": status, "effective_date": effective})
    except ValidationError as exc:
        problems.extend(f"{where}: {message}" for message in exc.messages)
        return None
    if not catalogue.concerns(item, jurisdiction):
        problems.append(f"{where}: item {ref} is not tracked for {jurisdiction.code}")
        return None
    return PlannedUpdate(
        jurisdiction=jurisdiction,
        item=item,
        status=status,
        effective_date=effective,
        narrative=str(entry.get("narrative") or f"“{entry['quote']}”"),
        source_citation=f"{document}, {entry['section']}",
    )


def read_initial_statuses(path: Path = DEFAULT_FILE) -> list[PlannedUpdate]:
    """Every entry of the file, resolved; InitialStatusFileError lists all problems."""
    raw = _read_yaml(path)
    problems: list[str] = []
    documents = _documents(raw.get("documents"), problems)
    entries = raw.get("statuses")
    if not isinstance(entries, list):
        problems.append("statuses: a list of entries is required")
        entries = []
    resolve, catalogue = jurisdiction_resolver(), _Catalogue()
    planned: list[PlannedUpdate] = []
    first_at: dict[tuple, str] = {}
    for n, entry in enumerate(entries, 1):
        label = f"{entry.get('library')}:{entry.get('ref')}" if isinstance(entry, dict) else ""
        where = f"entry {n} ({label} {entry.get('jurisdiction')})" if label else f"entry {n}"
        update = _entry(where, entry, documents, resolve, catalogue, problems)
        if update is None:
            continue
        if update.key in first_at:
            problems.append(f"{where}: repeats {first_at[update.key]} (same item, state, source)")
            continue
        first_at[update.key] = where
        planned.append(update)
    if problems:
        raise InitialStatusFileError(path, problems)
    return planned


def _loaded(planned: list[PlannedUpdate]) -> dict[tuple, StatusUpdate]:
    """Updates an earlier run created for these entries, by the loader's key."""
    rows = StatusUpdate.objects.filter(
        author__isnull=True, source_citation__in={p.source_citation for p in planned}
    )
    return {(u.jurisdiction_id, u.item_id, u.effective_date, u.source_citation): u for u in rows}


def _changed_since_loading(planned, loaded) -> list[str]:
    # The stream is append-only: an entry changed after loading is a new statement, so it
    # must say so (another section or date) rather than silently differ from the database.
    return [
        f"{p}: already loaded as {loaded[p.key].status} with another narrative or status"
        for p in planned
        if p.key in loaded
        and (loaded[p.key].status, loaded[p.key].narrative) != (p.status, p.narrative)
    ]


@transaction.atomic
def do_load_initial_statuses(path: Path | None = None, *, acting_user) -> LoadSummary:
    """Create the file's statuses as validated updates; idempotent, all or nothing."""
    if not access.can_load_reference_data(acting_user):
        raise PermissionDenied
    path = path or DEFAULT_FILE
    planned = read_initial_statuses(path)
    # Two loaders at once (PostgreSQL) queue here instead of both creating the same rows.
    libraries = {p.item.library_id for p in planned}
    list(Library.objects.select_for_update().filter(pk__in=libraries).order_by("pk"))
    loaded = _loaded(planned)
    changed = _changed_since_loading(planned, loaded)
    if changed:
        raise InitialStatusFileError(path, changed)
    summary = LoadSummary()
    now = timezone.now()
    for p in planned:
        if p.key in loaded:
            summary.kept.append(str(p))
            continue
        fields = {
            "status": p.status,
            "effective_date": p.effective_date,
            "narrative": p.narrative,
            "source_citation": p.source_citation,
            "review_state": ReviewState.VALIDATED,
        }
        update = StatusUpdate(
            jurisdiction=p.jurisdiction, item=p.item, created_at=now, reviewed_at=now, **fields
        )
        update.full_clean()
        update.save()
        record(actor=acting_user, action=AUDIT_ACTION, obj=update, changes=diff({}, fields))
        summary.created.append(str(p))
    if summary.created:
        dbstats.analyse_on_commit(StatusUpdate)
    return summary
