from django.core.management.base import BaseCommand, CommandError

from ictspace.demo.loader import DemoDataRefused, load_demo_data


class Command(BaseCommand):
    help = "Load the demonstration data set (ICTSPACE_DEMO=true only); idempotent."

    def handle(self, *args, **options):
        try:
            summary = load_demo_data()
        except DemoDataRefused as refused:
            raise CommandError(str(refused)) from None
        counts = ", ".join(f"{n} {what}" for what, n in summary.counts.items())
        verb = "Loaded" if summary.created else "Already loaded"
        self.stdout.write(f"{verb}: demonstration data ({counts})")
