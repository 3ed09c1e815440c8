"""An upload is validated whole only by a reviewer who has opened its preview."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from ictspace import access
from ictspace.audit.models import AuditEntry
from ictspace.indicators import actions
from ictspace.indicators.models import ImportJob, Observation, PreviewOpening
from ictspace.review.models import ReviewState
from ictspace.review.tests.helpers import applied_upload

pytestmark = pytest.mark.django_db


def test_the_action_refuses_bulk_validation_before_the_preview_was_opened(cast, loaded_libraries):
    job = applied_upload(cast["ncpoc"], values=2)
    chair = cast["rcc_chair"]
    assert access.can_review(chair, job) and not access.can_validate_upload(chair, job)
    with pytest.raises(PermissionDenied):
        actions.do_review_import(job, decision="validate", acting_user=chair)
    assert not Observation.objects.filter(review_state=ReviewState.VALIDATED).exists()
    # Returning needs no preview: nothing starts to count.
    actions.do_review_import(job, decision="return", reason="Wrong year.", acting_user=chair)


def test_opening_the_page_records_the_opening_once_and_allows_it(
    cast, client_for, loaded_libraries
):
    job = applied_upload(cast["ncpoc"], values=2)
    chair = client_for(cast["rcc_chair"])
    url = reverse("indicators:import_review", args=[job.pk])
    assert chair.post(url, {"decision": "validate"}).status_code == 404
    for _visit in range(2):
        assert chair.get(reverse("indicators:import", args=[job.pk])).status_code == 200
    assert PreviewOpening.objects.filter(job=job, user=cast["rcc_chair"]).count() == 1
    assert AuditEntry.objects.filter(action="opened_upload_preview").count() == 1
    assert chair.post(url, {"decision": "validate"}).status_code == 302
    assert Observation.objects.filter(review_state=ReviewState.VALIDATED).count() == 2


def test_one_reviewers_opening_does_not_count_for_another(cast, client_for, loaded_libraries):
    job = applied_upload(cast["ncpoc"], values=1)
    actions.do_open_upload_preview(job, acting_user=cast["rcc_chair"])
    with pytest.raises(PermissionDenied):
        actions.do_review_import(job, decision="validate", acting_user=cast["secretariat"])


def test_an_uploader_does_not_open_the_preview_as_a_reviewer(cast, client_for, loaded_libraries):
    job = applied_upload(cast["ncpoc"], values=1)
    client_for(cast["ncpoc"]).get(reverse("indicators:import", args=[job.pk]))
    assert not PreviewOpening.objects.exists()
    with pytest.raises(PermissionDenied):
        actions.do_open_upload_preview(job, acting_user=cast["ncpoc"])


def test_an_upload_with_errors_is_never_shown_as_ready(cast, client_for, loaded_libraries):
    job = applied_upload(cast["ncpoc"], values=0, state=ImportJob.State.PREVIEW)
    ImportJob.objects.filter(pk=job.pk).update(counts={"new": 3, "error": 2})
    client = client_for(cast["ncpoc"])
    for url in (reverse("indicators:import", args=[job.pk]), reverse("indicators:imports")):
        page = client.get(url).content.decode()
        assert "Ready to review" not in page
        assert "Has errors: correct the file and upload it again" in page
    ImportJob.objects.filter(pk=job.pk).update(counts={"new": 3, "error": 0})
    page = client.get(reverse("indicators:import", args=[job.pk])).content.decode()
    assert "Ready to review" in page
