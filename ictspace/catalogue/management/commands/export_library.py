import sys

from django.core.management.base import BaseCommand, CommandError

from ictspace.catalogue.exports import EXPORTERS
from ictspace.catalogue.models import Library


class Command(BaseCommand):
    help = "Write a loaded library as JSON, YAML or XLSX (to standard output or --output)."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--format", choices=sorted(EXPORTERS), default="json")
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")

    def handle(self, *args, slug, format, output, **options):
        if not Library.objects.filter(slug=slug).exists():
            known = ", ".join(Library.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(f"No library {slug!r} is loaded (loaded: {known}).")
        data = EXPORTERS[format](slug)
        if output:
            with open(output, "wb") as fh:
                fh.write(data)
        elif format == "xlsx":
            raise CommandError("XLSX is binary: give --output FILE.")
        else:
            sys.stdout.buffer.write(data)
