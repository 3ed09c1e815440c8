"""Issue 11.3 and 11.4: macros found by structure and declared type, ZIP bombs by their
directory, before anything inflates them."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from ictspace.files import kinds
from ictspace.files.tests.samples import DOCX_MEMBERS, ole, upload, xlsx, zip_of

MACROS = "it contains macros; save it as a document without macros"
CONTENT_TYPES = "[Content_Types].xml"
VBA = "application/vnd.ms-office.vbaProject"


def _with_content_type(package: bytes, extra_xml: str, *members: tuple[str, bytes]) -> bytes:
    """The package with `extra_xml` declared in its [Content_Types].xml and members added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == CONTENT_TYPES:
                data = data.replace(b"</Types>", extra_xml.encode() + b"</Types>")
            target.writestr(info, data)
        for name, data in members:
            target.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _refusal(name: str, content: bytes, policy=kinds.EVIDENCE) -> str:
    with pytest.raises(ValidationError) as refused:
        kinds.inspect(upload(name, content), policy)
    return refused.value.messages[0]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("old.doc", ole("WordDocument", ("Macros", 1), ("VBA", 1))),
        ("old.xls", ole("Workbook", ("_VBA_PROJECT_CUR", 1))),
        ("old.xls", ole("Workbook", ("_vba_project_cur", 1))),  # names compare without case
        ("old.doc", ole("WordDocument", ("_VBA_PROJECT", 2))),
    ],
    ids=["word-macros-storage", "excel-vba-storage", "lowercase", "vba-project-stream"],
)
def test_an_old_office_file_with_vba_storages_is_refused(name, content):
    assert MACROS in _refusal(name, content)


def test_an_old_office_file_without_them_is_still_accepted():
    content = ole("WordDocument", ("1Table", 2), ("Data", 2))
    assert kinds.inspect(upload("old.doc", content), kinds.EVIDENCE).extension == "doc"


@pytest.mark.parametrize(
    "declared",
    [
        f'<Override PartName="/xl/data.bin" ContentType="{VBA}"/>',
        f'<Default Extension="bin" ContentType="{VBA}"/>',
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.ms-excel.sheet.macroEnabled.main+xml"/>',
        '<Override PartName="/xl/macrosheets/sheet1.xml" ContentType="application/'
        'vnd.ms-excel.macrosheet+xml"/>',
    ],
    ids=["renamed-vba-part", "vba-by-extension", "macro-enabled-workbook", "excel4-macro-sheet"],
)
@pytest.mark.parametrize("policy", [kinds.EVIDENCE, kinds.SPREADSHEET], ids=["evidence", "sheet"])
def test_an_xlsx_declaring_code_is_refused_whatever_its_parts_are_called(declared, policy):
    content = _with_content_type(xlsx(), declared, ("xl/data.bin", b"\xd0\xcf\x11\xe0 vba"))
    assert MACROS in _refusal("values.xlsx", content, policy)


def test_a_docx_with_a_renamed_vba_part_is_refused():
    declared = f'<Override PartName="/word/settings2.bin" ContentType="{VBA}"/>'
    content = _with_content_type(zip_of(DOCX_MEMBERS), declared, ("word/settings2.bin", b"x"))
    assert MACROS in _refusal("report.docx", content)


def test_a_content_types_part_with_entities_is_refused_as_damaged():
    bomb = '<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaa">]><Types>&a;</Types>'
    content = zip_of([(CONTENT_TYPES, bomb), ("xl/workbook.xml", "<w/>")])
    assert "damaged ZIP archive" in _refusal("values.xlsx", content)


def test_a_plain_xlsx_is_still_accepted():
    assert kinds.inspect(upload("values.xlsx", xlsx()), kinds.SPREADSHEET).extension == "xlsx"


# ZIP bombs -----------------------------------------------------------------------------


def _bomb(size: int) -> bytes:
    """An XLSX whose sheet inflates `size` bytes of repeated rows from a few kilobytes."""
    row = b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
    return _with_content_type(xlsx(), "", ("xl/worksheets/sheet2.xml", row * (size // len(row))))


def test_a_zip_bomb_is_refused_from_its_directory_naming_the_ratio():
    content = _bomb(8 * kinds.MB)
    assert len(content) < 200_000
    why = "its part “xl/worksheets/sheet2.xml” expands more than 100 times, like a ZIP bomb"
    assert why in _refusal("values.xlsx", content, kinds.SPREADSHEET)
    assert why in _refusal("report.xlsx", content, kinds.EVIDENCE)


def test_a_zip_expanding_past_the_limit_is_refused_naming_it(monkeypatch):
    monkeypatch.setattr(kinds, "MAX_UNPACKED_BYTES", kinds.MB)
    monkeypatch.setattr(kinds, "MAX_RATIO", 10_000)
    message = _refusal("report.xlsx", _bomb(2 * kinds.MB))
    assert "expands to 3 MB when unpacked; the limit is 1 MB" in message
