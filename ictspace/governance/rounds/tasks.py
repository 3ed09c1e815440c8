"""Background tasks of review rounds, enqueued by the scheduler (see apps.py)."""

from django_tasks import task

from ictspace.governance.rounds.reminders import send_due_reminders


@task()
def send_round_reminders() -> int:
    return send_due_reminders()
