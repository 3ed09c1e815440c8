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
    # The field in words; the recorded values as they were, literally.
    assert 'Position: <code class="value">—</code> → <code class="value">Analyst</code>' in html


def test_search_by_the_persons_name_and_the_action_from_the_list(cast, client_for):
    cast["secretariat"].full_name = "Ada Lovelace"
    cast["secretariat"].save(update_fields=["full_name"])
    do_create_person(full_name="By Name", acting_user=cast["secretariat"])
    do_create_person(full_name="By System", acting_user=access.SYSTEM)
    client = client_for(cast["auditor"])
    html = client.get(reverse("audit:log"), {"who": "lovelace", "action": "create"}).content
    html = html.decode()
    assert "By Name" in html and "By System" not in html
    assert '<option value="validated_status">validated a status update</option>' in html
    response = client.get(reverse("audit:log"), {"action": "no_such_action"})
    assert response.status_code == 400


def test_actions_read_as_words_not_codes(cast, client_for):
    do_create_person(full_name="Worded", acting_user=cast["secretariat"])
    html = client_for(cast["auditor"]).get(reverse("audit:log")).content.decode()
    assert "created: person" in html
    assert "directory.person" not in html


def test_the_csv_export_holds_the_filtered_entries(cast, client_for):
    import csv
    import io

    do_create_person(full_name="=Exported", acting_user=cast["secretariat"])
    do_create_person(full_name="Not exported", acting_user=access.SYSTEM)
    response = client_for(cast["auditor"]).get(reverse("audit:export"), {"who": "secretariat"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "audit-log.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["When (UTC)", "Who", "Action"]
    objects = [row[6] for row in rows[1:]]
    assert "'=Exported" in objects  # a formula-like value is escaped
    assert "Not exported" not in objects
    assert rows[1][2:5] == ["created: person", "create", "directory.person"]


def test_a_bad_filter_is_explained_not_exported(cast, client_for):
    response = client_for(cast["auditor"]).get(
        reverse("audit:export"), {"since": "2025-02-01", "until": "2025-01-01"}
    )
    assert response.status_code == 400
    assert "The end of the period is before its start." in response.content.decode()
