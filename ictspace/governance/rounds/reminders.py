"""Reminder e-mails of open rounds, once per rule per person however often the task runs.

The platform's own work (no acting user): it reads the rounds and writes only the
`SentReminder` rows that record what went out.
"""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ictspace.accounts.models import Role, RoleGrant
from ictspace.governance.models import ReviewRound, SentReminder
from ictspace.governance.rounds import progress

Rule = SentReminder.Rule


def rule_for(rnd: ReviewRound, today: datetime.date) -> str | None:
    """Which reminder is due today: N days before the due date up to it, or overdue after."""
    if today < rnd.opens_on:
        return None
    if today > rnd.due_on:
        return Rule.OVERDUE
    if today >= rnd.due_on - datetime.timedelta(days=rnd.remind_days_before):
        return Rule.BEFORE
    return None


def _message(rnd: ReviewRound, rule: str, p: progress.Progress) -> tuple[str, str]:
    values = {
        "title": rnd.title,
        "due": rnd.due_on.isoformat(),
        "name": p.jurisdiction.name,
        "done": p.updated,
        "expected": p.expected,
        "url": settings.SITE_URL.rstrip("/") + reverse("governance:round", args=[rnd.pk]),
    }
    if rule == Rule.OVERDUE:
        subject = _("Overdue: %(title)s for %(name)s (due %(due)s)") % values
    else:
        subject = _("Reminder: %(title)s for %(name)s is due on %(due)s") % values
    body = (
        _(
            "%(name)s has updated %(done)s of the %(expected)s items the round %(title)s expects.\n"
            "The round is due on %(due)s. Record and submit the remaining updates:\n%(url)s\n"
        )
        % values
    )
    return subject, body


def _send_once(rnd, rule, p, user) -> bool:
    """Claim the (round, jurisdiction, rule, person) row, then send; a failed send un-claims."""
    try:
        with transaction.atomic():
            SentReminder.objects.create(
                round=rnd, jurisdiction=p.jurisdiction, rule=rule, user=user, sent_at=timezone.now()
            )
            # In the language the person chose in the switcher (the default if none).
            with translation.override(user.language or settings.LANGUAGE_CODE):
                subject, body = _message(rnd, rule, p)
            send_mail(subject, body, None, [user.email])
    except IntegrityError:  # already sent by an earlier (or a concurrent) run
        return False
    return True


def send_due_reminders(today: datetime.date | None = None) -> int:
    """Remind the NCPOCs of every jurisdiction that has not answered; how many e-mails went."""
    today = today or timezone.localdate()
    sent = 0
    for rnd in ReviewRound.objects.filter(state=ReviewRound.State.OPEN, opens_on__lte=today):
        rule = rule_for(rnd, today)
        if rule is None:
            continue
        waiting = {
            p.jurisdiction.pk: p for p in progress.compute(rnd) if p.state not in progress.ANSWERED
        }
        grants = RoleGrant.objects.filter(
            role=Role.NCPOC, jurisdiction__in=rnd.jurisdictions.all(), user__is_active=True
        ).select_related("user")
        for grant in grants:
            p = waiting.get(grant.jurisdiction_id)
            if p is not None and _send_once(rnd, rule, p, grant.user):
                sent += 1
    return sent
