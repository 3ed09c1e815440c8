import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from ictspace.scheduling import registry
from ictspace.scheduling.models import PeriodicRun

pytestmark = pytest.mark.django_db


class _Task:
    def __init__(self):
        self.enqueued = 0

    def enqueue(self):
        self.enqueued += 1


@pytest.fixture
def job(monkeypatch):
    task = _Task()
    monkeypatch.setattr(registry, "JOBS", {})
    registry.register("test.job", task, every=datetime.timedelta(hours=1))
    return task


def test_a_due_job_is_enqueued_once_per_interval(job):
    now = timezone.now()
    assert registry.run_due(now) == ["test.job"]
    assert registry.run_due(now) == []  # a second scheduler at the same moment: nothing
    assert registry.run_due(now + datetime.timedelta(minutes=59)) == []
    assert registry.run_due(now + datetime.timedelta(hours=1)) == ["test.job"]
    assert job.enqueued == 2
    assert PeriodicRun.objects.get(name="test.job").runs == 2


def test_of_two_claims_only_one_wins(job):
    now = timezone.now()
    entry = registry.JOBS["test.job"]
    assert [registry.claim(entry, now), registry.claim(entry, now)] == [True, False]


def test_the_command_enqueues_the_due_jobs(job, capsys):
    call_command("scheduler")
    assert "enqueued test.job" in capsys.readouterr().out
    assert job.enqueued == 1


def test_governance_registers_its_reminders():
    assert "governance.round_reminders" in registry.JOBS
