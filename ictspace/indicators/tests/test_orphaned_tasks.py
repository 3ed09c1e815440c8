"""Issue 11.10: a task record left RUNNING by a killed worker is found, listed and closed
as failed, by the operator's command or when the stalled upload is retried."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ictspace import background
from ictspace.audit.models import AuditEntry
from ictspace.indicators import tasks
from ictspace.indicators.imports import actions as imports
from ictspace.indicators.models import ImportJob
from ictspace.indicators.tests.helpers_imports import latest_job, row, tidy_csv, upload

pytestmark = pytest.mark.django_db
RUNNING, FAILED = TaskResultStatus.RUNNING, TaskResultStatus.FAILED


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


def _claimed(task, *args, minutes_ago: int) -> DBTaskResult:
    """A record as django-tasks' database worker leaves it once it has claimed the task."""
    started = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    return DBTaskResult.objects.create(
        status=RUNNING,
        started_at=started,
        run_after=started,
        args_kwargs={"args": list(args), "kwargs": {}},
        task_path=task.module_path,
        backend_name="default",
        worker_ids=["worker-1"],
        exception_class_path="",
        traceback="",
    )


def test_the_task_paths_named_by_the_retry_are_the_tasks():
    assert (tasks.read_import.module_path, tasks.apply_import.module_path) == imports.TASK_PATHS


def test_the_command_lists_and_closes_only_the_orphaned_records(directory):
    lost = _claimed(tasks.read_import, 41, minutes_ago=90)
    busy = _claimed(tasks.read_import, 42, minutes_ago=5)
    out = io.StringIO()
    call_command("release_orphaned_tasks", "--dry-run", stdout=out)
    assert str(lost.pk) in out.getvalue() and str(busy.pk) not in out.getvalue()
    assert "1 orphaned task record(s) would close." in out.getvalue()
    assert DBTaskResult.objects.get(pk=lost.pk).status == RUNNING
    out = io.StringIO()
    call_command("release_orphaned_tasks", stdout=out)
    assert "1 orphaned task record(s) closed as failed." in out.getvalue()
    lost.refresh_from_db()
    busy.refresh_from_db()
    assert (lost.status, busy.status) == (FAILED, RUNNING)
    assert lost.finished_at is not None and lost.exception_class_path == background.LOST
    assert "stopped before it finished" in lost.traceback
    entry = AuditEntry.objects.get(action="release_orphaned_task")
    assert entry.object_id == str(lost.pk) and entry.changes == {"status": [RUNNING, FAILED]}
    # Again: nothing left to close, nothing audited twice.
    call_command("release_orphaned_tasks", stdout=io.StringIO())
    assert AuditEntry.objects.filter(action="release_orphaned_task").count() == 1


def test_the_age_is_an_option(directory):
    record = _claimed(tasks.apply_import, 7, 1, minutes_ago=20)
    call_command("release_orphaned_tasks", stdout=io.StringIO())
    assert DBTaskResult.objects.get(pk=record.pk).status == RUNNING
    call_command("release_orphaned_tasks", "--older-than", "15", stdout=io.StringIO())
    assert DBTaskResult.objects.get(pk=record.pk).status == FAILED


@pytest.mark.parametrize("state", [ImportJob.State.READING, ImportJob.State.APPLYING])
def test_retrying_a_stalled_upload_closes_its_dead_workers_record(
    cast, client_for, loaded_libraries, state
):
    client = client_for(cast["ncpoc"])
    upload(client, tidy_csv([row()]))
    job = latest_job()
    stopped = timezone.now() - imports.STALE_AFTER - datetime.timedelta(minutes=1)
    ImportJob.objects.filter(pk=job.pk).update(state=state, touched_at=stopped)
    task = tasks.apply_import if state == ImportJob.State.APPLYING else tasks.read_import
    dead = _claimed(
        task, job.pk, *([cast["ncpoc"].pk] if task is tasks.apply_import else []), minutes_ago=16
    )
    other = _claimed(task, job.pk + 1, minutes_ago=16)  # another upload's: left alone
    assert client.post(reverse("indicators:import_retry", args=[job.pk])).status_code == 302
    dead.refresh_from_db()
    other.refresh_from_db()
    assert (dead.status, other.status) == (FAILED, RUNNING)
    assert dead.exception_class_path == background.LOST
