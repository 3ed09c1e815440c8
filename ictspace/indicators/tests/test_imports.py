import csv
import datetime
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ictspace.access import SYSTEM
from ictspace.audit.models import AuditEntry
from ictspace.catalogue.models import Indicator
from ictspace.conftest import make_user
from ictspace.directory.models import Jurisdiction
from ictspace.indicators import actions
from ictspace.indicators.imports import actions as imports
from ictspace.indicators.imports.files import COLUMNS
from ictspace.indicators.imports.forms import periods_between
from ictspace.indicators.imports.template import HEADER, build_template
from ictspace.indicators.models import ImportJob, Observation
from ictspace.indicators.tests.helpers_imports import (
    BELIZE,
    COUNT,
    LAST_YEAR,
    ORDINAL,
    PERCENT,
    bb,
    indicator,
    latest_job,
    observe,
    row,
    tidy_csv,
    upload,
)
from ictspace.review.models import ReviewState

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def ncpoc(cast, loaded_libraries):
    return cast["ncpoc"]


# The round trip --------------------------------------------------------------------------


def _fill(workbook_bytes: bytes, values: dict) -> bytes:
    """Type values into the template's Value cells, as a person would in Excel."""
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes))
    sheet = book["Data"]
    column = {name: i for i, name in enumerate(HEADER)}
    for cells in sheet.iter_rows(min_row=2):
        key = (cells[column["indicator"]].value, cells[column["period"]].value)
        if key in values:
            cells[column["value"]].value = values[key]
            cells[column["source"]].value = "National ICT survey"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_round_trip_template_filled_uploaded_applied_exported_and_reimported(
    cast, client_for, ncpoc
):
    place = bb()
    kept = observe(place, COUNT, str(LAST_YEAR), "7")  # a value that counts already
    client = client_for(ncpoc)
    response = client.get(
        reverse("indicators:template"),
        {
            "jurisdiction": "BB",
            "library": BELIZE,
            "indicators": [PERCENT, ORDINAL, COUNT],
            "frequency": "year",
            "from_year": LAST_YEAR - 1,
            "to_year": LAST_YEAR,
            "download": "1",
        },
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    filled = _fill(
        response.content, {(PERCENT, str(LAST_YEAR)): 45.5, (ORDINAL, str(LAST_YEAR)): "Med"}
    )

    response = upload(client, filled, name="filled.xlsx")
    job = latest_job()
    assert response.status_code == 302
    assert response["Location"] == reverse("indicators:import", args=[job.pk])
    assert job.state == ImportJob.State.PREVIEW, job.failure
    # 6 rows: 2 typed in, 1 current value left as it was, 3 left empty (skipped).
    assert job.counts["new"] == 2
    assert job.counts["unchanged"] == 1
    assert job.counts["error"] == 0
    assert job.counts["empty"] == 3
    page = client.get(reverse("indicators:import", args=[job.pk]))
    assert "Confirm and apply" in page.content.decode()
    assert not AuditEntry.objects.filter(action="apply_import").exists()

    response = client.post(reverse("indicators:import_apply", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.state == ImportJob.State.APPLIED
    assert job.applied_count == 2
    added = Observation.objects.filter(import_job=job).order_by("indicator__code")
    assert [(o.indicator.code, o.value_number, o.value_text) for o in added] == [
        (PERCENT, Decimal("45.5"), ""),
        (ORDINAL, Decimal("1"), "Med"),
    ]
    assert {o.review_state for o in added} == {ReviewState.SUBMITTED}
    assert {o.author for o in added} == {ncpoc}
    assert {o.source for o in added} == {"National ICT survey"}
    assert all(o.submitted_at and o.created_at for o in added)
    entry = AuditEntry.objects.get(action="apply_import")
    assert entry.object_id == str(job.pk)
    assert entry.changes["sha256"] == [None, job.sha256]
    assert entry.changes["added"] == [None, 2]

    actions.do_open_upload_preview(job, acting_user=cast["rcc_chair"])
    actions.do_review_import(job, decision="validate", acting_user=cast["rcc_chair"])
    client = client_for(cast["steering"])
    csv_text = client.get(reverse("indicators:export", args=["csv"]), {"jurisdiction": "BB"})
    exported = b"".join(csv_text.streaming_content)
    lines = list(csv.DictReader(io.StringIO(exported.decode("utf-8-sig"))))
    assert {(r["indicator"], r["value"]) for r in lines} == {
        (PERCENT, "45.5"),
        (ORDINAL, "Med"),
        (COUNT, "7"),
    }
    sdmx = b"".join(client.get(reverse("indicators:export", args=["sdmx"])).streaming_content)
    assert (
        b"CARICOM:BELIZE_EGOV_2015(2.0),A,BB,KPI-1_1_1,_Z,_Z,_Z,"
        + str(LAST_YEAR).encode()
        + b",45.5,PT,A"
        in sdmx
    )
    xlsx = client.get(reverse("indicators:export", args=["xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content))["Data"]
    values = {(r[2], r[5]) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert values == {(PERCENT, 45.5), (ORDINAL, "Med"), (COUNT, 7)}

    # The CSV export goes back in as it came out: every row unchanged, nothing to apply.
    client = client_for(ncpoc)
    upload(client, exported, name="export.csv")
    again = latest_job()
    assert again.state == ImportJob.State.PREVIEW
    assert again.counts == {
        "new": 0,
        "changed": 0,
        "unchanged": 3,
        "error": 0,
        "empty": 0,
        "problems": 0,
    }
    assert not again.is_applicable
    assert kept.pk in Observation.objects.values_list("pk", flat=True)


# Malformed uploads ----------------------------------------------------------------------


def test_a_malformed_upload_reports_every_bad_row_and_changes_nothing(client_for, ncpoc):
    next_year = str(timezone.localdate().year + 1)
    rows = [
        row(PERCENT, "2020", "45"),  # 2: fine
        row(PERCENT, "2021", "45", place="XX"),  # 3: unknown jurisdiction
        row(COUNT, "2021", "about twelve"),  # 4: text in a number column
        row(PERCENT, "2020", "46"),  # 5: duplicates row 2
        row("IGF-MM-1", "2021", "ok"),  # 6: an indicator of another library
        row(PERCENT, next_year, "50"),  # 7: a period that has not started
        row(PERCENT, "2022", "50", place="JM"),  # 8: a jurisdiction the NCPOC may not submit for
        row(PERCENT, "2023", "150"),  # 9: out of range
        row(ORDINAL, "2023", "Medium"),  # 10: not a level
        row(PERCENT, "2018", "12", unit="USD"),  # 11: the wrong unit
        row(PERCENT, "2019", "12", disaggregation="sex=female"),  # 12: no such breakdown
        row(PERCENT, "2019-13", "12"),  # 13: no such month
    ]
    client = client_for(ncpoc)
    audited = AuditEntry.objects.count()
    upload(client, tidy_csv(rows))
    job = latest_job()
    assert job.state == ImportJob.State.PREVIEW
    found = {(e["row"], e["column"]) for e in job.errors}
    assert found == {
        (3, "jurisdiction"),
        (4, "value"),
        (5, "indicator"),
        (6, "indicator"),
        (7, "period"),
        (8, "jurisdiction"),
        (9, "value"),
        (10, "value"),
        (11, "unit"),
        (12, "disaggregation"),
        (13, "period"),
    }
    messages = {e["row"]: e["message"] for e in job.errors}
    assert "Unknown jurisdiction “XX”" in messages[3]
    assert "not a number" in messages[4]
    assert "Rows 2 and 5" in messages[5]
    assert "It belongs to: caribbean-ig-framework" in messages[6]
    assert "has not started yet" in messages[7]
    assert "may not submit values for Jamaica" in messages[8]
    assert job.counts["error"] == 11 and job.counts["new"] == 1
    assert not job.is_applicable

    page = client.get(reverse("indicators:import", args=[job.pk])).content.decode()
    assert "Nothing can be applied while any row has an error" in page
    assert "Confirm and apply" not in page
    assert "Rows 2 and 5 are for the same" in page

    client.post(reverse("indicators:import_apply", args=[job.pk]))
    job.refresh_from_db()
    assert job.state == ImportJob.State.PREVIEW
    assert not Observation.objects.exists()
    # Only the upload itself is on record; nothing was applied.
    assert list(AuditEntry.objects.order_by("id")[audited:].values_list("action", flat=True)) == [
        "upload_import"
    ]


def test_a_workbook_without_the_data_sheet_fails_naming_the_sheets(client_for, ncpoc):
    book = openpyxl.Workbook()
    book.active.title = "Sheet1"
    book.active.append(list(COLUMNS))
    book.active.append(row())
    out = io.BytesIO()
    book.save(out)
    upload(client_for(ncpoc), out.getvalue(), name="values.xlsx")
    job = latest_job()
    assert job.state == ImportJob.State.FAILED
    assert "no sheet named “Data”" in job.failure
    assert "Sheet1" in job.failure
    assert not Observation.objects.exists()
    assert not job.is_applicable


def test_missing_columns_are_named(client_for, ncpoc):
    upload(
        client_for(ncpoc),
        tidy_csv([["BB", PERCENT, "2020"]], header=["jurisdiction", "indicator", "period"]),
    )
    job = latest_job()
    assert job.state == ImportJob.State.FAILED
    assert "missing: library, value" in job.failure


def test_a_header_only_file_fails(client_for, ncpoc):
    upload(client_for(ncpoc), tidy_csv([]))
    assert latest_job().state == ImportJob.State.FAILED


def test_a_csv_in_windows_1252_with_semicolons_and_other_header_names(client_for, ncpoc):
    header = [
        "Library",
        "Jurisdiction",
        "Indicator code",
        "Period",
        "Breakdown",
        "Value",
        "Unit",
        "Source",
        "Note",
    ]
    content = tidy_csv(
        [row(source="Enquête nationale — 2021", unit="%")], header=header, encoding="cp1252"
    )
    content = content.replace(b",", b";")
    upload(client_for(ncpoc), content)
    job = latest_job()
    assert job.counts["new"] == 1, job.errors
    assert job.sample[0]["value"] == "45 %"
    imports.do_apply_import(job, acting_user=ncpoc)
    assert Observation.objects.get().source == "Enquête nationale — 2021"


def test_the_jurisdiction_is_found_by_iso_code_alias_or_name(client_for, ncpoc):
    rows = [
        row(period="2019", place="bb"),
        row(period="2020", place="BDOS"),
        row(period="2021", place="Barbados"),
    ]
    upload(client_for(ncpoc), tidy_csv(rows))
    assert latest_job().counts["new"] == 3


# Classification -------------------------------------------------------------------------


def test_rows_compare_with_the_latest_validated_or_pending_value(client_for, ncpoc):
    place = bb()
    observe(place, PERCENT, "2019", "10")
    observe(place, PERCENT, "2019", "20")  # later validated: counts
    observe(place, PERCENT, "2020", "30")
    observe(place, PERCENT, "2020", "35", state=ReviewState.SUBMITTED)  # pending: newest
    observe(place, PERCENT, "2021", "50", state=ReviewState.RETURNED)  # ignored
    rows = [
        row(period="2019", value="20"),
        row(period="2020", value="35.0"),
        row(period="2021", value="50"),
        row(period="2022", value="60"),
        row(period="2018", value="5"),
    ]
    upload(client_for(ncpoc), tidy_csv(rows))
    job = latest_job()
    statuses = {s["period"]: s["status"] for s in job.sample}
    assert statuses == {
        "2019": "unchanged",
        "2020": "unchanged",
        "2021": "new",
        "2022": "new",
        "2018": "new",
    }
    rows[0] = row(period="2019", value="21")
    upload(client_for(ncpoc), tidy_csv(rows))
    changed = latest_job()
    assert changed.counts["changed"] == 1
    assert next(s for s in changed.sample if s["period"] == "2019")["current"] == "20 %"
    imports.do_apply_import(changed, acting_user=ncpoc)
    assert Observation.objects.filter(import_job=changed).count() == 4  # unchanged not added


def test_a_value_far_from_its_history_is_flagged(client_for, ncpoc):
    place = bb()
    for year, value in [(2015, "10"), (2016, "11"), (2017, "12"), (2018, "11")]:
        observe(place, PERCENT, str(year), value)
    upload(
        client_for(ncpoc),
        tidy_csv([row(period="2019", value="95"), row(period="2020", value="12")]),
    )
    job = imports.do_apply_import(latest_job(), acting_user=ncpoc)
    flags = dict(Observation.objects.filter(import_job=job).values_list("period", "outlier"))
    assert flags == {"2019": True, "2020": False}


def test_a_breakdown_is_stored_in_its_canonical_form(client_for, ncpoc):
    ind = indicator(PERCENT)
    ind.definition = {**ind.definition, "disaggregations": ["sex", "age", "area"]}
    ind.save()
    rows = [
        row(disaggregation="Age=15-24; sex=F"),
        row(disaggregation="total", value="40"),
        row(disaggregation="sex=female;age=15-24", value="41"),  # the same key as the first
    ]
    upload(client_for(ncpoc), tidy_csv(rows))
    job = latest_job()
    assert job.counts["new"] == 2
    assert job.errors[0]["row"] == 4 and "Rows 2 and 4" in job.errors[0]["message"]
    assert job.sample[0]["disaggregation"] == "age=15-24;sex=female"


# Applying -------------------------------------------------------------------------------


def test_apply_checks_again_and_returns_to_the_preview_when_a_row_is_now_wrong(client_for, ncpoc):
    upload(client_for(ncpoc), tidy_csv([row(period="2019"), row(ORDINAL, "2019", "High")]))
    job = latest_job()
    assert job.is_applicable
    Indicator.objects.filter(code=ORDINAL).update(retired_in_version=2)
    job = imports.do_apply_import(job, acting_user=ncpoc)
    assert job.state == ImportJob.State.PREVIEW
    assert job.counts["error"] == 1
    assert "retired" in job.errors[0]["message"]
    assert not Observation.objects.exists()
    assert not AuditEntry.objects.filter(action="apply_import").exists()


def test_nothing_is_added_if_the_write_fails_half_way(client_for, ncpoc, monkeypatch):
    from ictspace.indicators.imports import store as import_store

    # Small chunks: SQLite has written rows when the failure comes; PostgreSQL is in the
    # middle of its one COPY.
    monkeypatch.setattr(import_store, "CHUNK", 2)
    upload(client_for(ncpoc), tidy_csv([row(period=str(y)) for y in range(2015, 2021)]))
    job = latest_job()
    calls = []
    real = import_store.OutlierCheck.flag

    def failing(self, *args):
        calls.append(1)
        if len(calls) == 4:
            raise RuntimeError("disk full")
        return real(self, *args)

    monkeypatch.setattr(import_store.OutlierCheck, "flag", failing)
    with pytest.raises(RuntimeError):
        imports.do_apply_import(job, acting_user=ncpoc)
    assert len(calls) == 4
    job.refresh_from_db()
    assert job.state == ImportJob.State.PREVIEW
    assert "nothing was added" in job.failure
    assert not Observation.objects.exists()


def test_only_the_uploader_applies_or_discards(cast, client_for, ncpoc):
    upload(client_for(ncpoc), tidy_csv([row()]))
    job = latest_job()
    for role in ["secretariat", "rcc_chair", "steering", "auditor", "focal_point"]:
        client = client_for(cast[role])
        for name in ["indicators:import_apply", "indicators:import_discard"]:
            assert client.post(reverse(name, args=[job.pk])).status_code == 404
            assert client.get(reverse(name, args=[job.pk])).status_code == 404
    client = client_for(ncpoc)
    assert client.get(reverse("indicators:import_apply", args=[job.pk])).status_code == 405
    assert client.get(reverse("indicators:import_discard", args=[job.pk])).status_code == 405
    job.refresh_from_db()
    assert job.state == ImportJob.State.PREVIEW


def test_another_jurisdictions_ncpoc_gets_404_on_the_job(cast, client_for, ncpoc):
    upload(client_for(ncpoc), tidy_csv([row()]))
    job = latest_job()
    other = make_user(None, email="ncpoc-jm@test.example")
    other.role_grants.create(role="ncpoc", jurisdiction=Jurisdiction.objects.get(code="JM"))
    client = client_for(other)
    for name in ["indicators:import", "indicators:import_progress", "indicators:import_apply"]:
        assert client.get(reverse(name, args=[job.pk])).status_code == 404
    assert (
        client_for(cast["secretariat"]).get(reverse("indicators:import", args=[job.pk])).status_code
        == 200
    )
    anonymous = client_for(None).get(reverse("indicators:import", args=[job.pk]))
    assert anonymous.status_code == 302


def test_an_ncpoc_cannot_upload_for_another_jurisdiction(client_for, ncpoc):
    client = client_for(ncpoc)
    response = upload(client, tidy_csv([row(place="JM")]), jurisdiction="JM")
    assert response.status_code == 400  # not a choice on the form
    assert not ImportJob.objects.exists()
    upload(client, tidy_csv([row(place="JM"), row(place="TT", period="2019")]))
    job = latest_job()
    assert [e["column"] for e in job.errors] == ["jurisdiction", "jurisdiction"]
    assert "Trinidad and Tobago" in job.errors[1]["message"]


def test_a_focal_point_uploads_regional_values_only(cast, client_for, loaded_libraries):
    client = client_for(cast["focal_point"])
    page = client.get(reverse("indicators:imports")).content.decode()
    offered = re.search(
        r'<select name="jurisdiction"[^>]*id="id_jurisdiction">(.*?)</select>', page, re.S
    )
    assert re.findall(r'value="([^"]+)"', offered[1]) == ["CARICOM"]
    upload(
        client,
        tidy_csv([row(place="CARICOM"), row(place="BB", period="2019")]),
        jurisdiction="CARICOM",
    )
    job = latest_job()
    assert job.counts["new"] == 1
    assert "may not submit values for Barbados" in job.errors[0]["message"]


def test_discard(client_for, ncpoc, django_capture_on_commit_callbacks):
    client = client_for(ncpoc)
    upload(client, tidy_csv([row()]))
    job = latest_job()
    stored = job.file.name
    assert job.file.storage.exists(stored)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("indicators:import_discard", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.state == ImportJob.State.DISCARDED
    assert not job.file.storage.exists(stored)  # the figures are not kept
    assert AuditEntry.objects.get(action="discard_import").object_id == str(job.pk)
    assert client.post(reverse("indicators:import_apply", args=[job.pk])).status_code == 302
    assert not Observation.objects.exists()


def _stored_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


# Upload safety --------------------------------------------------------------------------


def test_an_oversized_upload_is_refused_and_nothing_is_stored(
    client_for, ncpoc, monkeypatch, settings
):
    from ictspace.files import uploads

    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 100)
    response = upload(client_for(ncpoc), tidy_csv([row()] * 10))
    assert response.status_code == 400
    assert "larger than" in response.content.decode()
    assert not ImportJob.objects.exists()
    assert _stored_files(settings) == []


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        ("values.csv", b"%PDF-1.4 not a table", "not a CSV or XLSX"),
        ("values.xlsx", b"PK\x03\x04 broken", "not an Excel workbook"),
        ("values.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "old Excel"),
        ("values.csv", b"", "empty"),
    ],
)
def test_a_file_of_another_kind_is_refused(client_for, ncpoc, settings, name, content, why):
    response = upload(client_for(ncpoc), content, name=name)
    assert response.status_code == 400
    assert why in response.content.decode()
    assert not ImportJob.objects.exists()
    assert _stored_files(settings) == []


def test_the_file_is_stored_privately_with_its_hash(client_for, ncpoc, settings):
    import hashlib

    content = tidy_csv([row()])
    upload(client_for(ncpoc), content, name="../../etc/values.csv")
    job = latest_job()
    assert job.sha256 == hashlib.sha256(content).hexdigest()
    assert job.original_name == "values.csv"
    assert (settings.MEDIA_ROOT / job.file.name).read_bytes() == content


# Progress -------------------------------------------------------------------------------


def test_progress_moves_while_a_file_is_read(client_for, ncpoc, monkeypatch):
    monkeypatch.setattr(imports, "PROGRESS_EVERY", 4)
    seen = []
    real = imports._progress

    def spy(job):
        report = real(job)

        def recorded(done, total):
            report(done, total)
            job_now = ImportJob.objects.get(pk=job.pk)
            seen.append(
                (job_now.state, job_now.processed_rows, job_now.total_rows, job_now.percent_done)
            )

        return recorded

    monkeypatch.setattr(imports, "_progress", spy)
    upload(client_for(ncpoc), tidy_csv([row(period=str(y)) for y in range(2000, 2010)]))
    assert seen == [("reading", 0, 10, 0), ("reading", 4, 10, 40), ("reading", 8, 10, 80)]
    job = latest_job()
    assert (job.state, job.processed_rows, job.percent_done) == ("preview", 10, 100)


def test_the_progress_fragment_polls_then_reloads_the_page(client_for, ncpoc):
    client = client_for(ncpoc)
    job = imports.do_upload_import(
        jurisdiction=bb(),
        uploaded_file=SimpleUploadedFile("v.csv", tidy_csv([row()])),
        acting_user=ncpoc,
    )
    page = client.get(reverse("indicators:import", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page
    assert 'aria-live="polite"' in page
    assert "<progress" in page and "Refresh this page" in page
    fragment = client.get(
        reverse("indicators:import_progress", args=[job.pk]), HTTP_HX_REQUEST="true"
    )
    assert "HX-Refresh" not in fragment
    imports.do_read_import(job, acting_user=SYSTEM)
    fragment = client.get(
        reverse("indicators:import_progress", args=[job.pk]), HTTP_HX_REQUEST="true"
    )
    assert fragment["HX-Refresh"] == "true"
    plain = client.get(reverse("indicators:import_progress", args=[job.pk]))
    assert plain.status_code == 302


def test_the_uploads_page_lists_the_users_uploads(
    cast, client_for, ncpoc, django_assert_max_num_queries
):
    client = client_for(ncpoc)
    for _n in range(3):
        upload(client, tidy_csv([row()]))
    with django_assert_max_num_queries(12):
        page = client.get(reverse("indicators:imports")).content.decode()
    assert page.count("values.csv</a>") == 3
    other = client_for(cast["rcc_chair"]).get(reverse("indicators:imports")).content.decode()
    assert "No uploads yet." in other
    assert "Upload a file" not in other  # the chair submits no values


# The command ----------------------------------------------------------------------------


def test_the_command_uses_the_same_path(ncpoc, tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(tidy_csv([row(period=str(y)) for y in range(2010, 2020)] + [row(place="JM")]))
    out = io.StringIO()
    call_command("import_observations", str(path), jurisdiction="BB", user=ncpoc.email, stdout=out)
    assert "1 with errors" in out.getvalue() and "row 12" in out.getvalue()
    assert not Observation.objects.exists()
    path.write_bytes(tidy_csv([row(period=str(y)) for y in range(2010, 2020)]))
    call_command(
        "import_observations",
        str(path),
        jurisdiction="BB",
        user=ncpoc.email,
        apply=True,
        stdout=out,
    )
    assert (
        Observation.objects.filter(review_state=ReviewState.SUBMITTED, author=ncpoc).count() == 10
    )
    assert AuditEntry.objects.filter(action="apply_import").count() == 1


def test_periods_between_leaves_out_periods_not_started():
    today = timezone.localdate()
    codes = [p.code for p in periods_between(today.year, today.year, "month")]
    assert codes[-1] == f"{today.year}-{today.month:02d}"
    assert [p.code for p in periods_between(2020, 2021, "half")] == [
        "2020-S1",
        "2020-S2",
        "2021-S1",
        "2021-S2",
    ]


def test_template_rows_skip_but_count_when_left_empty(ncpoc, client_for):
    content = build_template(
        bb(), [indicator(PERCENT)], periods_between(2020, 2021, "year"), user=ncpoc
    )
    upload(client_for(ncpoc), content, name="t.xlsx")
    job = latest_job()
    assert job.state == ImportJob.State.FAILED or job.counts["empty"] == 2
    assert job.failure == "" or "no rows" in job.failure


def test_dates_typed_into_the_period_column_read_as_months(client_for, ncpoc):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet.append(list(COLUMNS))
    sheet.append([BELIZE, "BB", PERCENT, datetime.datetime(2021, 3, 1), "", 45, "", "", ""])
    sheet.append([BELIZE, "BB", PERCENT, 2020, "", 45.0, "", "", ""])
    out = io.BytesIO()
    book.save(out)
    upload(client_for(ncpoc), out.getvalue(), name="v.xlsx")
    assert {s["period"] for s in latest_job().sample} == {"2021-03", "2020"}


def test_the_database_worker_reads_then_applies(client_for, ncpoc, settings, monkeypatch):
    from django_tasks_db.management.commands import db_worker

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker drops connections outside autocommit; the test's own transaction is one.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    client = client_for(ncpoc)
    upload(client, tidy_csv([row()]))
    job = latest_job()
    assert job.state == ImportJob.State.QUEUED  # the page answers before the file is read
    page = client.get(reverse("indicators:import", args=[job.pk])).content.decode()
    assert "Waiting for the background worker" in page
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    job.refresh_from_db()
    assert job.state == ImportJob.State.PREVIEW
    client.post(reverse("indicators:import_apply", args=[job.pk]))
    job.refresh_from_db()
    assert job.state == ImportJob.State.APPLYING
    assert (
        "in one transaction"
        in client.get(reverse("indicators:import", args=[job.pk])).content.decode()
    )
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    job.refresh_from_db()
    assert job.state == ImportJob.State.APPLIED
    assert Observation.objects.filter(import_job=job).count() == 1


def test_the_job_page_and_its_progress_run_a_constant_number_of_queries(
    client_for, ncpoc, django_assert_max_num_queries
):
    client = client_for(ncpoc)
    upload(client, tidy_csv([row(period=str(y)) for y in range(2000, 2020)] + [row(place="XX")]))
    job = latest_job()
    with django_assert_max_num_queries(6):
        client.get(reverse("indicators:import", args=[job.pk]))
    with django_assert_max_num_queries(6):
        client.get(reverse("indicators:import_progress", args=[job.pk]), HTTP_HX_REQUEST="true")


def _stall(job, state):
    ImportJob.objects.filter(pk=job.pk).update(
        state=state, touched_at=timezone.now() - imports.STALE_AFTER - datetime.timedelta(1)
    )


def test_a_stalled_read_is_offered_again_and_starts_over(client_for, ncpoc):
    client = client_for(ncpoc)
    upload(client, tidy_csv([row()]))
    job = latest_job()
    page = reverse("indicators:import", args=[job.pk])
    assert "has not moved" not in client.get(page).content.decode()
    _stall(job, ImportJob.State.READING)  # the worker died half-way
    assert "has not moved for a quarter of an hour" in client.get(page).content.decode()
    response = client.post(reverse("indicators:import_retry", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.state, job.counts["new"]) == (ImportJob.State.PREVIEW, 1)  # read again inline
    assert AuditEntry.objects.filter(action="retry_import", object_id=str(job.pk)).count() == 1


def test_a_stalled_apply_is_applied_once(client_for, ncpoc):
    client = client_for(ncpoc)
    upload(client, tidy_csv([row(), row(period=str(LAST_YEAR - 1))]))
    job = latest_job()
    _stall(job, ImportJob.State.APPLYING)  # queued for applying, the worker never came
    client.post(reverse("indicators:import_retry", args=[job.pk]))
    job.refresh_from_db()
    assert job.state == ImportJob.State.APPLIED
    assert Observation.objects.filter(import_job=job).count() == 2


def test_only_a_stalled_job_of_ones_own_is_retried(client_for, ncpoc, cast):
    client = client_for(ncpoc)
    upload(client, tidy_csv([row()]))
    job = latest_job()
    client.post(reverse("indicators:import_retry", args=[job.pk]))  # a preview: not stalled
    assert not AuditEntry.objects.filter(action="retry_import").exists()
    _stall(job, ImportJob.State.READING)
    secretariat = client_for(cast["secretariat"])
    assert secretariat.post(reverse("indicators:import_retry", args=[job.pk])).status_code == 404
    job.refresh_from_db()
    assert job.state == ImportJob.State.READING
