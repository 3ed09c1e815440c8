"""The platform's periodic jobs: a django-tasks task and how often it is due.

Apps register their jobs in `AppConfig.ready()`; the `scheduler` command enqueues the
ones that are due. Each job is claimed with one conditional UPDATE on its `PeriodicRun`
row, so two schedulers started at once (two cron hosts, a timer and `make run`) never
both enqueue it: the second finds the row already moved forward and does nothing.
"""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from ictspace.scheduling.models import PeriodicRun


@dataclass(frozen=True)
class Job:
    name: str
    task: object  # a django_tasks Task; enqueued with no arguments
    every: datetime.timedelta


JOBS: dict[str, Job] = {}


def register(name: str, task, *, every: datetime.timedelta) -> None:
    """Declare a periodic job; registering the same name again replaces it (reloads)."""
    JOBS[name] = Job(name=name, task=task, every=every)


def _ensure_row(name: str) -> None:
    try:
        with transaction.atomic():
            PeriodicRun.objects.get_or_create(name=name)
    except IntegrityError:  # another scheduler created it between our read and write
        pass


def claim(job: Job, now: datetime.datetime) -> bool:
    """Mark the job as run at `now` if it is due; True only for the one caller that did."""
    _ensure_row(job.name)
    due = Q(last_run_at__isnull=True) | Q(last_run_at__lte=now - job.every)
    moved = PeriodicRun.objects.filter(due, name=job.name).update(
        last_run_at=now, runs=F("runs") + 1
    )
    return moved == 1


def run_due(now: datetime.datetime | None = None) -> list[str]:
    """Enqueue every due job once; the names of those enqueued."""
    now = now or timezone.now()
    enqueued = []
    for job in list(JOBS.values()):
        if claim(job, now):
            job.task.enqueue()
            enqueued.append(job.name)
    return enqueued
