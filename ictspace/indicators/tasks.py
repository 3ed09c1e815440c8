"""Background tasks of spreadsheet uploads (django-tasks; inline in tests).

The pages enqueue them and poll the job's progress; the work itself is in `imports`.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django_tasks import task

from ictspace.access import SYSTEM
from ictspace.indicators.imports import actions as imports
from ictspace.indicators.models import ImportJob


@task()
def read_import(job_id: int) -> str:
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None:
        return "missing"
    return imports.do_read_import(job, acting_user=SYSTEM).state


@task()
def apply_import(job_id: int, user_id: int) -> str:
    job = ImportJob.objects.filter(pk=job_id).first()
    user = get_user_model().objects.filter(pk=user_id).first()
    if job is None or user is None:
        return "missing"
    try:
        return imports.do_apply_import(job, acting_user=user).state
    except (PermissionDenied, ValidationError):
        # Only the uploader queues an apply and only once; if that no longer holds the
        # job is left as it is, and the page shows its state.
        return "refused"
