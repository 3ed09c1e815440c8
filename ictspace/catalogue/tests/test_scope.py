"""Scope as the libraries declare it: every assessable item, resolved, against our reading."""

import pytest
import yaml

from ictspace import access
from ictspace.catalogue.actions import do_load_library_file, library_files
from ictspace.catalogue.exports import library_as_dict
from ictspace.catalogue.models import Item
from ictspace.catalogue.scope import concerns
from ictspace.directory.models import Jurisdiction
from ictspace.review.models import ReviewState
from ictspace.tracking.models import StatusUpdate

pytestmark = pytest.mark.django_db
IWP = "single-ict-space-iwp-2017"


def _refs(text: str) -> list[str]:
    return text.split()


# The resolved scope of every assessable item, as read from the documents. A library edit
# that changes one must change this table too: scope decides every gap analysis.
EXPECTED = {
    IWP: {
        "regional": _refs(
            "1.1.1 1.1.2 1.1.3 1.1.4 1.1.5 1.1.6 1.1.7 1.1.8 1.1.9 1.1.10 1.1.11 2.1.2 3.1.1 "
            "4.1 4.5 4.8 4.9 4.10 5.1 5.2 5.3 5.4 7.1.5 7.1.6 7.1.8 7.1.13 7.1.14 8.1 8.2 "
            "9.1.1 9.1.2 9.1.3 9.1.4 9.1.5"
        ),
        "national": _refs(
            "2.1.1 3.1.3 3.1.4 3.1.5 3.1.6 3.1.8 3.1.9 4.2 4.3 4.4 4.6 6.1 6.2 6.3 6.4 "
            "7.1.2 7.1.3 7.1.7 7.1.11"
        ),
        "both": _refs("2.1.3 2.1.4 3.1.2 3.1.7 4.7 6.5 7.1.1 7.1.4 7.1.9 7.1.10 7.1.12 9.1.6"),
    },
    "ccscap-2016": {
        "national": _refs(
            "ms-1.1 ms-1.2 ms-1.3 ms-1.4 ms-1.5 need-1.1 need-1.2 need-1.3 need-2.1 need-2.2 "
            "need-2.3 need-2.4 need-2.5 need-3.1 need-3.2 need-3.3 ms-4.1 ms-4.2 ms-4.3 ms-4.4 "
            "need-4.1 need-4.2 need-4.3 need-4.4 need-5.1 need-5.2 need-5.4"
        ),
        "regional": _refs("need-5.3 need-5.5 need-5.6"),
    },
    "caricom-cyber-profile-2020": {
        "national": _refs(
            "hipcar-texts.3.1 hipcar-texts.3.2 hipcar-texts.3.3 hipcar-texts.3.4 "
            "hipcar-texts.3.5 hipcar-texts.3.6 hipcar.4.1 hipcar.4.2 hipcar.4.3 hipcar.4.4 "
            "hipcar.4.5"
        ),
    },
    "caribbean-ig-framework": {
        "regional": _refs("fa-1.1 fa-1.2 fa-1.3 fa-2.1 fa-2.2 fa-2.3 fa-2.4 fa-2.5"),
    },
    "belize-egov-2015": {
        "BZ": _refs(
            "th-1.prog-1 th-1.prog-2 th-1.prog-2.act-c th-1.prog-2.act-d th-1.prog-3 "
            "th-1.prog-3.act-a th-1.prog-3.act-b th-1.prog-4 th-2.prog-1 th-2.prog-2 "
            "th-2.prog-2.act-a th-2.prog-2.act-b th-3.prog-1 th-3.prog-2 th-3.prog-3 "
            "th-4.prog-1 th-4.prog-2 th-4.prog-3 th-5.prog-1 th-5.prog-2 th-5.prog-3 "
            "th-6.prog-1 th-6.prog-2 th-7.prog-1 th-7.prog-2 th-7.prog-3 th-8.prog-1 "
            "th-8.prog-2 th-8.prog-2.act-a th-8.prog-2.act-b th-8.prog-3 th-8.prog-4 "
            "th-8.prog-5 th-9.prog-1 th-9.prog-2 th-9.prog-3"
        ),
    },
    "ict-core-indicators": {},  # indicators only: nothing takes a status
}
CASES = [
    (slug, ref, scope) for slug, table in EXPECTED.items() for scope, refs in table.items()
    for ref in refs
]  # fmt: skip


