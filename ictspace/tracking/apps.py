from django.apps import AppConfig
from django.db.models.signals import post_migrate


class TrackingConfig(AppConfig):
    name = "ictspace.tracking"

    def ready(self):
        from ictspace import dbstats

        # Once per migrate (sender: this app), after every app's migrations have run.
        post_migrate.connect(dbstats.after_migrate, sender=self)
