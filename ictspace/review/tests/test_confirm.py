"""Every decision is confirmed on a page that names its consequence before anything changes."""

import pytest
from django.urls import reverse

from ictspace.audit.models import AuditEntry
from ictspace.indicators.models import ImportJob, Observation
from ictspace.review.models import ReviewState
from ictspace.review.tests.helpers import applied_upload, observation, status_update
from ictspace.tracking.models import StatusUpdate

pytestmark = pytest.mark.django_db
ASK = {"step": "confirm"}


def _asked(client, url, data) -> str:
    """The first press of a decision button: a confirmation page, and nothing changed."""
    before = AuditEntry.objects.count()
    response = client.post(url, {**data, **ASK})
    assert response.status_code == 200
    assert AuditEntry.objects.count() == before
    page = response.content.decode()
    assert "What happens:" in page and "Cancel, go back" in page
    assert 'name="step"' not in page.split('class="card confirm"')[1]  # the final button acts
    return page


@pytest.mark.parametrize(
    ("make", "review", "model"),
    [
        (status_update, "tracking:update_review", StatusUpdate),
        (observation, "indicators:observation_review", Observation),
    ],
)
def test_validating_is_confirmed_first(cast, client_for, loaded_libraries, make, review, model):
    thing = make(cast["ncpoc"])
    chair = client_for(cast["rcc_chair"])
    url = reverse(review, args=[thing.pk])
    page = _asked(chair, url, {"decision": "validate"})
    assert "It cannot be undone" in page
    assert 'name="decision" value="validate"' in page
    assert model.objects.get(pk=thing.pk).review_state == ReviewState.SUBMITTED
    assert chair.post(url, {"decision": "validate"}).status_code == 302
    assert model.objects.get(pk=thing.pk).review_state == ReviewState.VALIDATED


def test_returning_is_confirmed_with_the_reason_kept(cast, client_for, loaded_libraries):
    update = status_update(cast["ncpoc"])
    chair = client_for(cast["rcc_chair"])
    url = reverse("tracking:update_review", args=[update.pk])
    page = _asked(chair, url, {"decision": "return", "reason": "Add the regulator's notice."})
    assert "goes back to its author with your reason" in page
    assert "Add the regulator&#x27;s notice." in page  # still in the reason field
    update.refresh_from_db()
    assert update.review_state == ReviewState.SUBMITTED
    # A missing reason is said on the confirmation page already.
    assert "This field is required." in _asked(chair, url, {"decision": "return", "reason": ""})


def test_submitting_for_validation_is_confirmed_first(cast, client_for, loaded_libraries):
    draft = status_update(cast["ncpoc"], state=ReviewState.DRAFT)
    client = client_for(cast["ncpoc"])
    url = reverse("tracking:update_submit", args=[draft.pk])
    detail = client.get(reverse("tracking:update", args=[draft.pk])).content.decode()
    assert f'action="{url}"' in detail and 'name="step" value="confirm"' in detail
    page = _asked(client, url, {})
    assert "you can no longer edit it" in page
    draft.refresh_from_db()
    assert draft.review_state == ReviewState.DRAFT
    client.post(url)
    draft.refresh_from_db()
    assert draft.review_state == ReviewState.SUBMITTED


def test_discarding_an_upload_is_confirmed_first(cast, client_for, loaded_libraries):
    job = applied_upload(cast["ncpoc"], values=0, state=ImportJob.State.PREVIEW)
    client = client_for(cast["ncpoc"])
    url = reverse("indicators:import_discard", args=[job.pk])
    page = _asked(client, url, {})
    assert "Nothing from this file will be added" in page and 'class="danger"' in page
    job.refresh_from_db()
    assert job.state == ImportJob.State.PREVIEW
    assert client.post(url).status_code == 302
    job.refresh_from_db()
    assert job.state == ImportJob.State.DISCARDED


def test_bulk_validation_is_confirmed_with_the_number_of_values(cast, client_for, loaded_libraries):
    job = applied_upload(cast["ncpoc"], values=3)
    chair = client_for(cast["rcc_chair"])
    chair.get(reverse("indicators:import", args=[job.pk]))
    page = _asked(
        chair, reverse("indicators:import_review", args=[job.pk]), {"decision": "validate"}
    )
    assert "Every value of this upload still waiting is validated at once" in page
    assert "<dt>Values waiting</dt><dd>3</dd>" in page


def test_the_review_card_shows_the_previous_validated_status(cast, client_for, loaded_libraries):
    earlier = status_update(cast["ncpoc"], state=ReviewState.VALIDATED)
    StatusUpdate.objects.filter(pk=earlier.pk).update(status="not_started")
    update = status_update(cast["ncpoc"])
    page = client_for(cast["rcc_chair"]).get(reverse("tracking:update", args=[update.pk]))
    html = page.content.decode()
    card = html.split('id="review-title"')[1]
    assert "Previous validated:" in card.split("<form")[0]
    # The evidence comes before the decision buttons.
    assert html.index("<h2>Evidence</h2>") < html.index('id="review-title"')


def test_a_first_value_says_nothing_was_validated_before(cast, client_for, loaded_libraries):
    value = observation(cast["ncpoc"])
    page = client_for(cast["rcc_chair"]).get(reverse("indicators:observation", args=[value.pk]))
    assert "Nothing has been validated here before" in page.content.decode()
    observation(cast["ncpoc"], state=ReviewState.VALIDATED, period="2019")
    page = client_for(cast["rcc_chair"]).get(reverse("indicators:observation", args=[value.pk]))
    assert "Previous validated: <strong>40 %</strong> (2019)." in page.content.decode()


def test_a_single_value_is_confirmed_before_it_is_submitted(cast, client_for, loaded_libraries):
    client = client_for(cast["ncpoc"])
    url = reverse("indicators:observation_new", args=["belize-egov-2015", "kpi-1.1.1", "BB"])
    typed = {"period": "2023", "value": "42.5", "source": "Ministry survey"}
    page = _asked(client, url, typed)
    assert "it counts once validated" in page
    assert 'name="value" value="42.5"' in page and 'name="period" value="2023"' in page
    assert not Observation.objects.exists()
    assert client.post(url, typed).status_code == 302
    assert Observation.objects.get().review_state == ReviewState.SUBMITTED


def test_a_grid_is_confirmed_before_its_values_are_submitted(cast, client_for, loaded_libraries):
    from ictspace.indicators.tests.test_grid import QUERY, _grid, _post

    client = client_for(cast["ncpoc"])
    grid = _grid(client)
    response = _post(client, grid, {"ind-internet": "64"}, extra=ASK)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Submit 1 value for validation?" in page
    assert (
        f'action="{reverse("indicators:grid", args=["BB"])}{QUERY.replace("&", "&amp;")}"' in page
    )
    assert 'name="cells-0-indicator"' in page
    assert not Observation.objects.exists()
    assert _post(client, grid, {"ind-internet": "64"}).status_code == 302
    assert Observation.objects.count() == 1
