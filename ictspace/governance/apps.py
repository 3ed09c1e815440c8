import datetime

from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "ictspace.governance"

    def ready(self):
        from ictspace.governance.nominations.seats import revoke_ended_seat_grants
        from ictspace.governance.rounds.tasks import send_round_reminders
        from ictspace.scheduling.registry import register

        # Reminders are idempotent (one per rule per person), so hourly only bounds the delay.
        register(
            "governance.round_reminders", send_round_reminders, every=datetime.timedelta(hours=1)
        )
        # A seat given a future end date loses its role grant the day after it ends.
        register(
            "directory.ended_seats", revoke_ended_seat_grants, every=datetime.timedelta(hours=6)
        )
