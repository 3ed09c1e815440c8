import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ictspace import access
from ictspace.catalogue.models import Library
from ictspace.directory.models import Jurisdiction
from ictspace.releases.actions import do_publish_release
from ictspace.releases.models import Release


class Command(BaseCommand):
    help = "Publish a release of every (or the named) library and jurisdiction as of a date."

    def add_arguments(self, parser):
        parser.add_argument("--title", default="")
        parser.add_argument("--as-of", type=datetime.date.fromisoformat, default=None)
        parser.add_argument("--library", action="append", default=[], help="slug (repeatable)")
        parser.add_argument("--jurisdiction", action="append", default=[], help="code")
        parser.add_argument(
            "--if-none", action="store_true", help="only when nothing was published yet (demo)"
        )

    def handle(self, *args, title, as_of, library, jurisdiction, if_none, **options):
        if if_none and Release.objects.exists():
            return
        as_of = as_of or timezone.localdate()
        libraries = Library.objects.filter(slug__in=library) if library else Library.objects.all()
        places = Jurisdiction.objects.all()
        if jurisdiction:
            places = places.filter(code__in=jurisdiction)
        try:
            release = do_publish_release(
                title=title or f"Release as of {as_of.isoformat()}",
                as_of=as_of,
                libraries=libraries,
                jurisdictions=places,
                acting_user=access.SYSTEM,
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        self.stdout.write(f"release {release.number} published as of {as_of.isoformat()}")
