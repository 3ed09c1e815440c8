"""Every indicator and upload action asks access.py itself: a stranger is refused, nothing changes."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ictspace import access
from ictspace.audit.models import AuditEntry
from ictspace.catalogue.models import Indicator
from ictspace.directory.models import Jurisdiction
from ictspace.indicators import actions
from ictspace.indicators.imports import actions as imports
from ictspace.indicators.models import ImportJob, Observation, Target
from ictspace.review.tests.helpers import BELIZE, applied_upload, observation

pytestmark = pytest.mark.django_db


def _kpi():
    return Indicator.objects.get(library__slug=BELIZE, code="kpi-1.1.1")


def _job(cast, state):
    job = applied_upload(cast["ncpoc"], values=0, state=state)
    ImportJob.objects.filter(pk=job.pk).update(failure=state)  # remembers its first state
    job.refresh_from_db()
    return job


def _with_a_value(cast, job):
    observation(cast["ncpoc"], job=job)
    return job


def _stalled(cast):
    job = _job(cast, ImportJob.State.READING)
    stopped = timezone.now() - ImportJob.STALE_AFTER * 2
    ImportJob.objects.filter(pk=job.pk).update(touched_at=stopped)
    job.refresh_from_db()
    return job


CALLS = {
    "submit_observation": lambda cast, user: actions.do_submit_observation(
        jurisdiction=Jurisdiction.objects.get(code="BB"), indicator=_kpi(), period="2020",
        value="40", source="Survey", acting_user=user,
    ),
    "set_target": lambda cast, user: actions.do_set_target(
        jurisdiction=Jurisdiction.objects.get(code="BB"), indicator=_kpi(), kind="target",
        period="2030", value="80", acting_user=user,
    ),
    "review_observation": lambda cast, user: actions.do_review_observation(
        observation(cast["ncpoc"]), decision="validate", acting_user=user
    ),
    "review_import": lambda cast, user: actions.do_review_import(
        _with_a_value(cast, _job(cast, ImportJob.State.APPLIED)), decision="validate",
        acting_user=user,
    ),
    "upload_import": lambda cast, user: imports.do_upload_import(
        jurisdiction=Jurisdiction.objects.get(code="BB"),
        uploaded_file=SimpleUploadedFile("v.csv", b"library,jurisdiction\n"), acting_user=user,
    ),
    "queue_apply": lambda cast, user: imports.do_queue_apply(
        _job(cast, ImportJob.State.PREVIEW), acting_user=user
    ),
    "apply_import": lambda cast, user: imports.do_apply_import(
        _job(cast, ImportJob.State.APPLYING), acting_user=user
    ),
    "discard_import": lambda cast, user: imports.do_discard_import(
        _job(cast, ImportJob.State.PREVIEW), acting_user=user
    ),
    "retry_import": lambda cast, user: imports.do_retry_import(_stalled(cast), acting_user=user),
}  # fmt: skip


@pytest.mark.parametrize("who", ["anonymous", "steering", "auditor", "system"])
@pytest.mark.parametrize("action", sorted(CALLS))
def test_a_stranger_is_refused_by_the_action_itself(cast, loaded_libraries, action, who):
    user = access.SYSTEM if who == "system" else cast[who]
    before = (AuditEntry.objects.count(), Target.objects.count())
    with pytest.raises(PermissionDenied):
        CALLS[action](cast, user)
    assert (AuditEntry.objects.count(), Target.objects.count()) == before
    assert set(Observation.objects.values_list("review_state", "author")) <= {
        ("submitted", cast["ncpoc"].pk)
    }
    for job in ImportJob.objects.all():  # each still in the state it was made in
        assert job.state == job.failure
