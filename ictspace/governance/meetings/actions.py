"""Writes of meetings, decisions and action items. Audited; access checked here."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ictspace import access
from ictspace.audit.log import diff, record
from ictspace.catalogue import scope as scopes
from ictspace.files import kinds, names, storage
from ictspace.governance.models import ActionItem, Decision, Meeting


@transaction.atomic
def do_record_meeting(
    *,
    body,
    title: str,
    date: datetime.date,
    start_time=None,
    place: str = "",
    online: bool = False,
    participants=(),
    guests: str = "",
    agenda: str = "",
    acting_user,
) -> Meeting:
    if not access.can_manage_meetings(acting_user):
        raise PermissionDenied
    if not place.strip() and not online:
        raise ValidationError({"place": _("Say where the meeting is held, or that it is online.")})
    meeting = Meeting(
        body=body, title=title.strip(), date=date, start_time=start_time, place=place.strip(),
        online=online, guests=guests.strip(), agenda=agenda.strip(), created_at=timezone.now(),
    )  # fmt: skip
    meeting.full_clean(exclude=["minutes_file"])
    meeting.save()
    meeting.participants.set(participants)
    fields = {"body": body, "title": meeting.title, "date": date, "place": meeting.place,
              "online": online, "participants": sorted(p.full_name for p in participants)}  # fmt: skip
    record(actor=acting_user, action="record_meeting", obj=meeting, changes=diff({}, fields))
    return meeting


@transaction.atomic
def do_set_minutes(meeting: Meeting, *, minutes: str, uploaded_file=None, acting_user) -> Meeting:
    """The minutes as text and, optionally, the signed file (checked like any evidence)."""
    if not access.can_manage_meetings(acting_user):
        raise PermissionDenied
    old = {"minutes": meeting.minutes, "file": meeting.minutes_name}
    meeting.minutes = minutes.strip()
    if uploaded_file is None:
        meeting.save(update_fields=["minutes"])
    else:
        try:
            detected = kinds.inspect(uploaded_file, kinds.EVIDENCE)
        except ValidationError as exc:
            raise ValidationError({"file": exc.error_list}) from None
        meeting.minutes_sha256 = kinds.sha256_of(uploaded_file)
        meeting.minutes_name = names.safe_download_name(uploaded_file.name, detected.extension)
        meeting.minutes_type = detected.content_type
        meeting.minutes_file.name = storage.blob_name(meeting.minutes_sha256)
        with storage.stored(uploaded_file, sha256=meeting.minutes_sha256):
            meeting.save()
    new = {"minutes": meeting.minutes, "file": meeting.minutes_name}
    record(actor=acting_user, action="set_minutes", obj=meeting, changes=diff(old, new))
    return meeting


@transaction.atomic
def do_record_decision(meeting: Meeting, *, text: str, acting_user) -> Decision:
    if not access.can_manage_meetings(acting_user):
        raise PermissionDenied
    if not text.strip():
        raise ValidationError({"text": _("Write the decision.")})
    decision = Decision.objects.create(meeting=meeting, text=text.strip())
    record(actor=acting_user, action="record_decision", obj=meeting,
           changes=diff({}, {"decision": decision.text}))  # fmt: skip
    return decision


def _validate_action(*, owner_person, owner_organisation, gap_jurisdiction, gap_item, due_on):
    errors = {}
    if owner_person is None and owner_organisation is None:
        errors["owner_person"] = _("Name the person or the organisation that owns the action.")
    if (gap_jurisdiction is None) != (gap_item is None):
        errors["gap_item"] = _("A gap is one jurisdiction and one item: give both or neither.")
    elif gap_item is not None and not (
        gap_item.assessable and scopes.concerns(gap_item, gap_jurisdiction)
    ):
        errors["gap_item"] = scopes.refusal(gap_item, gap_jurisdiction)
    if due_on is None:
        errors["due_on"] = _("Give a due date.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_add_action_item(
    *,
    title: str,
    due_on: datetime.date,
    owner_person=None,
    owner_organisation=None,
    meeting: Meeting | None = None,
    decision: Decision | None = None,
    items=(),
    risks=(),
    gap_jurisdiction=None,
    gap_item=None,
    acting_user,
) -> ActionItem:
    """An action item; with a gap (jurisdiction × item) it is that gap's remediation plan."""
    if not access.can_manage_meetings(acting_user):
        raise PermissionDenied
    _validate_action(owner_person=owner_person, owner_organisation=owner_organisation,
                     gap_jurisdiction=gap_jurisdiction, gap_item=gap_item, due_on=due_on)  # fmt: skip
    item = ActionItem.objects.create(
        title=title.strip(), due_on=due_on, owner_person=owner_person,
        owner_organisation=owner_organisation, meeting=meeting, decision=decision,
        gap_jurisdiction=gap_jurisdiction, gap_item=gap_item, created_by=acting_user,
        created_at=timezone.now(),
    )  # fmt: skip
    item.items.set(items)
    item.risks.set(risks)
    fields = {"title": item.title, "due_on": due_on, "owner": item.owner,
              "gap": f"{gap_jurisdiction.code} {gap_item.ref}" if gap_item else None}  # fmt: skip
    record(actor=acting_user, action="add_action_item", obj=item, changes=diff({}, fields))
    return item


@transaction.atomic
def do_set_action_status(item: ActionItem, *, status: str, acting_user) -> ActionItem:
    if not access.can_update_action_item(acting_user, item):
        raise PermissionDenied
    if status not in ActionItem.Status.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    if status == item.status:
        return item
    changes = diff({"status": item.status}, {"status": status})
    item.status = status
    item.closed_at = None if status == ActionItem.Status.OPEN else timezone.now()
    item.save(update_fields=["status", "closed_at"])
    record(actor=acting_user, action="action_item_status", obj=item, changes=changes)
    return item
