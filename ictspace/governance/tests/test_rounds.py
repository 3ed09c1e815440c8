import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ictspace.accounts.models import Role, RoleGrant
from ictspace.audit.models import AuditEntry
from ictspace.catalogue.models import Item, Library
from ictspace.conftest import make_user
from ictspace.directory.models import Jurisdiction
from ictspace.governance.models import RoundFigure, SentReminder
from ictspace.governance.rounds import actions, progress, reminders
from ictspace.tracking import actions as tracking
from ictspace.tracking.models import StatusUpdate

pytestmark = pytest.mark.django_db
IWP = "single-ict-space-iwp-2017"
TODAY = timezone.localdate()


@pytest.fixture
def items(loaded_libraries):
    return [Item.objects.get(library__slug=IWP, ref=ref) for ref in ("3.1.4", "3.1.5")]


def _open(cast, items, *, due_on=TODAY + datetime.timedelta(days=10), **extra):
    return actions.do_open_round(
        title="Status review H1 2027",
        libraries=[Library.objects.get(slug=IWP)],
        items=items,
        opens_on=TODAY - datetime.timedelta(days=5),
        due_on=due_on,
        acting_user=cast["secretariat"],
        **extra,
    )


def _submit(cast, item, code="BB"):
    update = tracking.do_draft_status_update(
        jurisdiction=Jurisdiction.objects.get(code=code),
        item=item,
        status="in_progress",
        effective_date=TODAY,
        acting_user=cast["ncpoc"],
    )
    return tracking.do_submit_status_update(update, acting_user=cast["ncpoc"])


def _row(rnd, code="BB"):
    return next(p for p in progress.round_progress(rnd) if p.jurisdiction.code == code)


def test_the_jurisdictions_default_to_the_items_scope(cast, items):
    rnd = _open(cast, items)
    codes = set(rnd.jurisdictions.values_list("code", flat=True))
    assert {"BB", "JM"} <= codes
    assert "CARICOM" not in codes  # national items: the region as one is not asked
    assert AuditEntry.objects.filter(action="open_round").count() == 1


def test_only_the_secretariat_opens_a_round(cast, items):
    with pytest.raises(PermissionDenied):
        _open({"secretariat": cast["rcc_chair"]}, items)


def test_a_due_date_before_the_opening_is_refused_on_its_field(cast, items):
    with pytest.raises(ValidationError) as caught:
        _open(cast, items, due_on=TODAY - datetime.timedelta(days=6))
    assert "due_on" in caught.value.message_dict


def test_states_and_completeness_follow_the_stream(cast, items):
    rnd = _open(cast, items)
    assert _row(rnd).state == progress.NOT_STARTED
    assert _row(rnd).completeness == 0
    first = _submit(cast, items[0])
    assert (_row(rnd).state, _row(rnd).completeness) == (progress.IN_PROGRESS, 50)
    second = _submit(cast, items[1])
    assert (_row(rnd).state, _row(rnd).completeness) == (progress.SUBMITTED, 100)
    for update in (first, second):
        tracking.do_review_status_update(update, decision="validate", acting_user=cast["rcc_chair"])
    assert _row(rnd).state == progress.VALIDATED
    assert _row(rnd, "JM").state == progress.NOT_STARTED


def test_an_update_made_before_the_round_opened_does_not_count(cast, items):
    rnd = _open(cast, items)
    update = _submit(cast, items[0])
    before = timezone.now() - datetime.timedelta(days=6)
    StatusUpdate.objects.filter(pk=update.pk).update(created_at=before)
    assert _row(rnd).updated == 0


@pytest.mark.parametrize(("days_after_due", "on_time"), [(0, True), (1, False)])
def test_timeliness_at_the_due_date(cast, items, days_after_due, on_time):
    rnd = _open(cast, items, due_on=TODAY)
    updates = [_submit(cast, item) for item in items]
    # The last submission at the very end of the due date is on time; a day later is late.
    last = timezone.make_aware(datetime.datetime.combine(TODAY, datetime.time(23, 59, 59)))
    last += datetime.timedelta(days=days_after_due)
    StatusUpdate.objects.filter(pk=updates[-1].pk).update(submitted_at=last)
    assert _row(rnd).on_time is on_time


def test_closing_freezes_the_figures(cast, items):
    rnd = _open(cast, items)
    _submit(cast, items[0])
    actions.do_close_round(rnd, acting_user=cast["secretariat"])
    assert RoundFigure.objects.get(round=rnd, jurisdiction__code="BB").updated == 1
    _submit(cast, items[1])  # after the close: kept out of the frozen figures
    assert _row(rnd).updated == 1
    assert _row(rnd).state == progress.IN_PROGRESS
    with pytest.raises(ValidationError):
        actions.do_close_round(rnd, acting_user=cast["secretariat"])


def test_reminder_rules_around_the_due_date(cast, items):
    rnd = _open(cast, items, due_on=TODAY + datetime.timedelta(days=10))
    due = rnd.due_on
    assert reminders.rule_for(rnd, due - datetime.timedelta(days=8)) is None
    assert reminders.rule_for(rnd, due - datetime.timedelta(days=7)) == "before"
    assert reminders.rule_for(rnd, due) == "before"
    assert reminders.rule_for(rnd, due + datetime.timedelta(days=1)) == "overdue"


def test_reminders_go_once_per_rule_per_person_when_the_task_runs_twice(cast, items):
    second = make_user(None, email="second-ncpoc@test.example")
    bb = Jurisdiction.objects.get(code="BB")
    RoleGrant.objects.create(user=second, role=Role.NCPOC, jurisdiction=bb)
    rnd = _open(cast, items, due_on=TODAY + datetime.timedelta(days=3),
                jurisdictions=[bb, Jurisdiction.objects.get(code="JM")])  # fmt: skip
    assert reminders.send_due_reminders(TODAY) == 2  # JM has no NCPOC account
    assert reminders.send_due_reminders(TODAY) == 0
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ncpoc@test.example",
        "second-ncpoc@test.example",
    ]
    assert "Reminder" in mail.outbox[0].subject
    # Overdue is another rule: each person once more, then never again.
    later = rnd.due_on + datetime.timedelta(days=1)
    assert reminders.send_due_reminders(later) == 2
    assert reminders.send_due_reminders(later) == 0
    assert SentReminder.objects.filter(round=rnd).count() == 4


def test_a_jurisdiction_that_answered_gets_no_reminder(cast, items):
    _open(cast, items, due_on=TODAY + datetime.timedelta(days=3))
    for item in items:
        _submit(cast, item)
    assert reminders.send_due_reminders(TODAY) == 0
    assert mail.outbox == []


def test_a_reminder_is_in_the_language_its_reader_chose(cast, items):
    cast["ncpoc"].language = "fr"
    cast["ncpoc"].save()
    _open(cast, items, due_on=TODAY + datetime.timedelta(days=3),
          jurisdictions=[Jurisdiction.objects.get(code="BB")])  # fmt: skip
    assert reminders.send_due_reminders(TODAY) == 1
    assert mail.outbox[0].subject.startswith("Rappel : Status review H1 2027 pour Barbados")
    assert "Enregistrez et soumettez" in mail.outbox[0].body
