"""Statuses the source documents report, loaded as validated updates.

Expected facts come from the documents (shared/seeds), not from the YAML: the work plan's
IXP row says "BAR, BEL, DOM, JAM, T&T, BVI Completed"; its CERT row names "T&T".
"""

import datetime
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from ictspace import access
from ictspace.audit.models import AuditEntry
from ictspace.catalogue.models import Item, Library
from ictspace.directory.models import Jurisdiction
from ictspace.review.models import ReviewState
from ictspace.tracking.initial import (
    DEFAULT_FILE,
    InitialStatusFileError,
    do_load_initial_statuses,
    jurisdiction_resolver,
)
from ictspace.tracking.models import StatusUpdate
from ictspace.tracking.selectors import current_statuses

pytestmark = pytest.mark.django_db
IWP = "single-ict-space-iwp-2017"
IWP_FILE = "000_eda2d38509e35120.txt"
BELIZE_FILE = "002_b14ebb457eddf16b.txt"
APPROVED = datetime.date(2017, 7, 6)  # last day of the Heads of Government meeting, 4-6 July
# The source documents travel with the libraries, so this check runs wherever tests do.
SEEDS = Path(__file__).parents[2] / "libraries" / "sources"


@pytest.fixture
def initial_statuses(loaded_libraries):
    """The shipped file, loaded into this test's transaction."""
    return do_load_initial_statuses(acting_user=access.SYSTEM)


def _updates(**filters):
    return StatusUpdate.objects.filter(author__isnull=True, **filters)


def _codes(ref, library=IWP, status=None):
    rows = _updates(item__library__slug=library, item__ref=ref)
    if status:
        rows = rows.filter(status=status)
    return set(rows.values_list("jurisdiction__code", flat=True))


def test_loads_every_entry_as_a_validated_update_from_its_document(initial_statuses):
    assert (len(initial_statuses.created), initial_statuses.kept) == (40, [])
    loaded = _updates()
    assert loaded.count() == 40
    assert set(loaded.values_list("review_state", flat=True)) == {ReviewState.VALIDATED}
    assert not loaded.filter(reviewed_at__isnull=True).exists()
    assert not loaded.filter(reviewed_by__isnull=False).exists()
    per_document = {
        name: loaded.filter(source_citation__startswith=f"{name}, ").count()
        for name in (IWP_FILE, "001_16f7185b72d5e9d5.txt", BELIZE_FILE)
    }
    assert per_document == {IWP_FILE: 32, "001_16f7185b72d5e9d5.txt": 0, BELIZE_FILE: 8}
    per_library = Counter(loaded.values_list("item__library__slug", flat=True))
    assert per_library == {IWP: 32, "belize-egov-2015": 8}


def test_the_ixp_row_is_completed_for_the_six_states_it_names(initial_statuses):
    assert _codes("3.1.4", status="completed") == {"BB", "BZ", "DM", "JM", "TT", "VG"}
    barbados = _updates(item__ref="3.1.4", jurisdiction__code="BB").get()
    assert barbados.effective_date == APPROVED
    assert barbados.source_citation.startswith(f"{IWP_FILE}, work plan table, component 3")
    assert barbados.narrative == "“BAR, BEL, DOM, JAM, T&T, BVI Completed”"


def test_states_named_in_the_status_column_are_in_progress(initial_statuses):
    assert _codes("6.3", status="in_progress") == {"TT"}  # Establishments of CERTS
    assert _codes("6.4", status="in_progress") == {"DM"}  # National Cyber-security Plans
    assert _codes("6.2", status="in_progress") == {"LC"}  # security policies
    assert _codes("3.1.3") == {"BB", "LC", "GD", "VC"}  # LAN/ WAN: BDOS SLU GND SVG
    assert _codes("3.1.8") == {"DM", "SR", "VC", "TT"}
    assert _codes("7.1.11") == {"LC", "VC", "TT"}


def test_counts_without_names_go_on_the_region(initial_statuses):
    liberalisation = _updates(item__ref="3.1.2", item__library__slug=IWP).get()
    assert liberalisation.jurisdiction.kind == Jurisdiction.Kind.REGION
    assert (liberalisation.status, "5 Countries to be completed" in liberalisation.narrative) == (
        "in_progress",
        True,
    )
    nrens = _updates(item__ref="7.1.9", item__library__slug=IWP).get()
    assert "3 – NRENS established 5 -NRENS in development" in nrens.narrative
    assert _codes("2.1.1") == set()  # "OECS (3-4 pieces in force)": no one to attribute it to


def test_belize_baselines(initial_statuses):
    belize = _updates(item__library__slug="belize-egov-2015")
    assert set(belize.values_list("jurisdiction__code", flat=True)) == {"BZ"}
    assert set(belize.values_list("effective_date", flat=True)) == {datetime.date(2015, 1, 1)}
    assert _codes("th-4.prog-1", library="belize-egov-2015", status="not_started") == {"BZ"}
    assert _codes("th-1.prog-3.act-a", library="belize-egov-2015", status="in_progress") == {"BZ"}


def test_the_ccscap_reports_no_country_status(initial_statuses):
    assert not _updates(item__library__slug="ccscap-2016").exists()


def test_current_statuses_from_the_document_date_not_before(initial_statuses):
    library = Library.objects.get(slug=IWP)
    ixp = Item.objects.get(library=library, ref="3.1.4")
    barbados = Jurisdiction.objects.get(code="BB")
    key = (barbados.pk, ixp.pk)
    on_the_day = current_statuses(APPROVED, jurisdiction_ids=[barbados.pk], library=library)
    assert on_the_day[key].status == "completed"
    day_before = APPROVED - datetime.timedelta(days=1)
    assert key not in current_statuses(day_before, jurisdiction_ids=[barbados.pk], library=library)


