"""Issue 11.9: absurd or lossy input is refused or kept as typed.

Dates in a sane range (tracking's effective date, an appointment's start and end), age
groups in ASCII digits from a lower to a higher age, a breakdown that names a key once,
and a note that begins with a quote reads back as it was written.
"""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ictspace import bounds
from ictspace.audit.models import AuditEntry
from ictspace.directory.actions import do_appoint, do_end_appointment
from ictspace.directory.models import Appointment, Body
from ictspace.indicators.imports import actions as imports
from ictspace.indicators.imports.files import unescape
from ictspace.indicators.models import Observation
from ictspace.indicators.tests.helpers_imports import (
    COUNT,
    bb,
    latest_job,
    observe,
    upload,
)
from ictspace.indicators.values import Spec, parse_disaggregation
from ictspace.spreadsheets import safe_cell
from ictspace.tests.factories import NcpocAppointmentFactory, PersonFactory
from ictspace.tracking.models import StatusUpdate

pytestmark = pytest.mark.django_db
IWP = "single-ict-space-iwp-2017"


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


# Dates --------------------------------------------------------------------------------


@pytest.mark.parametrize("day", ["0001-01-01", "1973-07-03"])
def test_an_effective_date_before_caricom_is_refused_naming_the_range(
    cast, client_for, loaded_libraries, day
):
    url = reverse("tracking:update_new", args=["BB", IWP, "3.1.4"])
    response = client_for(cast["ncpoc"]).post(url, {"status": "completed", "effective_date": day})
    assert response.status_code == 400
    assert "The effective date must be between 1973-07-04 and" in response.content.decode()
    assert not StatusUpdate.objects.exists()


def test_the_earliest_effective_date_is_accepted(cast, client_for, loaded_libraries):
    url = reverse("tracking:update_new", args=["BB", IWP, "3.1.4"])
    data = {"status": "completed", "effective_date": "1973-07-04"}
    assert client_for(cast["ncpoc"]).post(url, data).status_code == 302
    assert StatusUpdate.objects.get().effective_date == bounds.EARLIEST


@pytest.mark.parametrize("end", [datetime.date(9999, 12, 31), datetime.date(1900, 1, 1)])
def test_an_appointment_end_outside_the_range_is_refused(cast, client_for, directory, end):
    appointment = NcpocAppointmentFactory(start=datetime.date(1950, 1, 1))
    Appointment.objects.filter(pk=appointment.pk).update(start=datetime.date(1900, 1, 1))
    appointment.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        do_end_appointment(appointment, end=end, acting_user=cast["secretariat"])
    assert "The end date must be between 1973-07-04 and" in refused.value.messages[0]
    url = reverse("directory:appointment_end", args=[appointment.pk])
    response = client_for(cast["secretariat"]).post(url, {"end": end.isoformat()})
    assert response.status_code == 400
    appointment.refresh_from_db()
    assert appointment.end is None


def test_an_appointment_end_in_range_is_kept(cast, directory):
    appointment = NcpocAppointmentFactory()
    end = bounds.latest()
    do_end_appointment(appointment, end=end, acting_user=cast["secretariat"])
    appointment.refresh_from_db()
    assert appointment.end == end


@pytest.mark.parametrize("start", [datetime.date(1, 1, 1), datetime.date(9999, 12, 31)])
def test_an_appointment_start_outside_the_range_is_refused(cast, directory, start):
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as refused:
        do_appoint(
            person=PersonFactory(),
            body=Body.objects.get(code="RCC"),
            role=Appointment.Role.MEMBER,
            jurisdiction=None,
            start=start,
            acting_user=cast["secretariat"],
        )
    assert "The start date must be between 1973-07-04 and" in refused.value.messages[0]
    assert AuditEntry.objects.count() == before


# Breakdowns ---------------------------------------------------------------------------


@pytest.fixture
def by_age():
    return Spec(code="x", value_type="percent", dimensions=frozenset({"age", "sex"}))


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("age=\u0661\u0665-\u0662\u0664", "An age group is written 15-24 or 75+"),  # ١٥-٢٤
        ("age=\uff11\uff15+", "An age group is written 15-24 or 75+"),  # fullwidth １５+
        ("age=999-0", "from a lower to a higher age, at most 120"),
        ("age=24-15", "from a lower to a higher age, at most 120"),
        ("age=121+", "from a lower to a higher age, at most 120"),
        ("sex=female;sex=male", "names sex twice"),
        ("sex=female;age=15-24;SEX=female", "names sex twice"),
    ],
)
def test_a_bad_breakdown_is_refused_saying_why(by_age, raw, message):
    with pytest.raises(ValueError, match=message):
        parse_disaggregation(by_age, raw)


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("age=15-24", "age=15-24"),
        ("Age=75+; sex=F", "age=75+;sex=female"),
        ("age=0-120", "age=0-120"),
    ],
)
def test_a_good_breakdown_is_canonical(by_age, raw, canonical):
    assert parse_disaggregation(by_age, raw) == canonical


# Text that begins like a formula, or with a quote ------------------------------------------


@pytest.mark.parametrize("text", ["'=1+1", "=1+1", "'hello", "''", "-5 %", "@home", "plain", "'"])
def test_escaped_text_reads_back_as_written(text):
    assert unescape(safe_cell(text)) == text


def test_a_note_with_a_leading_quote_survives_export_and_reimport(
    cast, client_for, loaded_libraries
):
    observation = observe(bb(), COUNT, "2019", "5")
    Observation.objects.filter(pk=observation.pk).update(note="'=1+1")
    client = client_for(cast["steering"])
    response = client.get(reverse("indicators:export", args=["csv"]))
    exported = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert rows[0]["note"] == "''=1+1"  # escaped, so no spreadsheet runs it
    rows[0]["value"] = "6"  # a correction, so the row is applied again
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    ncpoc = cast["ncpoc"]
    upload(client_for(ncpoc), out.getvalue().encode())
    imports.do_apply_import(latest_job(), acting_user=ncpoc)
    assert Observation.objects.latest("pk").note == "'=1+1"
