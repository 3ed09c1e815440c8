import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ictspace import access
from ictspace.accounts.models import Role
from ictspace.audit.models import AuditEntry
from ictspace.directory.models import Designation, Jurisdiction, Organisation
from ictspace.publicreports import actions
from ictspace.publicreports.models import MonthlyCount, PublicReport

pytestmark = pytest.mark.django_db
FORM = reverse("publicreports:form")


def _data(**extra):
    data = {
        "jurisdiction": Jurisdiction.objects.get(code="BB").pk,
        "category": "child_exploitation",
        "description": "A profile sends messages to pupils.",
        "urls": "https://social.example/profile/123\nhttps://social.example/post/9",
        "contact": "",
    }
    return {**data, **extra}


def _to_ctu():
    Designation.objects.create(
        jurisdiction=Jurisdiction.objects.get(code="BB"), purpose="public_reports",
        organisation=Organisation.objects.get(code="CTU"),
    )  # fmt: skip


def test_the_form_has_no_file_input_and_says_why(client, directory):
    page = client.get(FORM).content.decode()
    assert 'type="file"' not in page and "multipart" not in page
    assert "do not copy, save or send the material" in page
    assert "Online child sexual exploitation" in page
    assert "deleted 365 days after it arrives" in page


def test_a_report_is_stored_routed_counted_and_its_reference_shown(client, directory):
    response = client.post(FORM, _data())
    assert response.status_code == 302
    report = PublicReport.objects.get()
    assert report.recipient.code == "IMPACS"  # no designation for BB: the region's
    assert report.urls == ["https://social.example/profile/123", "https://social.example/post/9"]
    assert report.language == "en"
    page = client.get(response["Location"]).content.decode()
    assert report.reference in page and "What happens next" in page
    assert MonthlyCount.objects.get().count == 1


def test_the_answer_is_in_the_reporter_language(client, directory):
    client.post(FORM, _data(), HTTP_ACCEPT_LANGUAGE="fr")
    assert PublicReport.objects.get().language in {"fr", "en"}  # fr once its catalogue lands
    page = client.get(reverse("publicreports:sent"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'lang="fr"' in page


def test_a_file_sent_anyway_is_not_kept(client, directory):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("image.jpg", b"\xff\xd8\xff\xe0 not stored")
    assert client.post(FORM, {**_data(), "file": upload}).status_code == 302
    report = PublicReport.objects.get()
    assert "not stored" not in report.description
    assert not [f.name for f in PublicReport._meta.get_fields() if "file" in f.name]


def test_a_bad_address_is_refused_with_a_reason(client, directory):
    response = client.post(FORM, _data(urls="javascript:alert(1)"))
    assert response.status_code == 400
    assert "is not a web address" in response.content.decode()
    assert not PublicReport.objects.exists()


def test_the_honeypot_stores_nothing_and_answers_like_a_success(client, directory):
    before = AuditEntry.objects.count()
    response = client.post(FORM, _data(website="https://spam.example"))
    assert response.status_code == 302
    assert not PublicReport.objects.exists()
    assert AuditEntry.objects.count() == before
    assert "reference number" not in client.get(response["Location"]).content.decode()


def test_reports_are_rate_limited_per_address(client, directory, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "public_report": "3/1h/ip"}
    statuses = [client.post(FORM, _data()).status_code for _ in range(4)]
    assert statuses == [302, 302, 302, 429]
    assert PublicReport.objects.count() == 3
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert other.post(FORM, _data()).status_code == 302  # another address is not affected


def test_the_form_needs_its_csrf_token(directory):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(FORM, _data()).status_code == 403
    assert not PublicReport.objects.exists()


def test_the_recipient_moves_a_report_and_others_cannot(cast, client_for):
    _to_ctu()
    client_for(None).post(FORM, _data())
    report = PublicReport.objects.get()
    url = reverse("publicreports:move", args=[report.pk])
    assert client_for(cast[Role.SECRETARIAT]).post(url, {"to": "acknowledged"}).status_code == 404
    member = client_for(cast[Role.FOCAL_POINT])
    assert report.reference in member.get(reverse("publicreports:queue")).content.decode()
    assert member.post(url, {"to": "acknowledged"}).status_code == 302
    report.refresh_from_db()
    assert report.status == "acknowledged"
    assert member.post(url, {"to": "new"}).status_code == 302  # not offered: nothing changes
    report.refresh_from_db()
    assert report.status == "acknowledged"


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _reports(n):
    for i in range(n):
        report = actions.do_receive_public_report(
            jurisdiction=Jurisdiction.objects.get(code="BB"), category="fraud",
            description=f"Case {i}", urls=[], language="en", acting_user=access.SYSTEM,
        )  # fmt: skip
        PublicReport.objects.filter(pk=report.pk).update(
            status=["new", "acknowledged", "referred", "closed"][i % 4],
            received_at=report.received_at - datetime.timedelta(days=i),
        )


# session, user, grants, the navigation's counts, directory person, then counts, the page
# count and the reports (the report page: the report itself).
QUEUE_PAGES = {"queue": 9, "queue?status=new": 9, "report": 7}


@pytest.mark.parametrize("page", sorted(QUEUE_PAGES))
def test_the_queue_pages_do_not_grow_with_the_reports(page, cast, client_for):
    _to_ctu()
    client = client_for(cast[Role.FOCAL_POINT])

    def url():
        if page == "report":
            return reverse("publicreports:report", args=[PublicReport.objects.first().pk])
        return reverse("publicreports:queue") + ("?status=new" if "status" in page else "")

    _reports(2)
    small = _queries(client, url())
    _reports(12)
    assert _queries(client, url()) == small == QUEUE_PAGES[page]


def test_the_public_form_pages_cost_a_pinned_number_of_queries(client, directory):
    assert _queries(client, FORM) == 1  # the jurisdictions
    client.post(FORM, _data())
    assert _queries(client, reverse("publicreports:sent")) <= 2  # the session
