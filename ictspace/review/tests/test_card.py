"""One review card on the three pages that offer a decision, shown only to who may decide."""

import pytest
from django.urls import reverse

from ictspace.review.tests.helpers import applied_upload, observation, status_update

pytestmark = pytest.mark.django_db


def _page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("make", "page", "review"),
    [
        (status_update, "tracking:update", "tracking:update_review"),
        (observation, "indicators:observation", "indicators:observation_review"),
        (applied_upload, "indicators:import", "indicators:import_review"),
    ],
)
def test_the_card_posts_to_the_things_review_url(cast, client_for, loaded_libraries, make, page,
                                                 review):  # fmt: skip
    thing = make(cast["ncpoc"])
    chair_sees = _page(client_for(cast["rcc_chair"]), reverse(page, args=[thing.pk]))
    action = f'action="{reverse(review, args=[thing.pk])}"'
    assert chair_sees.count(action) == 2  # validate, and return with a reason
    assert 'name="reason"' in chair_sees and "Return to the author" in chair_sees
    author_sees = _page(client_for(cast["ncpoc"]), reverse(page, args=[thing.pk]))
    assert action not in author_sees


def test_a_return_without_a_reason_is_refused_with_a_message(cast, client_for, loaded_libraries):
    value = observation(cast["ncpoc"])
    client = client_for(cast["secretariat"])
    url = reverse("indicators:observation_review", args=[value.pk])
    response = client.post(url, {"decision": "return", "reason": " "}, follow=True)
    assert "Say why it is returned." in response.content.decode()
    value.refresh_from_db()
    assert value.review_state == "submitted"