def _resolved(item: Item) -> str:
    return ",".join(item.scope_jurisdiction_codes) or item.scope_kind


def test_the_table_covers_every_assessable_item_of_every_library(loaded_libraries):
    assert {p.stem for p in library_files()} == set(EXPECTED)
    listed = {(slug, ref) for slug, ref, _scope in CASES}
    assert len(listed) == len(CASES)  # no item twice
    loaded = Item.objects.filter(assessable=True, retired_in_version__isnull=True)
    assert set(loaded.values_list("library__slug", "ref")) == listed


@pytest.mark.parametrize(("slug", "ref", "scope"), CASES, ids=lambda v: str(v))
def test_resolved_scope(loaded_libraries, slug, ref, scope):
    assert _resolved(Item.objects.get(library__slug=slug, ref=ref)) == scope


def _concerned(slug: str, ref: str) -> set[str]:
    item = Item.objects.get(library__slug=slug, ref=ref)
    return {j.code for j in Jurisdiction.objects.all() if concerns(item, j)}


def test_national_means_member_states_unless_the_library_adds_associates(loaded_libraries):
    members = set(Jurisdiction.objects.filter(membership="member").values_list("code", flat=True))
    associates = set(
        Jurisdiction.objects.filter(membership="associate").values_list("code", flat=True)
    )
    assert len(members) == 15 and "VG" in associates
    assert _concerned("ccscap-2016", "ms-4.1") == members
    # The work plan records associate members' projects (BVI's IXP): they are concerned too.
    assert _concerned(IWP, "3.1.4") == members | associates
    assert _concerned(IWP, "6.5") == members | associates | {"CARICOM"}  # both
    assert _concerned(IWP, "4.8") == {"CARICOM"}  # the .caricom domain: regional
    assert _concerned("belize-egov-2015", "th-1.prog-1") == {"BZ"}


def test_hipcar_model_laws_are_reportable_by_each_state(loaded_libraries):
    for ref in ("hipcar-texts.3.2", "hipcar-texts.3.5", "hipcar.4.2"):
        concerned = _concerned("caricom-cyber-profile-2020", ref)
        assert {"BB", "GY", "HT", "JM"} <= concerned and "CARICOM" not in concerned


def test_an_item_scope_is_inherited_by_descendants_that_declare_none(loaded_libraries, tmp_path):
    path = next(p for p in library_files() if p.stem == IWP)
    data = yaml.safe_load(path.read_text())
    data["version"] += 1
    component_3 = next(i for i in data["items"] if i["ref"] == "3")
    activity = component_3["children"][0]  # 3.1: its specific activities declare their own
    activity["scope"] = ["GY", "Haiti"]  # a name resolves to its code
    ixp = next(c for c in activity["children"] if c["ref"] == "3.1.4")
    del ixp["scope"]
    kept = Item.objects.get(library__slug=IWP, ref="3.1.4")
    update = StatusUpdate.objects.create(
        jurisdiction=Jurisdiction.objects.get(code="BB"), item=kept, status="completed",
        effective_date="2018-01-01", review_state=ReviewState.VALIDATED, created_at="2018-01-01T00:00Z",
    )  # fmt: skip
    written = tmp_path / "iwp.yaml"
    written.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    do_load_library_file(written, acting_user=access.SYSTEM)
    ixp_row = Item.objects.get(library__slug=IWP, ref="3.1.4")
    assert ixp_row.pk == kept.pk and update.item_id == ixp_row.pk  # statuses stay attached
    assert (ixp_row.scope, _resolved(ixp_row)) == (None, "GY,HT")  # inherited from 3.1
    assert _resolved(Item.objects.get(library__slug=IWP, ref="3.1.3")) == "national"  # own
    exported = {i["ref"]: i for i in library_as_dict(IWP)["items"]}
    assert exported["3.1"]["scope"] == ["GY", "HT"] and "scope" not in exported["3.1.4"]
    assert library_as_dict(IWP)["scope_associates"] is True
