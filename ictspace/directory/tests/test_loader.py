from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from ictspace import access
from ictspace.audit.models import AuditEntry
from ictspace.directory.actions import do_load_directory
from ictspace.directory.loader import DEFAULT_FILE, DirectoryFileError
from ictspace.directory.models import Body, Jurisdiction, Organisation

pytestmark = pytest.mark.django_db


def _write(tmp_path: Path, mutate) -> Path:
    data = yaml.safe_load(DEFAULT_FILE.read_text())
    mutate(data)
    path = tmp_path / "directory.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def _snapshot():
    return (
        list(Jurisdiction.objects.values_list("code", "name", "aliases").order_by("code")),
        list(Organisation.objects.values_list("code", "name").order_by("code")),
        Body.objects.count(),
        AuditEntry.objects.count(),
    )


def test_the_region_and_its_members(directory):
    region = Jurisdiction.objects.get(code="CARICOM")
    members = Jurisdiction.objects.filter(parent=region, membership="member")
    associates = Jurisdiction.objects.filter(parent=region, membership="associate")
    assert members.count() == 15
    assert set(associates.values_list("iso_code", flat=True)) >= {"AI", "BM", "VG", "KY", "TC"}
    assert Body.objects.filter(kind="csirt").count() == members.count() + associates.count()
    assert Body.objects.get(code="RCC").chair.code == "IMPACS"
    steering = set(Body.objects.get(code="CYBER-SC").members.values_list("code", flat=True))
    assert steering == {"IMPACS", "CTU", "COMSEC", "OAS-CICTE"}


@pytest.mark.parametrize(
    ("alias", "iso"),
    [("BEL", "BZ"), ("DOM", "DM"), ("BDOS", "BB"), ("BAR", "BB"), ("T&T", "TT"), ("SVG", "VC"),
     ("GND", "GD"), ("SLU", "LC"), ("BVI", "VG"), ("SUR", "SR")],
)  # fmt: skip
def test_document_abbreviations_resolve_within_caricom(directory, alias, iso):
    """BEL is not Belgium and DOM is not the Dominican Republic in these documents."""
    matches = [j.code for j in Jurisdiction.objects.all() if alias in j.aliases]
    assert matches == [iso]


def test_loading_twice_changes_nothing(directory):
    before = _snapshot()
    report = do_load_directory(acting_user=access.SYSTEM)
    assert not report.changed
    assert _snapshot() == before


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["jurisdictions"][3].update(iso="XX"), "unknown ISO 3166 code 'XX'"),
        (lambda d: d["organisations"].append(dict(d["organisations"][2])), "duplicate organisation code CTU"),
        (lambda d: d["organisations"][2].update(kind="club"), "organisation CTU: kind must be one of"),
        (lambda d: d["bodies"][0].update(chair="NOPE"), "body RCC: 'NOPE' is not an organisation code"),
        (lambda d: d["jurisdictions"][1]["aliases"].append("BEL"), "alias 'BEL' names both"),
        (lambda d: d.update(format="something/2"), "format: ictspace-directory/1"),
    ],
)  # fmt: skip
def test_bad_file_names_the_entry_and_changes_nothing(directory, tmp_path, mutate, expected):
    path = _write(tmp_path, lambda d: (mutate(d), d["jurisdictions"][0].update(name="Changed"))[0])
    before = _snapshot()
    with pytest.raises(DirectoryFileError) as caught:
        do_load_directory(path, acting_user=access.SYSTEM)
    assert any(expected in problem for problem in caught.value.problems), caught.value.problems
    assert _snapshot() == before


def test_malformed_yaml_is_reported_with_the_file_name(directory, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("format: ictspace-directory/1\njurisdictions: [\n")
    with pytest.raises(CommandError) as caught:
        call_command("load_directory", str(path))
    assert "broken.yaml" in str(caught.value)
    assert "nothing was loaded" in str(caught.value)


def test_a_changed_name_is_updated_and_audited(directory, tmp_path):
    path = _write(tmp_path, lambda d: d["organisations"][2].update(name="CTU renamed"))
    report = do_load_directory(path, acting_user=access.SYSTEM)
    assert Organisation.objects.get(code="CTU").name == "CTU renamed"
    entry = (
        AuditEntry.objects.filter(object_type="directory.organisation", action="update")
        .order_by("-at", "-id")
        .first()
    )
    assert entry.changes == {"name": ["Caribbean Telecommunications Union", "CTU renamed"]}
    assert report.updated == ["CTU renamed (CTU)"]


def test_the_region_designates_who_receives_the_public_reports(directory, tmp_path):
    from ictspace.directory.models import Designation

    designation = Designation.objects.get(jurisdiction__code="CARICOM", purpose="public_reports")
    assert designation.organisation.code == "IMPACS"
    path = _write(tmp_path, lambda d: d["region"].update(receives_public_reports="NOPE"))
    with pytest.raises(DirectoryFileError, match="receives_public_reports 'NOPE'"):
        do_load_directory(path, acting_user=access.SYSTEM)


def test_a_state_may_designate_its_own_receiver(directory, tmp_path):
    from ictspace.directory.models import Designation

    def designate(data):
        barbados = next(j for j in data["jurisdictions"] if j["iso"] == "BB")
        barbados.update(receives_public_reports="CTU", receives_public_reports_source="test")

    do_load_directory(_write(tmp_path, designate), acting_user=access.SYSTEM)
    designation = Designation.objects.get(jurisdiction__code="BB", purpose="public_reports")
    assert (designation.organisation.code, designation.source) == ("CTU", "test")
