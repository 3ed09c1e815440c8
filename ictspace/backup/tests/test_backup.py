"""Backup and restore lose nothing: every table row by row, every file by SHA-256.

The archive is restored by another process into a new, empty instance (an SQLite file
or a new PostgreSQL database, as the suite runs), like an operator would.
"""

import datetime
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress, EmailConfirmation
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ictspace.backup.checksums import table_checksums
from ictspace.catalogue.models import Indicator, Item
from ictspace.conftest import OWN, _load_reference_data
from ictspace.demo.models import DemoDataSet
from ictspace.directory.models import ContactChannel, Jurisdiction, Person
from ictspace.governance.contacts.actions import do_record_reachability_test
from ictspace.governance.meetings.actions import do_record_decision
from ictspace.governance.rounds.actions import do_close_round, do_open_round
from ictspace.governance.rounds.reminders import send_due_reminders
from ictspace.indicators.actions import do_set_target
from ictspace.scheduling import registry as scheduling
from ictspace.tests.objects import CORE, IWP, build_objects, make_cast

ROOT = Path(__file__).resolve().parents[3]


def _fill_the_rest(cast, objects) -> None:
    """Rows for the tables the shared test world leaves empty."""
    ncpoc = cast["ncpoc"]
    _fill_governance(cast, objects)
    _fill_sharing(cast)
    do_set_target(
        jurisdiction=Jurisdiction.objects.get(code=OWN),
        indicator=Indicator.objects.get(library__slug=CORE, code="ind-internet"),
        kind="target", period="2030", value="80", comparator=">=", acting_user=ncpoc,
    )  # fmt: skip
    group = Group.objects.create(name="Backup operators")
    group.permissions.add(Permission.objects.first())
    ncpoc.groups.add(group)
    ncpoc.user_permissions.add(Permission.objects.last())
    ContactChannel.objects.create(
        person=Person.objects.first(), kind="email", value="duty@test.example", available_24_7=True
    )
    EmailConfirmation.objects.create(
        email_address=EmailAddress.objects.first(), key=uuid.uuid4().hex, sent=timezone.now()
    )
    DBTaskResult.objects.create(
        args_kwargs={"args": [1], "kwargs": {}}, task_path="ictspace.indicators.tasks.read",
        backend_name="default", run_after=timezone.now(), exception_class_path="", traceback="",
    )  # fmt: skip
    cache.set("backup-test", {"kept": True}, 3600)
    # Demonstration data (issue 12): the marker of a loaded data set.
    DemoDataSet.objects.create(seed=1, loaded_at=timezone.now(), summary={"statuses": 1})


def _fill_sharing(cast) -> None:
    """Sharing: the recipient lists of AMBER+STRICT and RED (the world fills the rest)."""
    from ictspace.directory.models import Organisation
    from ictspace.sharing.actions import do_create_post

    do_create_post(
        kind="lesson", title="Strict", body="B", jurisdiction=Jurisdiction.objects.get(code=OWN),
        label="amber+strict", audience="committee",
        recipient_organisations=[Organisation.objects.get(code="CTU")],
        recipients=[cast["secretariat"]], acting_user=cast["ncpoc"],
    )  # fmt: skip


def _fill_governance(cast, objects) -> None:
    """Links, decisions, reachability tests, reminders, frozen figures, periodic runs."""
    secretariat = cast["secretariat"]
    item = Item.objects.get(library__slug=IWP, ref="3.1.4")
    risk, action = objects["risk"][OWN], objects["action_item"][OWN]
    risk.items.add(item)
    risk.jurisdictions.add(Jurisdiction.objects.get(code=OWN))
    action.items.add(item)
    action.risks.add(risk)
    meeting = objects["meeting"]
    meeting.participants.add(Person.objects.first())
    do_record_decision(meeting, text="Adopt the round's timetable.", acting_user=secretariat)
    channel = ContactChannel.objects.create(
        person=Person.objects.first(), kind="phone", value="+1 246 555 0199", available_24_7=True
    )
    do_record_reachability_test(
        channel=channel, tested_on=timezone.localdate(), reached=True, response_minutes=4,
        acting_user=secretariat,
    )  # fmt: skip
    unanswered = do_open_round(
        title="Status review of 3.1.5", libraries=[item.library],
        items=[Item.objects.get(library__slug=IWP, ref="3.1.5")],
        jurisdictions=[Jurisdiction.objects.get(code=OWN)],
        opens_on=timezone.localdate(), due_on=timezone.localdate() + datetime.timedelta(days=3),
        acting_user=secretariat,
    )  # fmt: skip
    assert send_due_reminders(today=timezone.localdate()) > 0
    do_close_round(unanswered, acting_user=secretariat)
    scheduling.run_due()


