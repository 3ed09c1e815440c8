"""The governance calendar as iCalendar (RFC 5545): meetings, round due dates, action items.

Written by hand (a few lines per event); the tests read it back with the `icalendar` package.
"""

import datetime

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ictspace import access
from ictspace.accounts.models import Role
from ictspace.governance.models import ActionItem, ReviewRound

DOMAIN = "ictspace"


def _escape(text: str) -> str:
    text = str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Lines of at most 75 octets; continuation lines start with a space."""
    out, data = [], line.encode()
    while len(data) > 75:
        cut = 75 if not out else 74
        while cut and (data[cut] & 0xC0) == 0x80:  # never split a UTF-8 character
            cut -= 1
        out.append(data[:cut].decode())
        data = data[cut:]
    out.append(data.decode())
    return [out[0], *(" " + part for part in out[1:])]


def _event(uid: str, summary: str, day: datetime.date, *, at=None, description="", url="") -> list:
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    if at is None:  # a date at its precision: an all-day event
        start = [f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                 f"DTEND;VALUE=DATE:{day + datetime.timedelta(days=1):%Y%m%d}"]  # fmt: skip
    else:
        local = datetime.datetime.combine(day, at, tzinfo=timezone.get_default_timezone())
        begins = local.astimezone(datetime.UTC)
        start = [f"DTSTART:{begins:%Y%m%dT%H%M%SZ}"]
    lines = ["BEGIN:VEVENT", f"UID:{uid}@{DOMAIN}", f"DTSTAMP:{stamp}", *start,
             f"SUMMARY:{_escape(summary)}"]  # fmt: skip
    if description:
        lines.append(f"DESCRIPTION:{_escape(description)}")
    if url:
        lines.append(f"URL:{url}")
    return [*lines, "END:VEVENT"]


def _action_items(user):
    open_items = access.action_items_visible_to(user).filter(status=ActionItem.Status.OPEN)
    if access.has_role(user, Role.SECRETARIAT):
        return open_items
    return open_items.filter(Q(pk__in=access.own_action_items(user).values("pk")))


def feed(user) -> str:
    """The user's calendar: what they may see, as of now."""
    base = settings.SITE_URL.rstrip("/")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//{settings.SITE_NAME}//governance//EN",
             "CALSCALE:GREGORIAN", f"X-WR-CALNAME:{_escape(settings.SITE_NAME)}"]  # fmt: skip
    for m in access.meetings_visible_to(user).select_related("body").order_by("-date")[:500]:
        where = (_("online") + "; " if m.online else "") + m.place
        lines += _event(f"meeting-{m.pk}", f"{m.body.code}: {m.title}", m.date, at=m.start_time,
                        description=where, url=base + reverse("governance:meeting", args=[m.pk]))  # fmt: skip
    rounds = access.review_rounds_visible_to(user).filter(state=ReviewRound.State.OPEN)
    for r in rounds:
        lines += _event(f"round-{r.pk}", _("Due: %(title)s") % {"title": r.title}, r.due_on,
                        url=base + reverse("governance:round", args=[r.pk]))  # fmt: skip
    for a in _action_items(user).order_by("due_on")[:500]:
        lines += _event(f"action-{a.pk}", _("Action due: %(title)s") % {"title": a.title}, a.due_on)
    lines.append("END:VCALENDAR")
    return "\r\n".join(part for line in lines for part in _fold(line)) + "\r\n"
