"""Issue 11.4: a spreadsheet is refused by its size before it is read (rows, columns,
shared strings), and an over-long CSV cell names its row instead of failing blind."""

import io
import re
import zipfile

import openpyxl
import pytest

from ictspace.indicators.imports import files
from ictspace.indicators.imports.files import COLUMNS
from ictspace.indicators.models import ImportJob
from ictspace.indicators.tests.helpers_imports import LAST_YEAR, latest_job, row, tidy_csv, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def client(cast, client_for, loaded_libraries):
    return client_for(cast["ncpoc"])


def _failure(client, content: bytes, name="values.csv") -> str:
    response = upload(client, content, name=name)
    assert response.status_code == 302
    job = latest_job()
    assert job.state == ImportJob.State.FAILED
    return job.failure


def _workbook(rows: list[list], *, extra_column: int = 0) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet.append(list(COLUMNS))
    for cells in rows:
        sheet.append(cells)
    if extra_column:
        sheet.cell(row=2, column=extra_column, value="far away")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _without_dimension(content: bytes) -> bytes:
    """The workbook with its sheets' <dimension> removed: their size known only by reading."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(rb"<dimension [^>]*/>", b"", data)
            target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _with_shared_strings(content: bytes, count: int, part="xl/sharedStrings.xml") -> bytes:
    """The workbook with a shared-strings part of `count` texts, declared where openpyxl
    looks for it: in [Content_Types].xml, whatever the part is called."""
    items = "".join(f"<si><t>text {i}</t></si>" for i in range(count))
    strings = f'<sst xmlns="{MAIN}" count="{count}" uniqueCount="{count}">{items}</sst>'
    declared = f'<Override PartName="/{part}" ContentType="{files.SHARED_STRINGS_TYPE}"/>'
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", declared.encode() + b"</Types>")
            target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
        target.writestr(part, strings, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


# CSV ------------------------------------------------------------------------------------


def test_an_over_long_csv_cell_names_its_row(client):
    content = tidy_csv([row(), row(note="x" * 200_000), row()])
    assert _failure(client, content) == (
        "Row 3 has a cell longer than 131,072 characters; is a quote left open?"
    )


def test_an_over_long_csv_header_cell_names_the_first_row(client):
    content = tidy_csv([row()], header=[*COLUMNS[:-1], "note" + "y" * 200_000])
    assert _failure(client, content).startswith("Row 1 has a cell longer than 131,072")


def test_a_csv_with_too_many_rows_is_refused_naming_the_limit(client, monkeypatch):
    monkeypatch.setattr(files, "MAX_ROWS", 5)
    content = tidy_csv([row(period=str(year)) for year in range(LAST_YEAR - 9, LAST_YEAR + 1)])
    assert _failure(client, content) == "The file has 11 rows; an upload may have at most 5."


def test_a_csv_with_too_many_columns_is_refused_naming_the_limit(client):
    content = tidy_csv([row()], header=[*COLUMNS, *(f"extra{i}" for i in range(100))])
    assert _failure(client, content) == "Row 1 has 109 columns; an upload may have at most 64."


# XLSX -----------------------------------------------------------------------------------


def _rows(count: int) -> list[list]:
    return [row(period=str(year)) for year in range(LAST_YEAR - count + 1, LAST_YEAR + 1)]


def test_an_xlsx_declaring_too_many_rows_is_refused_before_reading(client, monkeypatch):
    monkeypatch.setattr(files, "MAX_ROWS", 5)
    failure = _failure(client, _workbook(_rows(10)), name="values.xlsx")
    assert failure == "The file has 11 rows; an upload may have at most 5."
    assert latest_job().processed_rows == 0


def test_an_xlsx_hiding_its_rows_is_stopped_at_the_limit_while_read(client, monkeypatch):
    monkeypatch.setattr(files, "MAX_ROWS", 5)
    content = _without_dimension(_workbook(_rows(10)))
    failure = _failure(client, content, name="values.xlsx")
    assert failure == "The file has 6 rows; an upload may have at most 5."


def test_an_xlsx_with_too_many_columns_is_refused(client):
    failure = _failure(client, _workbook(_rows(1), extra_column=200), name="values.xlsx")
    assert failure == "The sheet has 200 columns; an upload may have at most 64."
    content = _without_dimension(_workbook(_rows(1), extra_column=200))
    failure = _failure(client, content, name="values.xlsx")
    assert failure == "Row 2 has 200 columns; an upload may have at most 64."


def test_an_xlsx_with_too_many_shared_strings_is_refused_before_loading_them(client, monkeypatch):
    monkeypatch.setattr(files, "MAX_SHARED_STRINGS", 3000)
    for part in ("xl/sharedStrings.xml", "xl/renamed.bin"):
        content = _with_shared_strings(_workbook(_rows(1)), 5000, part=part)
        failure = _failure(client, content, name="values.xlsx")
        assert failure.startswith(
            "The workbook's shared texts are too many (more than 3,000 strings)"
        )
        assert "at most 3,000 different texts, 64 MB in all" in failure


def test_an_xlsx_with_too_large_shared_strings_is_refused(client, monkeypatch):
    monkeypatch.setattr(files, "MAX_SHARED_STRINGS_BYTES", 100)
    failure = _failure(client, _with_shared_strings(_workbook(_rows(1)), 20), name="values.xlsx")
    assert failure.startswith("The workbook's shared texts are too many (1 MB)")


def test_shared_strings_are_counted_across_chunks(client, monkeypatch):
    monkeypatch.setattr(files, "MAX_SHARED_STRINGS", 30_000)
    content = _with_shared_strings(_workbook(_rows(1)), 30_000)  # several 64 KB chunks
    upload(client, content, name="values.xlsx")
    assert latest_job().state == ImportJob.State.PREVIEW
    monkeypatch.setattr(files, "MAX_SHARED_STRINGS", 29_999)
    assert "more than 29,999 strings" in _failure(client, content, name="values.xlsx")


def test_a_workbook_within_the_limits_is_read(client):
    upload(client, _workbook(_rows(3)), name="values.xlsx")
    assert latest_job().state == ImportJob.State.PREVIEW
    assert latest_job().counts["new"] == 3
