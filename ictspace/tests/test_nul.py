"""A NUL character in an address is refused with 400 on every engine, before any query."""

import pytest
from django.urls import reverse

from ictspace.conftest import OWN


@pytest.mark.parametrize(
    "url",
    [
        "/tracking/?library=%00",
        "/directory/organisations/?q=a%00b",
        f"/tracking/{OWN}%00/single-ict-space-iwp-2017/",
        "/public/?x=%00",
    ],
)
def test_a_nul_character_is_a_bad_request(url, cast, client_for):
    response = client_for(cast["secretariat"]).get(url)
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_the_api_answers_its_own_nul_checks(cast, client_for):
    response = client_for(cast["secretariat"]).get(reverse("api:jurisdictions") + "?kind=a%00b")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
