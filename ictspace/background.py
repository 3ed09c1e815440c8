"""Background task records whose worker is gone: found, listed, and closed as failed.

django-tasks' database backend marks a record RUNNING when a worker claims it and closes
it when the task returns or raises. A worker killed in between (kill -9, the kernel's
out-of-memory killer, a host restart) leaves the record RUNNING for ever: the backend has
no heartbeat. A record still running ORPHANED_AFTER after it started is taken as lost;
a stalled upload's own records are closed as soon as its uploader retries it.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ictspace import access
from ictspace.audit.log import diff, record

# Far longer than any task runs (a million-row apply takes under a minute).
ORPHANED_AFTER = datetime.timedelta(hours=1)
LOST = "ictspace.background.WorkerLost"  # shown where an exception's class would be


def orphaned(*, older_than: datetime.timedelta = ORPHANED_AFTER, now=None):
    """Records still RUNNING `older_than` after they started."""
    now = now or timezone.now()
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=now - older_than
    ).order_by("started_at")


def running_for(task_path: str, first_argument) -> object:
    """The RUNNING records of one task whose first argument is the given one (a job's id)."""
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, task_path=task_path, args_kwargs__args__0=first_argument
    )


def mark_lost(records) -> int:
    """Close RUNNING records as failed, saying why; one conditional UPDATE."""
    return records.filter(status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED,
        finished_at=timezone.now(),
        exception_class_path=LOST,
        traceback=_("The worker running this task stopped before it finished."),
    )


@transaction.atomic
def do_release_orphaned_tasks(
    *, older_than: datetime.timedelta = ORPHANED_AFTER, acting_user
) -> list[DBTaskResult]:
    """Close every orphaned record as failed; one audit entry each. Returns them."""
    if not access.can_release_orphaned_tasks(acting_user):
        raise PermissionDenied
    lost = list(orphaned(older_than=older_than).select_for_update())
    for task_record in lost:
        if mark_lost(DBTaskResult.objects.filter(pk=task_record.pk)):
            record(
                actor=acting_user,
                action="release_orphaned_task",
                obj=task_record,
                changes=diff(
                    {"status": TaskResultStatus.RUNNING},
                    {"status": TaskResultStatus.FAILED},
                ),
            )
    return lost
