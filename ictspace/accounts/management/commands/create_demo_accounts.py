from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ictspace.accounts.demo import DEMO_PASSWORD, ensure_demo_cast


class Command(BaseCommand):
    help = "Create one demonstration account per role (demo instances only) and print them."

    def handle(self, *args, **options):
        if not settings.DEMO:
            raise CommandError("Set ICTSPACE_DEMO=true: demo accounts never exist in production.")
        rows = ensure_demo_cast()
        self.stdout.write(f"Demonstration logins (password for all: {DEMO_PASSWORD})")
        for email, label in rows:
            self.stdout.write(f"  {label:34} {email}")
