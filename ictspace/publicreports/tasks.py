"""Background tasks of the public reports, enqueued by the scheduler (see apps.py)."""

from django_tasks import task

from ictspace import access
from ictspace.publicreports.actions import do_purge_public_reports


@task()
def purge_expired_public_reports() -> int:
    return do_purge_public_reports(acting_user=access.SYSTEM)
