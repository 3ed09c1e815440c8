"""Applying a preview without checking its rows again, and only when nothing it depended on moved."""

import pytest

from ictspace.audit.models import AuditEntry
from ictspace.indicators.imports import actions as imports
from ictspace.indicators.imports import rows as import_rows
from ictspace.indicators.imports.replay import basis
from ictspace.indicators.imports.rows import Checker
from ictspace.indicators.models import ImportJob, Observation
from ictspace.indicators.tests.helpers_imports import (
    COUNT,
    ORDINAL,
    PERCENT,
    YES_NO,
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


@pytest.fixture
def checks(monkeypatch):
    """The rows checked one by one (the full checking pass), counted."""
    seen = []
    real = import_rows.Checker.check

    def counting(self, number, *args, **kwargs):
        seen.append(number)
        return real(self, number, *args, **kwargs)

    monkeypatch.setattr(import_rows.Checker, "check", counting)
    return seen


def _previewed(client, rows) -> ImportJob:
    upload(client, tidy_csv(rows))
    job = latest_job()
    assert job.state == ImportJob.State.PREVIEW and job.is_applicable and job.basis
    return job


def _checked_again(job) -> bool:
    entry = AuditEntry.objects.get(action="apply_import", object_id=str(job.pk))
    return entry.changes["checked_again"][1]


def _stored(job) -> list[tuple]:
    fields = ("indicator__code", "period", "disaggregation", "value_number", "value_text")
    more = ("source", "note", "outlier", "review_state", "period_start", "period_end")
    return sorted(Observation.objects.filter(import_job=job).values_list(*fields, *more))


def test_an_unchanged_preview_is_applied_without_checking_its_rows_again(client_for, ncpoc, checks):
    job = _previewed(client_for(ncpoc), [row(period="2018"), row(period="2019", value="50")])
    assert checks == [2, 3]  # the preview's pass
    job = imports.do_apply_import(job, acting_user=ncpoc)
    assert checks == [2, 3]  # none at apply
    assert job.state == ImportJob.State.APPLIED and job.applied_count == 2
    assert job.counts["new"] == 2 and job.processed_rows == 2
    assert _checked_again(job) is False
    assert Observation.objects.filter(import_job=job).count() == 2


def test_applying_on_the_previews_checks_adds_exactly_what_a_full_check_adds(client_for, ncpoc):
    place = bb()
    for year, value in [(2010, "10"), (2011, "11"), (2012, "12"), (2013, "11")]:
        observe(place, PERCENT, str(year), value)
    observe(place, COUNT, "2014", "7", state=ReviewState.SUBMITTED)
    ind = indicator(PERCENT)
    ind.definition = {**ind.definition, "disaggregations": ["sex", "age"]}
    ind.save()
    rows = [
        row(period="2013", value="11"),  # unchanged: skipped
        row(period="2014", value="95"),  # an outlier
        row(period="2015", value="12.5", disaggregation="Age=15-24; sex=F", note="'=1+1"),
        row(COUNT, "2014", "8", source="'@office"),  # changed
        row(COUNT, "2015-Q2", "1 200"),
        row(ORDINAL, "2016", "high"),
        row(YES_NO, "2016-03", "Yes"),
        ["", "", "", "", "", "", "", "", ""],  # an empty row
    ]
    client = client_for(ncpoc)
    replayed = imports.do_apply_import(_previewed(client, rows), acting_user=ncpoc)
    assert _checked_again(replayed) is False
    fast = _stored(replayed)
    Observation.objects.filter(import_job=replayed).delete()
    checked = _previewed(client, rows)
    ImportJob.objects.filter(pk=checked.pk).update(basis="")  # as a job read before the basis
    checked = imports.do_apply_import(checked, acting_user=ncpoc)
    assert _checked_again(checked) is True
    assert _stored(checked) == fast
    assert len(fast) == 6 and {f[7] for f in fast} == {True, False}
    assert replayed.counts == checked.counts
    assert replayed.sample == checked.sample


def test_a_definition_changed_since_the_preview_is_checked_again(client_for, ncpoc, checks):
    ind = indicator(COUNT)
    ind.definition = {**ind.definition, "unit_label": "services"}
    ind.save()
    job = _previewed(client_for(ncpoc), [row(COUNT, "2019", "4", unit="Services"), row()])
    ind.definition = {**ind.definition, "unit_label": "e-services"}  # the unit column is wrong now
    ind.save()
    job = imports.do_apply_import(job, acting_user=ncpoc)
    assert checks == [2, 3, 2, 3]
    assert job.state == ImportJob.State.PREVIEW and job.counts["error"] == 1
    assert job.errors[0]["column"] == "unit"
    assert not Observation.objects.exists()


def test_a_row_that_no_longer_resolves_is_checked_again_even_if_the_basis_missed_why(
    client_for, ncpoc
):
    job = _previewed(client_for(ncpoc), [row(period="2019", value="45"), row(period="2020")])
    ind = indicator(PERCENT)
    ind.definition = {**ind.definition, "max": 40}
    ind.save()
    with job.file.open("rb") as stored:  # a basis blind to the change
        ImportJob.objects.filter(pk=job.pk).update(basis=basis(Checker(job, user=ncpoc), stored))
    job = imports.do_apply_import(job, acting_user=ncpoc)
    assert job.state == ImportJob.State.PREVIEW and job.counts["error"] == 2
    assert job.errors[0]["column"] == "value"
    assert not Observation.objects.exists()


def test_a_value_submitted_since_the_preview_is_compared_again(client_for, ncpoc, checks):
    job = _previewed(client_for(ncpoc), [row(period="2019", value="45"), row(period="2020")])
    observe(bb(), PERCENT, "2019", "45", state=ReviewState.SUBMITTED)  # by another hand
    job = imports.do_apply_import(job, acting_user=ncpoc)
    assert len(checks) == 4 and _checked_again(job) is True
    assert job.counts["unchanged"] == 1 and job.applied_count == 1
    assert Observation.objects.filter(import_job=job).get().period == "2020"


def test_a_value_returned_since_the_preview_is_noticed(client_for, ncpoc):
    pending = observe(bb(), PERCENT, "2019", "45", state=ReviewState.SUBMITTED)
    job = _previewed(client_for(ncpoc), [row(period="2019", value="46")])
    assert job.counts["changed"] == 1
    Observation.objects.filter(pk=pending.pk).update(
        review_state=ReviewState.RETURNED, return_reason="Check the source."
    )
    job = imports.do_apply_import(job, acting_user=ncpoc)
    assert _checked_again(job) is True
    assert job.counts["new"] == 1 and job.counts["changed"] == 0


def test_an_alias_removed_since_the_preview_is_checked_again(client_for, ncpoc):
    job = _previewed(client_for(ncpoc), [row(period="2019", place="BDOS")])
    place = bb()
    place.aliases = [a for a in place.aliases if a != "BDOS"]
    place.save()
    job = imports.do_apply_import(job, acting_user=ncpoc)
    assert job.state == ImportJob.State.PREVIEW
    assert job.errors[0]["column"] == "jurisdiction"


def test_stored_bytes_that_changed_since_the_preview_are_checked_again(client_for, ncpoc):
    job = _previewed(client_for(ncpoc), [row(period="2019"), row(period="2020")])
    with open(job.file.path, "wb") as blob:
        blob.write(tidy_csv([row(period="2019"), row(period="2019", value="46")]))
    job = imports.do_apply_import(job, acting_user=ncpoc)
    assert job.state == ImportJob.State.PREVIEW
    assert "Rows 2 and 3" in job.errors[0]["message"]  # a duplicate: only a full check sees it
    assert not Observation.objects.exists()
