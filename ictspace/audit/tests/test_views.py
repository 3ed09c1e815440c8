import pytest
from django.urls import reverse

from ictspace import access
from ictspace.directory.actions import do_create_person

pytestmark = pytest.mark.django_db


def test_auditor_filters_by_person_object_and_date(cast, client_for):
    do_create_person(full_name="Filtered Person", acting_user=cast["secretariat"])
    do_create_person(full_name="Someone Else", acting_user=access.SYSTEM)
    client = client_for(cast["auditor"])
    html = client.get(reverse("audit:log"), {"who": "secretariat@"}).content.decode()
    assert "Filtered Person" in html and "Someone Else" not in html
    html = client.get(reverse("audit:log"), {"object": "Someone"}).content.decode()
    assert "Someone Else" in html and "Filtered Person" not in html
    html = client.get(reverse("audit:log"), {"until": "2000-01-01"}).content.decode()
    assert "No entry matches" in html


def test_a_reversed_period_is_explained(cast, client_for):
    response = client_for(cast["auditor"]).get(
        reverse("audit:log"), {"since": "2025-02-01", "until": "2025-01-01"}
    )
    assert response.status_code == 400
    assert "The end of the period is before its start." in response.content.decode()


def test_entries_show_old_and_new_values(cast, client_for):
    do_create_person(full_name="Old New", position="Analyst", acting_user=cast["secretariat"])
    html = client_for(cast["secretariat"]).get(reverse("audit:log")).content.decode()
    assert "<code>position</code>: — → Analyst" in html
