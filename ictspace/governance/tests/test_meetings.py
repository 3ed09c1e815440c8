import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from ictspace.catalogue.models import Item
from ictspace.directory.models import Body, Jurisdiction, Organisation
from ictspace.governance.meetings import actions
from ictspace.governance.models import ActionItem
from ictspace.tracking import actions as tracking

pytestmark = pytest.mark.django_db
IWP = "single-ict-space-iwp-2017"
TODAY = timezone.localdate()


@pytest.fixture
def item(loaded_libraries):
    return Item.objects.get(library__slug=IWP, ref="3.1.4")


@pytest.fixture
def meeting(cast):
    return actions.do_record_meeting(
        body=Body.objects.get(code="RCC"),
        title="RCC quarterly",
        date=TODAY,
        place="Port of Spain",
        acting_user=cast["secretariat"],
    )


def _plan(cast, meeting, item, **extra):
    fields = {
        "title": "Launch the IXP",
        "due_on": TODAY + datetime.timedelta(days=90),
        "owner_organisation": Organisation.objects.get(code="CTU"),
        "gap_jurisdiction": Jurisdiction.objects.get(code="BB"),
        "gap_item": item,
        **extra,
    }
    return actions.do_add_action_item(meeting=meeting, **fields, acting_user=cast["secretariat"])


def _validated(cast, item, status):
    update = tracking.do_draft_status_update(
        jurisdiction=Jurisdiction.objects.get(code="BB"),
        item=item,
        status=status,
        effective_date=TODAY,
        acting_user=cast["ncpoc"],
    )
    tracking.do_submit_status_update(update, acting_user=cast["ncpoc"])
    return tracking.do_review_status_update(
        update, decision="validate", acting_user=cast["rcc_chair"]
    )


def test_an_action_item_on_a_gap_closes_when_the_gap_closes(cast, meeting, item):
    plan = _plan(cast, meeting, item)
    _validated(cast, item, "in_progress")  # validated, but not the required status
    plan.refresh_from_db()
    assert plan.status == ActionItem.Status.OPEN
    update = _validated(cast, item, "completed")
    plan.refresh_from_db()
    assert plan.status == ActionItem.Status.DONE
    assert plan.closed_by_update == update


def test_a_returned_update_leaves_the_plan_open(cast, meeting, item):
    plan = _plan(cast, meeting, item)
    update = tracking.do_draft_status_update(
        jurisdiction=Jurisdiction.objects.get(code="BB"), item=item, status="completed",
        effective_date=TODAY, acting_user=cast["ncpoc"],
    )  # fmt: skip
    tracking.do_submit_status_update(update, acting_user=cast["ncpoc"])
    tracking.do_review_status_update(
        update, decision="return", reason="Evidence?", acting_user=cast["rcc_chair"]
    )
    plan.refresh_from_db()
    assert plan.status == ActionItem.Status.OPEN


def test_the_gap_analysis_shows_the_plans_owner_and_due_date(cast, meeting, item, client_for):
    _plan(cast, meeting, item)
    url = reverse("tracking:dashboard", args=["BB", IWP])
    page = client_for(cast["steering"]).get(url).content.decode()
    due = (TODAY + datetime.timedelta(days=90)).strftime("%-d %b %Y")
    assert "Remediation plan" in page
    assert f"due {due}" in page


def test_a_gap_is_a_pair_and_must_concern_the_jurisdiction(cast, meeting, item, loaded_libraries):
    with pytest.raises(ValidationError) as caught:
        _plan(cast, meeting, item, gap_jurisdiction=None)
    assert "gap_item" in caught.value.message_dict
    belize_only = Item.objects.get(library__slug="belize-egov-2015", ref="th-1.prog-1")
    with pytest.raises(ValidationError):
        _plan(cast, meeting, belize_only)
    with pytest.raises(ValidationError) as caught:
        _plan(cast, meeting, item, owner_organisation=None)
    assert "owner_person" in caught.value.message_dict


def test_my_action_items_and_who_may_update_them(cast, meeting, item, client_for):
    plan = _plan(cast, meeting, item)  # owned by CTU, the focal point's organisation
    page = client_for(cast["focal_point"]).get(reverse("governance:my_actions")).content.decode()
    assert "Launch the IXP" in page
    page = client_for(cast["ncpoc"]).get(reverse("governance:my_actions")).content.decode()
    assert "Launch the IXP" not in page
    with pytest.raises(PermissionDenied):
        actions.do_set_action_status(plan, status="done", acting_user=cast["ncpoc"])
    actions.do_set_action_status(plan, status="done", acting_user=cast["focal_point"])


def test_forms_put_errors_on_their_fields(cast, meeting, client_for):
    client = client_for(cast["secretariat"])
    response = client.post(
        reverse("governance:action_add", args=[meeting.pk]),
        {"title": "Something", "due_on": "2027-01-01", "gap_jurisdiction": "BB", "gap_item": ""},
    )
    assert response.status_code == 400
    assert set(response.context["action_form"].errors) == {"owner_person", "gap_item"}
    response = client.post(reverse("governance:meeting_new"), {"body": "RCC", "title": "X",
                                                               "date": "2027-01-01"})  # fmt: skip
    assert "place" in response.context["form"].errors


def test_minutes_file_is_checked_and_served_to_readers(cast, meeting, client_for):
    client = client_for(cast["secretariat"])
    url = reverse("governance:minutes_set", args=[meeting.pk])
    bad = SimpleUploadedFile("minutes.pdf", b"MZ\x90\x00 not a pdf")
    assert client.post(url, {"minutes": "Agreed.", "file": bad}).status_code == 400
    pdf = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4\n%%EOF\n")
    assert client.post(url, {"minutes": "Agreed.", "file": pdf}).status_code == 302
    download = client_for(cast["auditor"]).get(
        reverse("governance:minutes_download", args=[meeting.pk])
    )
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
