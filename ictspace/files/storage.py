"""Private files stored by SHA-256 on Django's storage API: one stored object per content.

The backend is the "private" entry of STORAGES (the file system under MEDIA_ROOT by
default; an S3-compatible object store by settings alone, see docs/deployment.md). A
blob is named by its hash, written once, and deleted only when no row refers to it.
"""

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.apps import apps
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.db import connection, transaction
from django.db.models import FileField
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty

STORAGE = "private"  # the key in settings.STORAGES


class _PrivateStorage(LazyObject):
    """The configured backend, looked up on first use and again after STORAGES changes."""

    def _setup(self):
        self._wrapped = storages[STORAGE]


private = _PrivateStorage()


def private_storage():
    """For `FileField(storage=private_storage)`: migrations record the callable, not a path."""
    return private


@receiver(setting_changed)
def _forget_backend(*, setting, **kwargs):
    if setting == "STORAGES":
        private._wrapped = empty


def blob_name(sha256: str) -> str:
    """Where the bytes of this hash live; the name a file arrived with plays no part."""
    return f"blobs/{sha256[:2]}/{sha256}"


def content_path(instance, filename: str) -> str:
    """An `upload_to` for models with a `sha256` field."""
    return blob_name(instance.sha256)


@contextmanager
def stored(file, *, sha256: str) -> Iterator[str]:
    """The blob's name, for a block that saves the rows using it. Call inside their transaction.

    The bytes are written before the row, so a committed row always has its bytes. If the
    block fails, a blob this call wrote is removed again; the blob lock keeps a concurrent
    upload of the same bytes from reusing it meanwhile. (If an enclosing transaction rolls
    back later, the blob stays: private, never served without a row, and reused by the
    next upload of the same bytes.)
    """
    name = blob_name(sha256)
    lock_blob(name)
    created = not private.exists(name)
    if created:
        private.save(name, file)
    try:
        yield name
    except BaseException:
        if created:
            private.delete(name)
        raise


def lock_blob(name: str) -> None:
    """Serialise writers and deleters of one blob until their transactions end.

    SQLite already runs one write transaction at a time (BEGIN IMMEDIATE); PostgreSQL
    needs a transaction-level advisory lock keyed on the name.
    """
    if connection.vendor == "postgresql":
        key = int(hashlib.sha256(name.encode()).hexdigest()[:15], 16)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def delete_on_commit(name: str) -> None:
    """Once the transaction commits, delete the blob unless a row still refers to it."""
    if name:
        transaction.on_commit(lambda: _delete_if_unused(name))


def _delete_if_unused(name: str) -> None:
    with transaction.atomic():
        lock_blob(name)
        if not is_referenced(name):
            private.delete(name)


def is_referenced(name: str) -> bool:
    """Whether any row of any model keeps this blob in a private file field."""
    return any(
        model._default_manager.filter(**{field: name}).exists() for model, field in _file_fields()
    )


def _file_fields() -> Iterator[tuple]:
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, FileField) and field.storage is private:
                yield model, field.name
