"""Work in progress for the demo accounts: drafts, returned items, reviews and action items."""

import datetime

from ictspace.accounts.models import Role
from ictspace.catalogue.models import Library, level_codes
from ictspace.demo.cast import cast_ncpoc, cast_user
from ictspace.directory.models import Body, Jurisdiction, Organisation, Person
from ictspace.governance.meetings.actions import do_add_action_item, do_record_meeting
from ictspace.tracking.actions import (
    do_draft_status_update,
    do_review_status_update,
    do_submit_status_update,
)
from ictspace.tracking.selectors import LibraryIndex, current_statuses

NCPOC_STATES = ("BB", "JM")
RETURN_REASON = (
    "The evidence does not show the law was enacted: attach the gazette notice or the act."
)
# (review state, narrative) of the updates each reporter has in hand.
IN_HAND = (
    ("draft", "Draft for the next review: the ministry is preparing the evidence."),
    ("draft", "Cabinet approval expected this quarter."),
    ("returned", "Enacted last month."),
    ("submitted", "Agreed with the national CSIRT; ready for validation."),
    ("submitted", "Confirmed at the last national stakeholders' meeting."),
)


def load(today: datetime.date) -> int:
    """The demo NCPOCs' and focal point's work in hand, and the Secretariat's action items."""
    chair, secretariat = cast_user(Role.RCC_CHAIR), cast_user(Role.SECRETARIAT)
    ccscap = Library.objects.get(slug="ccscap-2016")
    count = 0
    for code in NCPOC_STATES:
        state = Jurisdiction.objects.get(code=code)
        count += _in_hand(ccscap, state, cast_ncpoc(code), secretariat, today)
    region = Jurisdiction.objects.get(kind="region")
    iwp = Library.objects.get(slug="single-ict-space-iwp-2017")
    count += _in_hand(iwp, region, cast_user(Role.FOCAL_POINT), chair, today, limit=3)
    count += _action_items(ccscap, secretariat, today)
    return count


def _open_gaps(library, jurisdiction, author, today) -> list:
    """Items the author may draft for that are not met today, in document order."""
    from ictspace import access

    index = LibraryIndex(library, [jurisdiction])
    cells = current_statuses(today, jurisdiction_ids=[jurisdiction.pk], library=library)
    out = []
    for item in index.tracked:
        codes = level_codes(library.scale(item.scale))
        cell = cells.get((jurisdiction.pk, item.pk))
        level = codes.index(cell.status) if cell and cell.status in codes else -1
        if level < len(codes) - 1 and access.can_draft_status(author, jurisdiction, item):
            out.append((item, codes[level + 1]))
    return out


def _in_hand(library, jurisdiction, author, reviewer, today, *, limit=None) -> int:
    gaps = _open_gaps(library, jurisdiction, author, today)
    plan = IN_HAND[-limit:] if limit else IN_HAND
    for (state, narrative), (item, status) in zip(plan, gaps, strict=False):
        update = do_draft_status_update(
            jurisdiction=jurisdiction, item=item, status=status,
            effective_date=today - datetime.timedelta(days=3), narrative=narrative,
            source_citation="Demonstration data", acting_user=author,
        )  # fmt: skip
        if state == "draft":
            continue
        do_submit_status_update(update, acting_user=author)
        if state == "returned":
            do_review_status_update(
                update, decision="return", reason=RETURN_REASON, acting_user=reviewer
            )
    return min(len(plan), len(gaps))


def _action_items(library, secretariat, today) -> int:
    """A meeting of the committee with action items: one per demo NCPOC's gap, one for CTU."""
    meeting = do_record_meeting(
        body=Body.objects.get(code="RCC"),
        title="Regional Cyber Committee, review of the gap analysis (demonstration)",
        date=today - datetime.timedelta(days=40),
        online=True,
        acting_user=secretariat,
    )
    count = 0
    for number, code in enumerate(NCPOC_STATES):
        state = Jurisdiction.objects.get(code=code)
        owner = Person.objects.get(user=cast_ncpoc(code))
        item, _status = _open_gaps(library, state, owner.user, today)[-1]
        do_add_action_item(
            title=f"Prepare a plan to meet {item.ref} in {state.name}",
            due_on=today + datetime.timedelta(days=30 - 45 * number),  # the second is overdue
            owner_person=owner, meeting=meeting, gap_jurisdiction=state, gap_item=item,
            acting_user=secretariat,
        )  # fmt: skip
        count += 1
    do_add_action_item(
        title="Circulate the draft regional incident-sharing protocol",
        due_on=today + datetime.timedelta(days=60),
        owner_organisation=Organisation.objects.get(code="CTU"),
        meeting=meeting,
        acting_user=secretariat,
    )
    return count + 1
