"""Load a large observations file (CSV or XLSX) through the same path as the upload page."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from ictspace.access import SYSTEM
from ictspace.directory.models import Jurisdiction
from ictspace.indicators.imports import actions as imports


class Command(BaseCommand):
    help = (
        "Upload, read and (with --apply) apply an observations file as USER, exactly as the "
        "upload page does but without its 20 MB limit. Rows are submitted for review."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a tidy CSV or the filled-in XLSX template")
        parser.add_argument("--jurisdiction", required=True, help="directory code, e.g. BB")
        parser.add_argument(
            "--as", dest="user", required=True, help="e-mail of the uploader (an NCPOC)"
        )
        parser.add_argument(
            "--apply",
            action="store_true",
            help="apply when there is no error (default: read and report only)",
        )

    def handle(self, *args, file, jurisdiction, user, apply, **options):
        place = Jurisdiction.objects.filter(code=jurisdiction).first()
        if place is None:
            raise CommandError(f"No jurisdiction with code {jurisdiction!r}.")
        uploader = get_user_model().objects.filter(email__iexact=user).first()
        if uploader is None:
            raise CommandError(f"No user with e-mail {user!r}.")
        try:
            with open(file, "rb") as handle:
                job = imports.do_upload_import(
                    jurisdiction=place, uploaded_file=File(handle, name=file), acting_user=uploader
                )
        except PermissionDenied:
            raise CommandError(f"{user} may not submit values for {place.code}.") from None
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        except OSError as exc:
            raise CommandError(str(exc)) from None
        job = imports.do_read_import(job, acting_user=SYSTEM)
        self._report(job)
        if apply and job.is_applicable:
            job = imports.do_apply_import(job, acting_user=uploader)
            self._report(job)

    def _report(self, job):
        if job.state == job.State.FAILED:
            raise CommandError(f"upload {job.pk}: {job.failure}")
        c = job.counts
        self.stdout.write(
            f"upload {job.pk} {job.get_state_display().lower()}: {c.get('new', 0)} new, "
            f"{c.get('changed', 0)} changed, {c.get('unchanged', 0)} unchanged, "
            f"{c.get('error', 0)} with errors, {c.get('empty', 0)} without a value"
            + (f"; {job.applied_count} added" if job.state == job.State.APPLIED else "")
        )
        for error in job.errors[:50]:
            self.stdout.write(f"  row {error['row']}, {error['column']}: {error['message']}")
        if job.failure:
            self.stdout.write(f"  {job.failure}")
