import datetime
import hashlib

import pytest
from django.core.files.base import ContentFile

from ictspace.catalogue.models import Item
from ictspace.directory.models import Jurisdiction
from ictspace.files import storage
from ictspace.files.tests.samples import upload
from ictspace.indicators import imports
from ictspace.indicators.models import ImportJob
from ictspace.tracking import actions
from ictspace.tracking.evidence import actions as evidence_actions

CSV = b"jurisdiction,status\nBarbados,in progress\n"
DIGEST = hashlib.sha256(CSV).hexdigest()


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


def _stored_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.mark.django_db
def test_same_content_is_stored_once(settings):
    with storage.stored(upload("a.csv", CSV), sha256=DIGEST) as first:
        pass
    with storage.stored(upload("b.csv", CSV), sha256=DIGEST) as second:
        pass
    assert first == second == f"blobs/{DIGEST[:2]}/{DIGEST}"
    assert _stored_files(settings) == [settings.MEDIA_ROOT / first]
    assert (settings.MEDIA_ROOT / first).read_bytes() == CSV


@pytest.mark.django_db
def test_a_failed_block_removes_only_the_blob_it_wrote(settings):
    with storage.stored(upload("kept.csv", CSV), sha256=DIGEST) as kept:
        pass
    with pytest.raises(RuntimeError), storage.stored(upload("again.csv", CSV), sha256=DIGEST):
        raise RuntimeError("the row could not be saved")
    assert storage.private.exists(kept)
    other = b"other,content\n"
    digest = hashlib.sha256(other).hexdigest()
    with pytest.raises(RuntimeError), storage.stored(upload("new.csv", other), sha256=digest):
        raise RuntimeError("the row could not be saved")
    assert _stored_files(settings) == [settings.MEDIA_ROOT / kept]


@pytest.mark.django_db  # the blob lock is a query on PostgreSQL
def test_another_backend_is_configured_through_storages(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    from django.core.files.storage import InMemoryStorage

    with storage.stored(upload("a.csv", CSV), sha256=DIGEST) as name:
        pass
    assert isinstance(storage.private._wrapped, InMemoryStorage)
    job = ImportJob(sha256=DIGEST, file=name)  # a model's field reads the same backend
    with job.file.open("rb") as handle:
        assert handle.read() == CSV
    assert _stored_files(settings) == []  # nothing went to the disk


def test_a_file_stored_before_content_addressing_still_opens(settings):
    legacy = settings.MEDIA_ROOT / "imports" / "2025" / "01" / "values.csv"
    legacy.parent.mkdir(parents=True)
    legacy.write_bytes(CSV)
    job = ImportJob(sha256=DIGEST, file="imports/2025/01/values.csv")
    with job.file.open("rb") as handle:
        assert handle.read() == CSV


def test_saving_through_a_field_names_the_blob_by_its_hash(settings):
    job = ImportJob(sha256=DIGEST)
    job.file.save("../../etc/values.csv", ContentFile(CSV), save=False)
    assert job.file.name == storage.blob_name(DIGEST)


@pytest.fixture
def shared_blob(cast, loaded_libraries):
    """One CSV stored once for two rows: an evidence file and an indicator upload."""
    user = cast["ncpoc"]
    barbados = Jurisdiction.objects.get(code="BB")
    draft = actions.do_draft_status_update(
        jurisdiction=barbados,
        item=Item.objects.get(library__slug="single-ict-space-iwp-2017", ref="3.1.4"),
        status="in_progress",
        effective_date=datetime.date(2025, 3, 1),
        acting_user=user,
    )
    item = evidence_actions.do_attach_file(
        draft, uploaded_file=upload("status.csv", CSV), citation="Survey", acting_user=user
    )
    job = imports.do_upload_import(
        jurisdiction=barbados, uploaded_file=upload("values.csv", CSV), acting_user=user
    )
    return item, job


@pytest.mark.django_db
def test_evidence_and_an_upload_share_one_blob(settings, shared_blob):
    item, job = shared_blob
    assert item.file.name == job.file.name == storage.blob_name(DIGEST)
    assert _stored_files(settings) == [settings.MEDIA_ROOT / item.file.name]
    assert storage.is_referenced(item.file.name)


@pytest.mark.django_db
def test_discarding_an_upload_keeps_a_blob_another_row_uses(
    cast, settings, shared_blob, django_capture_on_commit_callbacks
):
    item, job = shared_blob
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        imports.do_discard_import(job, acting_user=cast["ncpoc"])
    assert len(callbacks) == 1  # the deletion was asked for, after the commit
    assert storage.private.exists(item.file.name)
    with item.file.open("rb") as handle:
        assert handle.read() == CSV


@pytest.mark.django_db
def test_discarding_the_last_user_of_a_blob_deletes_it_on_commit(
    cast, loaded_libraries, settings, django_capture_on_commit_callbacks
):
    user = cast["ncpoc"]
    barbados = Jurisdiction.objects.get(code="BB")
    first, second = (
        imports.do_upload_import(
            jurisdiction=barbados, uploaded_file=upload("values.csv", CSV), acting_user=user
        )
        for _ in range(2)
    )
    name = first.file.name
    with django_capture_on_commit_callbacks(execute=True):
        imports.do_discard_import(first, acting_user=user)
    assert storage.private.exists(name)  # the second upload still holds it
    with django_capture_on_commit_callbacks(execute=True):
        imports.do_discard_import(second, acting_user=user)
    assert not storage.private.exists(name)
    assert ImportJob.objects.filter(sha256=DIGEST, original_name="values.csv").count() == 2
