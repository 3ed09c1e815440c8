"""Reviewable things of every kind, made directly in the database for the review tests."""

from decimal import Decimal

from django.utils import timezone

from ictspace.catalogue.models import Indicator, Item
from ictspace.directory.models import Jurisdiction
from ictspace.indicators.models import ImportJob, Observation
from ictspace.review.models import ReviewState
from ictspace.tracking.models import StatusUpdate

IWP = "single-ict-space-iwp-2017"
BELIZE = "belize-egov-2015"


def status_update(author, *, state=ReviewState.SUBMITTED, code="BB", when=None):
    return StatusUpdate.objects.create(
        jurisdiction=Jurisdiction.objects.get(code=code),
        item=Item.objects.get(library__slug=IWP, ref="3.1.4"),
        status="in_progress",
        effective_date=timezone.localdate(),
        review_state=state,
        author=author,
        created_at=timezone.now(),
        submitted_at=when or timezone.now(),
        return_reason="Check it." if state == ReviewState.RETURNED else "",
    )


def observation(author, *, state=ReviewState.SUBMITTED, code="BB", period="2020", job=None):
    year = int(period)
    return Observation.objects.create(
        jurisdiction=Jurisdiction.objects.get(code=code),
        indicator=Indicator.objects.get(library__slug=BELIZE, code="kpi-1.1.1"),
        period=period,
        period_start=timezone.datetime(year, 1, 1).date(),
        period_end=timezone.datetime(year, 12, 31).date(),
        value_number=Decimal(40),
        review_state=state,
        author=author,
        created_at=timezone.now(),
        submitted_at=timezone.now(),
        import_job=job,
        return_reason="Check it." if state == ReviewState.RETURNED else "",
    )


def applied_upload(uploader, *, values=3, code="BB", state=ImportJob.State.APPLIED):
    job = ImportJob.objects.create(
        jurisdiction=Jurisdiction.objects.get(code=code),
        uploaded_by=uploader,
        created_at=timezone.now(),
        file="imports/x.csv",
        original_name="survey.csv",
        file_format="csv",
        sha256="0" * 64,
        size=10,
        state=state,
    )
    for n in range(values):
        observation(uploader, code=code, period=str(2010 + n), job=job)
    return job
