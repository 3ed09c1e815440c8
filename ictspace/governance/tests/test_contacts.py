import datetime

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ictspace.directory.actions import do_add_contact_channel, do_create_person
from ictspace.directory.models import Body, Jurisdiction
from ictspace.governance.contacts import actions, selectors
from ictspace.governance.meetings.actions import do_record_meeting
from ictspace.governance.models import ReachabilityTest

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def channel(cast):
    person = do_create_person(full_name="Duty officer", jurisdiction=Jurisdiction.objects.get(code="BB"),
                              acting_user=cast["secretariat"])  # fmt: skip
    return do_add_contact_channel(person, kind="phone", value="+1 246 555 0100",
                                  available_24_7=True, acting_user=cast["secretariat"])  # fmt: skip


def _test(cast, channel, days_ago, reached=True):
    return actions.do_record_reachability_test(
        channel=channel, tested_on=TODAY - datetime.timedelta(days=days_ago), reached=reached,
        response_minutes=5 if reached else None, acting_user=cast["secretariat"],
    )  # fmt: skip


@pytest.mark.parametrize(
    ("days_ago", "reached", "expected"),
    [(None, None, "untested"), (90, True, ""), (91, True, "untested"), (3, False, "unreached")],
)
def test_flags_at_the_90_day_boundary(cast, channel, days_ago, reached, expected):
    if days_ago is not None:
        _test(cast, channel, days_ago, reached)
    (row,) = [c for c in selectors.network(cast["secretariat"]) if c.pk == channel.pk]
    assert row.flag == expected


def test_the_latest_test_decides(cast, channel):
    _test(cast, channel, 10, reached=False)
    _test(cast, channel, 2, reached=True)
    assert channel.pk not in {c.pk for c in selectors.flagged(cast["secretariat"])}


def test_an_unreached_channel_has_no_response_time(cast, channel):
    with pytest.raises(ValidationError) as caught:
        actions.do_record_reachability_test(channel=channel, tested_on=TODAY, reached=False,
                                            response_minutes=3, acting_user=cast["secretariat"])  # fmt: skip
    assert "response_minutes" in caught.value.message_dict
    assert not ReachabilityTest.objects.exists()


def test_flagged_contacts_are_on_the_secretariats_page_and_the_network_page(
    cast, channel, client_for
):
    _test(cast, channel, 1, reached=False)
    client = client_for(cast["secretariat"])
    assert "Duty officer" in client.get(reverse("governance:home")).content.decode()
    page = client.get(reverse("governance:reachability")).content.decode()
    assert "Not reached" in page


def test_the_feed_parses_and_a_revoked_address_is_refused(cast, client_for):
    do_record_meeting(body=Body.objects.get(code="RCC"), title="RCC, Q3", date=TODAY,
                      start_time=datetime.time(14, 30), online=True, acting_user=cast["secretariat"])  # fmt: skip
    secret = actions.do_issue_calendar_token(acting_user=cast["steering"])
    client = client_for(None)
    url = reverse("governance:ics", args=[secret])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    parsed = icalendar.Calendar.from_ical(response.content)
    events = list(parsed.walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in events] == ["RCC: RCC, Q3"]
    assert events[0].decoded("DTSTART") == datetime.datetime(
        TODAY.year, TODAY.month, TODAY.day, 14, 30, tzinfo=datetime.UTC
    )
    actions.do_revoke_calendar_token(acting_user=cast["steering"])
    assert client.get(url).status_code == 404


def test_a_new_address_replaces_the_old_and_is_shown_once(cast, client_for):
    client = client_for(cast["ncpoc"])
    client.post(reverse("governance:calendar_issue"))
    first = client.get(reverse("governance:calendar")).context["feed_url"]
    assert first and first.endswith(".ics")
    assert client.get(reverse("governance:calendar")).context["feed_url"] is None
    client.post(reverse("governance:calendar_issue"))
    assert client.get(first).status_code == 404
    assert client.get("/governance/calendar/not-a-token.ics").status_code == 404


def test_the_feed_has_round_and_action_due_dates_at_their_precision(
    cast, client_for, loaded_libraries
):
    from ictspace.catalogue.models import Library
    from ictspace.directory.models import Organisation
    from ictspace.governance.meetings.actions import do_add_action_item
    from ictspace.governance.rounds.actions import do_open_round

    do_open_round(title="H1 review", libraries=[Library.objects.get(slug="single-ict-space-iwp-2017")],
                  opens_on=TODAY, due_on=TODAY + datetime.timedelta(days=30),
                  jurisdictions=[Jurisdiction.objects.get(code="BB")], acting_user=cast["secretariat"])  # fmt: skip
    do_add_action_item(title="Draft ToR", due_on=TODAY, owner_organisation=Organisation.objects.get(code="CTU"),
                       acting_user=cast["secretariat"])  # fmt: skip
    secret = actions.do_issue_calendar_token(acting_user=cast["focal_point"])
    parsed = icalendar.Calendar.from_ical(
        client_for(None).get(reverse("governance:ics", args=[secret])).content
    )
    starts = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in parsed.walk("VEVENT")}
    assert starts == {
        "Due: H1 review": TODAY + datetime.timedelta(days=30),
        "Action due: Draft ToR": TODAY,
    }
