import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from ictspace import access
from ictspace.audit.models import AuditEntry
from ictspace.conftest import make_user
from ictspace.directory.models import Designation, Jurisdiction, Organisation
from ictspace.publicreports import actions, selectors
from ictspace.publicreports.models import MonthlyCount, PublicReport
from ictspace.publicreports.references import ALPHABET, new_reference
from ictspace.publicreports.routing import recipient_for
from ictspace.scheduling import registry

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 3, 15, 12, tzinfo=datetime.UTC)


def _report(code="BB", category="fraud", **extra):
    return actions.do_receive_public_report(
        jurisdiction=Jurisdiction.objects.get(code=code), category=category,
        description=extra.pop("description", "A fake shop took my money."),
        urls=["https://shop.example/"], language="en", acting_user=access.SYSTEM, **extra,
    )  # fmt: skip


def _designate(code, org):
    return Designation.objects.create(
        jurisdiction=Jurisdiction.objects.get(code=code),
        purpose=Designation.Purpose.PUBLIC_REPORTS,
        organisation=Organisation.objects.get(code=org),
    )


def test_a_reference_is_short_readable_and_from_an_unambiguous_alphabet():
    refs = {new_reference() for _ in range(200)}
    assert len(refs) == 200
    for ref in refs:
        assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", ref)
        assert set(ref.replace("-", "")) <= set(ALPHABET)
        assert not set(ref) & set("ILOU")


def test_the_directory_file_designates_the_region_fallback(directory):
    assert recipient_for(Jurisdiction.objects.get(code="JM")).code == "IMPACS"
    region = Designation.objects.get(jurisdiction__code="CARICOM")
    assert "004_1eb6b663af8d5b22.txt" in region.source


def test_a_report_goes_to_the_state_designation_before_the_region(directory):
    _designate("BB", "CTU")
    assert _report("BB").recipient.code == "CTU"
    assert _report("JM").recipient.code == "IMPACS"


def test_without_any_designation_the_report_is_refused_and_nothing_kept(directory):
    Designation.objects.all().delete()
    with pytest.raises(ValidationError):
        _report("BB")
    assert not PublicReport.objects.exists()
    assert not MonthlyCount.objects.exists()


def test_the_audit_entry_names_no_content_nor_contact(directory):
    report = _report(description="My neighbour's secret", contact="me@example.org")
    entry = AuditEntry.objects.get(action="public_report_received", object_id=str(report.pk))
    text = str(entry.changes) + entry.object_repr
    assert "secret" not in text and "me@example.org" not in text
    assert entry.changes["category"] == [None, "fraud"]


def test_statuses_move_new_acknowledged_then_referred_or_closed(directory):
    _designate("BB", "CTU")
    member = make_user("focal_point")  # the cast's focal point works for CTU
    report = _report("BB")
    with pytest.raises(ValidationError):
        actions.do_move_public_report(report, to="closed", acting_user=member)
    for status in ("acknowledged", "referred", "closed"):
        report = actions.do_move_public_report(report, to=status, acting_user=member)
    assert report.status == "closed"
    moves = AuditEntry.objects.filter(action="public_report_status", object_id=str(report.pk))
    assert [e.changes["status"] for e in moves.order_by("id")] == [
        ["new", "acknowledged"],
        ["acknowledged", "referred"],
        ["referred", "closed"],
    ]


def test_a_directory_person_of_the_recipient_is_a_member_too(directory):
    user = make_user(None, email="officer@impacs.example")
    from ictspace.directory.actions import do_create_person

    do_create_person(
        full_name="Officer", organisation=Organisation.objects.get(code="IMPACS"), user=user,
        acting_user=access.SYSTEM,
    )  # fmt: skip
    mine, other = _report("JM"), None
    _designate("BB", "CTU")
    other = _report("BB")
    assert list(selectors.queue(user)) == [mine]
    assert access.can_handle_public_report(user, mine)
    assert not access.can_handle_public_report(user, other)


def test_counts_per_category_jurisdiction_and_month_survive_the_purge(directory, settings):
    settings.ICTSPACE_PUBLIC_REPORT_RETENTION_DAYS = 30
    old = [_report("BB"), _report("BB"), _report("BB", category="harassment"), _report("JM")]
    PublicReport.objects.filter(pk__in=[r.pk for r in old]).update(
        received_at=NOW - datetime.timedelta(days=31)
    )
    fresh = _report("BB")
    purged = actions.do_purge_public_reports(now=NOW, acting_user=access.SYSTEM)
    assert purged == 4
    assert list(PublicReport.objects.all()) == [fresh]
    counts = {
        (r["jurisdiction__code"], r["category"]): r["count"] for r in selectors.monthly_counts()
    }
    assert counts == {("BB", "fraud"): 3, ("BB", "harassment"): 1, ("JM", "fraud"): 1}
    entry = AuditEntry.objects.get(action="public_reports_purged")
    assert entry.changes["purged"] == [None, 4]


def test_the_scheduler_runs_the_purge_after_the_retention_period(directory, settings, monkeypatch):
    from django_tasks_db.management.commands import db_worker

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    job = registry.JOBS["publicreports.purge"]
    monkeypatch.setattr(registry, "JOBS", {job.name: job})
    settings.ICTSPACE_PUBLIC_REPORT_RETENTION_DAYS = 10
    report = _report("BB")
    PublicReport.objects.filter(pk=report.pk).update(
        received_at=report.received_at - datetime.timedelta(days=11)
    )
    kept = _report("JM")
    assert registry.run_due() == ["publicreports.purge"]
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    assert list(PublicReport.objects.all()) == [kept]
    assert AuditEntry.objects.filter(action="public_reports_purged").count() == 1
