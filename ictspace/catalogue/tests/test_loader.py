"""The loader: round trip, versions, retirement, and all-or-nothing on bad files."""

import io
import json
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from openpyxl import load_workbook

from ictspace import access
from ictspace.catalogue.actions import do_load_library_file, library_files
from ictspace.catalogue.exports import export_json, export_xlsx, export_yaml, library_as_dict
from ictspace.catalogue.library_file import LibraryFileError
from ictspace.catalogue.models import Item, Library, LibraryVersion
from ictspace.catalogue.targets import parse_target

pytestmark = pytest.mark.django_db
IWP = "single-ict-space-iwp-2017"


def _iwp_file() -> Path:
    return next(p for p in library_files() if p.name == f"{IWP}.yaml")


def _raw() -> dict:
    """The work plan file; items[1] is component 1, whose activity 1.1 has children."""
    data = yaml.safe_load(_iwp_file().read_text())
    assert data["items"][1]["ref"] == "1"
    return data


def _write(tmp_path, data, name="lib.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return path


def _state():
    return (
        list(Library.objects.values_list("slug", "version", "content_sha256").order_by("slug")),
        list(
            Item.objects.values_list(
                "library__slug", "ref", "title", "retired_in_version"
            ).order_by("pk")
        ),
    )


@pytest.mark.parametrize("path", library_files(), ids=lambda p: p.stem)
def test_export_load_export_is_byte_identical(loaded_libraries, tmp_path, path):
    slug = yaml.safe_load(path.read_text())["slug"]
    first = export_json(slug)
    assert json.loads(first) == LibraryVersion.objects.filter(library__slug=slug).first().content
    Item.objects.filter(library__slug=slug).update(parent=None)
    Library.objects.get(slug=slug).mappings.all().delete()
    Library.objects.get(slug=slug).indicators.all().delete()
    Item.objects.filter(library__slug=slug).delete()
    Library.objects.filter(slug=slug).delete()
    exported = tmp_path / f"{slug}.json"
    exported.write_bytes(first)
    do_load_library_file(exported, acting_user=access.SYSTEM)
    assert export_json(slug) == first
    # The YAML export is a library file too.
    yaml_file = tmp_path / f"{slug}.yaml"
    yaml_file.write_bytes(export_yaml(slug))
    assert do_load_library_file(yaml_file, acting_user=access.SYSTEM).status == "unchanged"


def test_loading_again_is_a_no_op(loaded_libraries):
    before = _state()
    for path in library_files():
        assert do_load_library_file(path, acting_user=access.SYSTEM).status == "unchanged"
    assert _state() == before


def test_a_new_version_keeps_refs_and_retires_the_removed(loaded_libraries, tmp_path):
    data = _raw()
    kept = Item.objects.get(library__slug=IWP, ref="3.1.4")
    data["version"] += 1
    component = data["items"][1]
    removed = component["children"][0]["children"].pop()  # last specific activity of 1.1
    component["children"][0]["children"][0]["title"] = "A reworded title"
    result = do_load_library_file(_write(tmp_path, data), acting_user=access.SYSTEM)
    assert (result.status, result.retired, result.updated >= 1) == ("updated", 1, True)
    assert Item.objects.get(pk=kept.pk).ref == "3.1.4"  # same row: tracking data stays attached
    gone = Item.objects.get(library__slug=IWP, ref=removed["ref"])
    assert gone.retired_in_version == data["version"]
    assert removed["ref"] not in {i["ref"] for i in library_as_dict(IWP)["items"]}
    assert LibraryVersion.objects.filter(library__slug=IWP).count() == 2


def test_changed_content_without_a_new_version_is_refused(loaded_libraries, tmp_path):
    data = _raw()
    data["items"][1]["title"] = "Changed"
    before = _state()
    with pytest.raises(LibraryFileError) as caught:
        do_load_library_file(_write(tmp_path, data), acting_user=access.SYSTEM)
    assert "increase `version`" in caught.value.problems[0]
    assert _state() == before


BAD = [
    (lambda d: d["items"][1]["children"][0].update(ref="1"), "ref 1: the ref is used twice"),
    (lambda d: d["items"][1].pop("title"), "ref 1: `title` is required"),
    (lambda d: d["items"][1]["children"][0]["children"][0].update(due={"value": "2018-13"}), "is not a real date"),
    (lambda d: d["items"][1]["children"][0]["children"][0].update(due={"value": "June 2018"}), "must be YYYY, YYYY-MM or YYYY-MM-DD"),
    (lambda d: d["items"][1]["children"][0]["children"][0].update(jurisdictions=["Atlantis"]), "jurisdiction 'Atlantis' is not in the directory"),
    (lambda d: d["items"][1]["children"][0]["children"][0].update(phases=["9"]), "phase '9' is not in the library's phase legend"),
    (lambda d: d["items"][1].update(budget={"text": "x", "min_usd": 5, "max_usd": 1}), "budget min_usd is larger than max_usd"),
    (lambda d: d.update(mappings=[{"from": "nope", "to": "x:y", "relation": "implements"}]), "from 'nope' is not a ref"),
    (lambda d: d.pop("source"), "`source.file` (a source document) or `source.url`"),
    (lambda d: d["items"][1].update(indicators=[{"code": "X1", "name": "x", "colour": "red"}]), "indicator X1: unknown indicator keys: colour"),
    (lambda d: d["items"][1].update(indicators=[{"code": "X1", "name": "x", "unit": "ordinal"}]), "an ordinal indicator needs its `levels`"),
    (lambda d: d["items"][1].update(indicators=[{"code": "X1", "name": "x", "disaggregations": ["income"]}]), "disaggregations are some of age, area, sex"),
    (lambda d: d["items"][1].update(indicators=[{"code": "X1", "name": "x", "min": 5, "max": 1}]), "`min` is larger than `max`"),
    (lambda d: d["items"][1].update(scope="everyone"), "ref 1: `scope` must be one of national, regional, both"),
    (lambda d: d["items"][1].update(scope=["BZ", "XX"]), "ref 1: jurisdiction 'XX' is not in the directory"),
    (lambda d: d.update(scope=[]), "header: `scope` must be one of"),
    (lambda d: d.update(scope_associates="yes"), "header: `scope_associates` must be true or false"),
]  # fmt: skip


@pytest.mark.parametrize(("mutate", "expected"), BAD)
def test_a_malformed_file_names_the_problem_and_loads_nothing(
    loaded_libraries, tmp_path, mutate, expected
):
    data = _raw()
    data["version"] += 1
    data["items"][2]["title"] = "A change that must not land"
    mutate(data)
    before = _state()
    with pytest.raises(LibraryFileError) as caught:
        do_load_library_file(_write(tmp_path, data), acting_user=access.SYSTEM)
    assert any(expected in p for p in caught.value.problems), caught.value.problems
    assert _state() == before


def test_the_command_reports_the_file_and_keeps_going(loaded_libraries, tmp_path, capsys):
    path = tmp_path / "broken.yaml"
    path.write_text("format: ictspace-library/1\nitems: [\n")
    with pytest.raises(Exception, match="could not be loaded"):
        call_command("load_libraries", str(path), _iwp_file())
    err = capsys.readouterr().err
    assert "broken.yaml: not loaded; nothing of this library changed." in err


def test_xlsx_export_opens_and_escapes_formulas(loaded_libraries):
    item = Item.objects.get(library__slug=IWP, ref="3.1.4")
    item.status_text = '=HYPERLINK("http://evil")'
    item.save()
    book = load_workbook(io.BytesIO(export_xlsx(IWP)))
    assert book.sheetnames == ["Library", "Items", "Indicators", "Mappings"]
    rows = list(book["Items"].iter_rows(values_only=True))
    header = rows[0]
    row = next(r for r in rows if r[0] == "3.1.4")
    assert row[header.index("status_text")].startswith("'=HYPERLINK")
    assert len(rows) - 1 == len(library_as_dict(IWP)["items"])


@pytest.mark.parametrize(
    ("text", "levels", "parsed"),
    [
        ("30%", None, {"comparator": "=", "value": 30, "unit": "%"}),
        (">25%", None, {"comparator": ">", "value": 25, "unit": "%"}),
        ("≥ 2.5", None, {"comparator": ">=", "value": 2.5}),
        ("500K", None, {"comparator": "=", "value": 500000}),
        ("1 bus", None, {"comparator": "=", "value": 1, "unit": "bus"}),
        (">1 Million", None, {"comparator": ">", "value": 1_000_000}),
        ("2.5M", None, {"comparator": "=", "value": 2_500_000}),
        ("3 months", None, {"comparator": "=", "value": 3, "unit": "months"}),
        ("Med", ["Low", "Med", "High"], {"level": "Med", "level_index": 1}),
        ("Most", ["Few", "Some", "Most"], {"level": "Most", "level_index": 2}),
        ("To be determined", None, {}),
        ("", None, {}),
    ],
)
def test_targets_as_written_are_parsed(text, levels, parsed):
    assert parse_target(text, levels) == parsed


def test_a_better_parser_refreshes_parsed_targets_without_a_new_version(loaded_libraries):
    """Parsed forms are derived: changing them is not a change of the document."""
    from ictspace.catalogue.models import Indicator

    indicator = Indicator.objects.filter(definition__targets__isnull=False).first()
    stale = dict(indicator.definition)
    stale["targets"] = [{"period": t.get("period"), "text": t["text"]} for t in stale["targets"]]
    Indicator.objects.filter(pk=indicator.pk).update(definition=stale)
    library = indicator.library
    path = next(p for p in library_files() if yaml.safe_load(p.read_text())["slug"] == library.slug)
    assert do_load_library_file(path, acting_user=access.SYSTEM).status == "unchanged"
    indicator.refresh_from_db()
    assert indicator.definition != stale
    assert library.versions.count() == 1