def test_each_created_update_is_audited_as_the_system(initial_statuses):
    entries = AuditEntry.objects.filter(action="load_initial_status")
    assert entries.count() == 40
    assert set(entries.values_list("actor_label", flat=True)) == {"system"}
    ids = {str(pk) for pk in _updates().values_list("pk", flat=True)}
    assert set(entries.values_list("object_id", flat=True)) == ids


def test_loading_twice_creates_nothing_new(initial_statuses):
    again = do_load_initial_statuses(acting_user=access.SYSTEM)
    assert (again.created, len(again.kept)) == ([], 40)
    assert _updates().count() == 40
    assert AuditEntry.objects.filter(action="load_initial_status").count() == 40


def test_the_command_reports_created_and_kept(loaded_libraries, capsys):
    call_command("load_initial_statuses")
    assert "40 created, 0 already loaded" in capsys.readouterr().out
    call_command("load_initial_statuses", verbosity=2)
    out = capsys.readouterr().out
    assert "0 created, 40 already loaded" in out
    assert "kept TT single-ict-space-iwp-2017:6.3 in_progress (2017-07-06)" in out


def test_the_resolver_uses_the_directory_not_iso(directory):
    resolve = jurisdiction_resolver()
    spelled = {w: resolve(w) for w in ["BEL", "DOM", "T&T", "BDOS", "bvi", "Belize", "CARICOM"]}
    assert {w: j.code for w, j in spelled.items()} == {
        "BEL": "BZ",
        "DOM": "DM",
        "T&T": "TT",
        "BDOS": "BB",
        "bvi": "VG",
        "Belize": "BZ",
        "CARICOM": "CARICOM",
    }
    assert resolve("DR") is None  # the Dominican Republic (CCSCAP Table 4), not Dominica
    assert resolve("BE") is None  # ISO for Belgium


def _write(tmp_path, entries, **documents):
    documents = documents or {IWP_FILE: {"title": "IWP", "effective_date": "2017-07-06"}}
    path = tmp_path / "statuses.yaml"
    content = {"format": "ictspace-initial-statuses/1", "documents": documents}
    path.write_text(yaml.safe_dump({**content, "statuses": entries}), encoding="utf-8")
    return path


def _entry(**overrides):
    entry = {
        "document": IWP_FILE,
        "library": IWP,
        "ref": "3.1.4",
        "jurisdiction": "BAR",
        "status": "completed",
        "section": "work plan table",
        "quote": "BAR, BEL, DOM, JAM, T&T, BVI Completed",
    }
    return {**entry, **overrides}


def test_a_bad_file_reports_every_problem_and_loads_nothing(loaded_libraries, tmp_path):
    path = _write(
        tmp_path,
        [
            _entry(),  # valid, but not loaded because the others are not
            _entry(jurisdiction="XYZ"),
            _entry(status="done"),
            _entry(ref="99.9"),
            _entry(ref="3.1"),  # an activity: not assessable
            _entry(ref="1.1.1", jurisdiction="JAM", status="in_progress"),  # a regional row
            _entry(library="no-such-library"),
            _entry(document="999_unknown.txt"),
            _entry(jurisdiction="BEL", quote=""),
            _entry(jurisdiction="Barbadoes"),
            _entry(),  # the first one again
        ],
    )
    with pytest.raises(InitialStatusFileError) as caught:
        do_load_initial_statuses(path, acting_user=access.SYSTEM)
    problems = caught.value.problems
    expected = [
        r"^entry 2 .*'XYZ' is not a code, name or alias in the directory",
        r"^entry 3 .*“done” is not on this item's scale; choose one of: not_started, in_progress",
        r"^entry 4 .*no item '99\.9' in library 'single-ict-space-iwp-2017'",
        r"^entry 5 .*Item 3\.1 is not tracked",
        r"^entry 6 .*item 1\.1\.1 is not tracked for JM",
        r"^entry 7 .*no item '3\.1\.4' in library 'no-such-library'",
        r"^entry 8 .*document '999_unknown\.txt' is not listed",
        r"^entry 9 .*missing quote",
        r"^entry 10 .*'Barbadoes' is not a code, name or alias",
        r"^entry 11 .*repeats entry 1",
    ]
    assert len(problems) == len(expected), problems
    for pattern, problem in zip(expected, problems, strict=True):
        assert re.search(pattern, problem), (pattern, problem)
    assert not StatusUpdate.objects.exists()
    assert not AuditEntry.objects.filter(action="load_initial_status").exists()


def test_a_future_date_is_refused(loaded_libraries, tmp_path):
    path = _write(tmp_path, [_entry(effective_date="2999-01-01")])
    with pytest.raises(InitialStatusFileError, match="cannot be in the future"):
        do_load_initial_statuses(path, acting_user=access.SYSTEM)


def test_an_entry_changed_after_loading_is_refused_not_ignored(initial_statuses, tmp_path):
    section = _updates(item__ref="3.1.4", jurisdiction__code="BB").get().source_citation
    changed = _entry(status="in_progress", section=section.removeprefix(f"{IWP_FILE}, "))
    with pytest.raises(InitialStatusFileError, match="already loaded as completed"):
        do_load_initial_statuses(_write(tmp_path, [changed]), acting_user=access.SYSTEM)
    assert _updates(item__ref="3.1.4", jurisdiction__code="BB").get().status == "completed"


def test_every_quote_is_in_its_document():
    data = yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))
    texts = {}
    for n, entry in enumerate(data["statuses"], 1):
        name = entry["document"]
        if name not in texts:
            texts[name] = " ".join((SEEDS / name).read_text(encoding="utf-8").split())
        assert " ".join(entry["quote"].split()) in texts[name], (n, entry["quote"])
