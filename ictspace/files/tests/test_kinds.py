import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files import File

from ictspace.files import kinds
from ictspace.files.tests.samples import (
    DOCX_MEMBERS,
    ELF,
    EXE,
    HTML,
    SVG,
    docx,
    ods,
    ole,
    pdf,
    png,
    upload,
    xlsx,
    zip_of,
)

MB = 1024 * 1024
NOT_ACCEPTED = "is not a PDF, image, office document or CSV file"


@pytest.mark.parametrize(
    ("name", "make", "content_type", "extension"),
    [
        ("contract.pdf", pdf, "application/pdf", "pdf"),
        ("map.png", png, "image/png", "png"),
        ("photo.jpg", lambda: b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64), "image/jpeg", "jpg"),
        ("chart.gif", lambda: b"GIF89a\x01\x00\x01\x00" + bytes(20), "image/gif", "gif"),
        ("scan.webp", lambda: b"RIFF\x24\x00\x00\x00WEBPVP8 " + bytes(30), "image/webp", "webp"),
        ("plan.xlsx", xlsx, kinds.TYPES["xlsx"], "xlsx"),
        ("report.docx", docx, kinds.TYPES["docx"], "docx"),
        ("budget.ods", ods, "application/vnd.oasis.opendocument.spreadsheet", "ods"),
        ("old.doc", lambda: ole("WordDocument"), "application/msword", "doc"),
        ("old.xls", lambda: ole("Workbook"), "application/vnd.ms-excel", "xls"),
        ("old.ppt", lambda: ole("PowerPoint Document"), "application/vnd.ms-powerpoint", "ppt"),
    ],
)
def test_accepted_kinds_are_recognised_by_content(name, make, content_type, extension):
    detected = kinds.inspect(upload(name, make()), kinds.EVIDENCE)
    assert (detected.content_type, detected.extension) == (content_type, extension)


def test_the_name_does_not_decide_the_kind():
    detected = kinds.inspect(upload("contract.txt", pdf()), kinds.EVIDENCE)
    assert detected == kinds.Detected("application/pdf", "pdf")


@pytest.mark.parametrize(
    "content",
    [
        "\ufeffJurisdiction,Status\nBarbados,in progress\nCuraçao,not started\n".encode(),
        "Pays;Statut;Budget\nCuraçao;démarré;€ 5 000\n".encode("cp1252"),
        b"one column only\nsecond line\n",
    ],
    ids=["utf8-bom", "cp1252", "single-column"],
)
def test_csv_in_utf8_with_bom_or_windows_1252_is_accepted(content):
    assert kinds.inspect(upload("status.csv", content), kinds.EVIDENCE).content_type == "text/csv"


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        ("setup.exe", EXE, "it looks like a Windows program"),
        ("tool", ELF, "it looks like a Linux or Unix program"),
        ("report.pdf", HTML, "it looks like a web page"),
        ("logo.svg", SVG, "it looks like an SVG image, which can carry scripts"),
        ("notes.zip", zip_of([("notes.txt", "hello")]), "it looks like a ZIP archive that is not an office document"),
        ("macro.docx", zip_of([*DOCX_MEMBERS, ("word/vbaProject.bin", "x")]), "it contains macros; save it as a document without macros"),
        ("installer.msi", ole("SummaryInformation"), "it is a compound file, but not a Word, Excel or PowerPoint file"),
        ("data.csv", "a,b\n1,2\n".encode("utf-16"), "it is UTF-16 text; save it as “CSV UTF-8”"),
        ("blob.csv", bytes(range(256)) * 4, "its content is binary data of an unknown kind"),
    ],
)  # fmt: skip
def test_other_kinds_are_refused_saying_why(name, content, why):
    with pytest.raises(ValidationError) as refused:
        kinds.inspect(upload(name, content), kinds.EVIDENCE)
    assert refused.value.messages == [f"“{name}” {NOT_ACCEPTED} ({why})."]


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as refused:
        kinds.inspect(upload("empty.csv", b""), kinds.EVIDENCE)
    assert refused.value.messages == ["“empty.csv” is empty."]


def test_a_file_over_20_mb_is_refused_from_its_size(tmp_path):
    path = tmp_path / "big.pdf"
    with path.open("wb") as sparse:
        sparse.truncate(int(23.4 * MB))  # sparse: no 23 MB of memory or disk
    with path.open("rb") as handle, pytest.raises(ValidationError) as refused:
        kinds.inspect(File(handle, name="big.pdf"), kinds.EVIDENCE)
    assert refused.value.messages == ["“big.pdf” is 23.4 MB; the limit is 20 MB."]


def test_sha256_is_computed_over_chunks(tmp_path):
    content = b"x" * (kinds.CHUNK * 3 + 17)
    path = tmp_path / "data.csv"
    path.write_bytes(content)
    with path.open("rb") as handle:
        assert kinds.sha256_of(File(handle)) == hashlib.sha256(content).hexdigest()


# One policy per use ----------------------------------------------------------------------

NOT_A_TABLE = "is not a CSV or XLSX file"


@pytest.mark.parametrize(
    ("make", "extension"),
    [(xlsx, "xlsx"), (lambda: b"library,jurisdiction\nbelize,BB\n", "csv")],
)
def test_a_spreadsheet_upload_takes_csv_and_xlsx(make, extension):
    assert kinds.inspect(upload("values", make()), kinds.SPREADSHEET).extension == extension


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        ("values.pdf", pdf(), "it is a PDF file"),
        ("values.docx", docx(), "it is a ZIP archive, not an Excel workbook"),
        ("values.xlsx", b"PK\x03\x04 broken", "it is a ZIP archive, not an Excel workbook"),
        ("values.xls", ole("Workbook"), "it is an old Excel (.xls) or Office file; save it as .xlsx or CSV"),
        ("values.csv", EXE, "it looks like a Windows program"),
        ("values.csv", HTML, "it looks like a web page"),
        ("macro.xlsx", zip_of([("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<w/>"), ("xl/vbaProject.bin", "x")]), "it contains macros; save it as a document without macros"),
    ],
)  # fmt: skip
def test_a_spreadsheet_upload_refuses_other_kinds_saying_why(name, content, why):
    with pytest.raises(ValidationError) as refused:
        kinds.inspect(upload(name, content), kinds.SPREADSHEET)
    assert refused.value.messages == [f"“{name}” {NOT_A_TABLE} ({why})."]


def test_a_policy_offers_the_browser_only_its_own_kinds():
    assert kinds.SPREADSHEET.accept == ".xlsx,.csv"
    assert kinds.EVIDENCE.accept.startswith(".pdf,.png,.jpg,") and ".jpeg" in kinds.EVIDENCE.accept


def test_a_spreadsheet_past_the_web_limit_is_accepted_for_the_command(tmp_path):
    path = tmp_path / "back-series.csv"
    line = b"belize-ict-kpis,BB,KPI-01,2019,,45,,,\n"
    path.write_bytes(
        b"library,jurisdiction,indicator,period,disaggregation,value,unit,source,note\n"
    )
    with path.open("ab") as out:
        out.write(line * (21 * MB // len(line)))
    with path.open("rb") as handle:
        assert kinds.inspect(File(handle, name=path.name), kinds.SPREADSHEET).extension == "csv"
        with pytest.raises(ValidationError, match="the limit is 20 MB"):
            kinds.inspect(File(handle, name=path.name), kinds.EVIDENCE)