def _files(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _database_checksums() -> dict:
    with connection.cursor() as cursor:
        return table_checksums(cursor, connection.vendor)


class _Elsewhere:
    """A new, empty database of the same engine, and how to reach it."""

    def __init__(self, tmp_path: Path):
        self.settings = connection.settings_dict
        self.name = f"ictspace_restored_{uuid.uuid4().hex[:8]}"
        self.sqlite_file = tmp_path / "restored.sqlite3"

    def __enter__(self):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{self.name}"')
        return self

    def __exit__(self, *exc):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    @property
    def url(self) -> str:
        if connection.vendor == "sqlite":
            return f"sqlite:///{self.sqlite_file}"
        s = self.settings
        password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
        return f"postgres://{s['USER']}{password}@{s['HOST']}:{s['PORT']}/{self.name}"

    def checksums(self) -> dict:
        if connection.vendor == "sqlite":
            with sqlite3.connect(self.sqlite_file) as db:
                return table_checksums(db.cursor(), "sqlite")
        import psycopg

        with psycopg.connect(self.url) as db, db.cursor() as cursor:
            return table_checksums(cursor, "postgresql")


def _in_another_process(env: dict, *args: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("ICTSPACE_", "DATABASE_"))}
    clean.update(env, DJANGO_SETTINGS_MODULE="ictspace.settings", ICTSPACE_DEBUG="true")
    return subprocess.run(
        [sys.executable, "-m", "ictspace", *args],
        env=clean, capture_output=True, text=True, cwd=ROOT, timeout=300, check=False,
    )  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_a_restored_instance_is_identical_row_by_row_and_file_by_file(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "source" / "private"
    _load_reference_data()
    cast = make_cast()
    objects = build_objects(cast)
    _fill_the_rest(cast, objects)
    client.force_login(cast["secretariat"])  # a session row
    before = _database_checksums()
    empty = sorted(table for table, sums in before.items() if not sums["rows"])
    assert empty == [], f"give these tables a row in _fill_the_rest: {empty}"
    files_before = _files(settings.MEDIA_ROOT)
    assert len(files_before) >= 4  # evidence and uploads

    archive = tmp_path / "backup.tar"
    call_command("backup", output=archive, stdout=io.StringIO())
    restored_var = tmp_path / "restored"
    with _Elsewhere(tmp_path) as elsewhere:
        env = {"DATABASE_URL": elsewhere.url, "ICTSPACE_VAR_DIR": str(restored_var)}
        result = _in_another_process(env, "restore", str(archive))
        assert result.returncode == 0, result.stderr
        assert "every checksum matches" in result.stdout
        after = elsewhere.checksums()
    assert after == before
    assert _files(restored_var / "private") == files_before


# Refusals: each archive is made by hand, so no database state is needed ------------------


def _archive(path: Path, members: dict[str, bytes], *, manifest=None, drop=()) -> Path:
    listed = {
        name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        for name, data in members.items()
    }
    manifest = manifest or {
        "format": 1, "engine": connection.vendor, "database": "database/dump",
        "members": listed, "tables": {},
    }  # fmt: skip
    with tarfile.open(path, "w") as tar:
        for name, data in {**members, "manifest.json": json.dumps(manifest).encode()}.items():
            if name in drop:
                continue
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


MEMBERS = {"database/dump": b"dump " * 100, "files/blobs/ab/abc": b"evidence " * 100}


def _check(path: Path) -> None:
    call_command("restore", str(path), check=True, stdout=io.StringIO())


def test_an_intact_archive_passes_the_check(tmp_path):
    _check(_archive(tmp_path / "ok.tar", MEMBERS))


def test_a_damaged_file_is_refused(tmp_path):
    path = _archive(tmp_path / "a.tar", MEMBERS)
    data = bytearray(path.read_bytes())
    at = data.index(b"evidence evidence")
    data[at] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="files/blobs/ab/abc is damaged"):
        _check(path)


def test_an_archive_cut_short_is_refused(tmp_path):
    path = _archive(tmp_path / "a.tar", MEMBERS)
    data = path.read_bytes()
    path.write_bytes(data[: data.index(b"evidence evidence") + 20])
    with pytest.raises(CommandError, match=r"incomplete|not a readable"):
        _check(path)


def test_a_missing_member_is_refused(tmp_path):
    path = _archive(tmp_path / "a.tar", MEMBERS, drop=("files/blobs/ab/abc",))
    with pytest.raises(CommandError, match=r"incomplete: missing \['files/blobs/ab/abc'\]"):
        _check(path)


def test_a_name_leading_out_of_the_files_is_refused(tmp_path):
    members = {**MEMBERS, "files/../../etc/cron.d/x": b"* * * * * root true\n"}
    with pytest.raises(CommandError, match="outside its place"):
        _check(_archive(tmp_path / "a.tar", members))


@pytest.mark.django_db
def test_restoring_over_an_instance_with_data_is_refused(tmp_path, directory):
    path = _archive(tmp_path / "a.tar", MEMBERS)
    with pytest.raises(CommandError, match="The database is not empty"):
        call_command("restore", str(path), stdout=io.StringIO())
