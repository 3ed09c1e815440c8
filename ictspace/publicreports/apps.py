import datetime

from django.apps import AppConfig


class PublicReportsConfig(AppConfig):
    name = "ictspace.publicreports"

    def ready(self):
        from ictspace.publicreports.tasks import purge_expired_public_reports
        from ictspace.scheduling.registry import register

        # Daily is enough: the retention period is counted in days.
        register(
            "publicreports.purge",
            purge_expired_public_reports,
            every=datetime.timedelta(days=1),
        )
