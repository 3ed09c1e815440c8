"""A retried upload is audited with what was retried, never an empty record (issue 11, 5)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ictspace.audit.models import AuditEntry
from ictspace.indicators.imports import actions as imports
from ictspace.indicators.models import ImportJob
from ictspace.indicators.tests.helpers_imports import LAST_YEAR, latest_job, row, tidy_csv, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


@pytest.mark.parametrize(
    ("state", "step"), [(ImportJob.State.APPLYING, "apply"), (ImportJob.State.QUEUED, "read")]
)
def test_a_retry_that_keeps_the_state_still_records_what_moved(
    client_for, cast, loaded_libraries, state, step
):
    client = client_for(cast["ncpoc"])
    upload(client, tidy_csv([row(), row(period=str(LAST_YEAR - 1))]))
    job = latest_job()
    stalled_since = timezone.now() - imports.STALE_AFTER - datetime.timedelta(1)
    ImportJob.objects.filter(pk=job.pk).update(state=state, touched_at=stalled_since)
    client.post(reverse("indicators:import_retry", args=[job.pk]))
    entry = AuditEntry.objects.get(action="retry_import", object_id=str(job.pk))
    assert entry.changes["retried"] == [None, step]
    assert entry.changes["touched_at"][0] == stalled_since.isoformat()
