"""Every write of a spreadsheet upload: store it, read it into a preview, apply or discard it.

The upload goes queued → reading → preview → applying → applied (or failed, or discarded).
Reading and applying run as background tasks (`indicators.tasks`); the management command
`import_observations` and the benchmark call the same functions.
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ictspace import access, background, dbstats
from ictspace.audit.log import diff, record
from ictspace.files import kinds, names, storage
from ictspace.indicators.imports import files as import_files
from ictspace.indicators.imports.files import FileProblem
from ictspace.indicators.imports.outcome import CHANGED, NEW, UNCHANGED, Outcome
from ictspace.indicators.imports.replay import Drifted, Replay, basis
from ictspace.indicators.imports.rows import Checker
from ictspace.indicators.imports.store import Inserter, OutlierCheck
from ictspace.indicators.models import ImportJob, Observation

logger = logging.getLogger(__name__)
State = ImportJob.State
PROGRESS_EVERY = 5000  # rows between two progress updates (one cheap UPDATE each)
# Kept here for the callers that name it with the import functions.
STALE_AFTER = ImportJob.STALE_AFTER
# The tasks that take a job's id first (`indicators.tasks`, which imports this module).
TASK_PATHS = ("ictspace.indicators.tasks.read_import", "ictspace.indicators.tasks.apply_import")


# Upload ---------------------------------------------------------------------------------


@transaction.atomic
def do_upload_import(*, jurisdiction, uploaded_file, acting_user) -> ImportJob:
    """Store the file privately with its hash and queue it for reading. Audited."""
    if not access.can_submit_observations(acting_user, jurisdiction):
        raise PermissionDenied
    try:
        kind = kinds.inspect(uploaded_file, kinds.SPREADSHEET).extension
    except ValidationError as exc:
        raise ValidationError({"file": exc.error_list}) from None
    name = names.safe_download_name(getattr(uploaded_file, "name", ""), kind)
    job = ImportJob(
        jurisdiction=jurisdiction,
        uploaded_by=acting_user,
        created_at=timezone.now(),
        original_name=name,
        file_format=kind,
        sha256=kinds.sha256_of(uploaded_file),
        size=uploaded_file.size,
        state=State.QUEUED,
        touched_at=timezone.now(),
    )
    with storage.stored(uploaded_file, sha256=job.sha256) as stored:
        job.file.name = stored
        job.save()
        record(
            actor=acting_user,
            action="upload_import",
            obj=job,
            changes=diff({}, {"file": name, "sha256": job.sha256, "size": job.size}),
        )
    return job


# Reading into a preview -----------------------------------------------------------------


def _pass(job: ImportJob, raw, checker: Checker, *, on_row=None, on_progress=None) -> Outcome:
    """One pass over the stored file: every row checked and classified."""
    outcome = Outcome(basis=basis(checker, raw))
    with import_files.rows(raw, job.file_format) as opened:
        total, rows = opened
        if on_progress:
            on_progress(0, total)
        for number, cells in rows:
            outcome.rows_read += 1
            row = checker.check(number, cells, outcome, keep=on_row is not None)
            if row is not None and on_row is not None:
                on_row(row)
            if on_progress and outcome.rows_read % PROGRESS_EVERY == 0:
                on_progress(outcome.rows_read, total)
    if not outcome.rows_read:
        raise FileProblem(_("The file has a header but no rows."))
    return outcome


def _raw(stored):
    """The storage's own file object under Django's wrapper (its proxies cost per read)."""
    inner = getattr(stored, "file", stored)
    return getattr(inner, "file", inner)


def _progress(job: ImportJob):
    def report(done: int, total: int | None) -> None:
        fields = {"processed_rows": done, "touched_at": timezone.now()}
        if total is not None and done == 0:
            fields["total_rows"] = total
        elif total is not None and done > total:
            fields["total_rows"] = done  # the line count was an estimate
        ImportJob.objects.filter(pk=job.pk).update(**fields)

    return report


def do_read_import(job: ImportJob, *, acting_user) -> ImportJob:
    """Check every row and store a preview (counts, first errors, a sample of each kind).

    Deliberately not one transaction: the progress updates must be visible to the page
    while the file is read. The final state is written at once; nothing else changes.
    """
    if not access.can_read_uploads(acting_user):
        raise PermissionDenied
    claimed = ImportJob.objects.filter(pk=job.pk, state=State.QUEUED).update(
        state=State.READING, processed_rows=0, touched_at=timezone.now()
    )
    job.refresh_from_db()
    if not claimed:
        return job  # read already, being read, or discarded
    try:
        with job.file.open("rb") as stored:
            checker = Checker(job, user=job.uploaded_by)
            outcome = _pass(job, _raw(stored), checker, on_progress=_progress(job))
    except FileProblem as problem:
        return _finish(job, state=State.FAILED, failure=str(problem))
    except Exception:
        logger.exception("reading import %s failed", job.pk)
        _finish(job, state=State.FAILED, failure=_("The file could not be read."))
        raise
    return _finish(job, state=State.PREVIEW, outcome=outcome)


def _finish(job: ImportJob, *, state: str, outcome: Outcome | None = None, failure: str = ""):
    job.state = state
    job.failure = failure
    job.touched_at = timezone.now()
    fields = ["state", "failure", "touched_at"]
    if outcome is not None:
        job.counts = outcome.as_counts()
        job.errors = outcome.errors
        job.sample = outcome.sample
        job.processed_rows = outcome.rows_read
        job.total_rows = outcome.rows_read
        job.basis = outcome.basis
        fields += ["counts", "errors", "sample", "processed_rows", "total_rows", "basis"]
    with transaction.atomic():
        job.save(update_fields=fields)
    return job


# Applying -------------------------------------------------------------------------------


@transaction.atomic
def do_queue_apply(job: ImportJob, *, acting_user) -> ImportJob:
    """Mark a clean preview as being applied (once: a second click changes nothing)."""
    if not access.can_manage_import(acting_user, job):
        raise PermissionDenied
    job.refresh_from_db()
    if not job.is_applicable:
        raise ValidationError(_("This upload cannot be applied: it has errors or nothing new."))
    ImportJob.objects.filter(pk=job.pk, state=State.PREVIEW).update(
        state=State.APPLYING, failure="", touched_at=timezone.now()
    )
    job.refresh_from_db()
    return job


class _Rejected(Exception):
    def __init__(self, outcome: Outcome | None = None, reason: str = ""):
        super().__init__(reason)
        self.outcome = outcome
        self.reason = reason


def do_apply_import(job: ImportJob, *, acting_user) -> ImportJob:
    """Add the file's new and changed values as submitted, checking its rows again if need be.

    One transaction: every value or none. The rows are checked again unless the stored
    file and everything the preview's checks depended on are unchanged (`replay`). If a
    row is wrong now (the data or the rules changed since the preview), nothing is added
    and the job returns to its preview with the new errors. One audit entry for the upload.
    """
    if not access.can_manage_import(acting_user, job):
        raise PermissionDenied
    try:
        try:
            with transaction.atomic():
                return _apply(job, acting_user, trust_preview=True)
        except Drifted:  # cannot happen while the basis is complete: check every row, then
            logger.warning("import %s no longer reads as its preview; checking again", job.pk)
            with transaction.atomic():
                return _apply(job, acting_user, trust_preview=False)
    except _Rejected as rejected:
        return _back_to_preview(job, rejected.outcome, rejected.reason)
    except (ValidationError, PermissionDenied):
        raise
    except Exception:
        logger.exception("applying import %s failed", job.pk)
        _back_to_preview(job, None, _("Applying failed unexpectedly; nothing was added."))
        raise


def _apply(job: ImportJob, acting_user, *, trust_preview: bool) -> ImportJob:
    job = ImportJob.objects.select_for_update().select_related("jurisdiction").get(pk=job.pk)
    if job.state not in ImportJob.APPLICABLE:
        raise ValidationError(
            _("This upload is %(s)s; it cannot be applied.") % {"s": job.get_state_display()}
        )
    if not access.can_submit_observations(acting_user, job.jurisdiction):
        raise _Rejected(reason=_("You may no longer submit values for this jurisdiction."))
    now = timezone.now()
    inserter = Inserter(connection, job=job, author=acting_user, now=now)
    outliers = OutlierCheck(job.jurisdiction_id)

    def add(row):
        if row.status in (NEW, CHANGED):
            inserter.add(row, outlier=outliers.is_outlier(row))

    # Every row's place was the job's jurisdiction at the preview, so the uploader's right
    # to it checked above is the only per-row permission; the rest is in the basis.
    try:
        checker = Replay(job, user=acting_user)
        with job.file.open("rb") as stored:
            raw = _raw(stored)
            if trust_preview and job.basis and basis(checker, raw) == job.basis:
                outcome = _replay(job, raw, checker, inserter, outliers)
            else:
                outcome = _pass(job, raw, checker, on_row=add)
    except FileProblem as problem:
        raise _Rejected(reason=str(problem)) from None
    if outcome.error_rows:
        raise _Rejected(outcome)
    inserter.flush()
    _applied(job, outcome, now=now, added=inserter.count)
    record(
        actor=acting_user,
        action="apply_import",
        obj=job,
        changes=diff({}, _applied_changes(job, outcome, added=inserter.count)),
    )
    # Up to a million rows more: plans must know, but the uploader need not wait for it.
    dbstats.analyse_in_background(Observation)
    return job


def _replay(job: ImportJob, raw, checker: Replay, inserter, outliers) -> Outcome:
    """The rows inserted as the preview classified them; its counts and sample stand."""
    outcome = Outcome(basis=job.basis, sample=job.sample, rechecked=False)
    outcome.counts.update(job.counts)
    compare = bool(job.counts.get(UNCHANGED))
    outliers.load()
    with import_files.rows(raw, job.file_format) as (_total, records):
        inserter.add_many(checker.values(records, compare=compare, outliers=outliers))
    outcome.rows_read = checker.rows_read
    return outcome


def _applied(job: ImportJob, outcome: Outcome, *, now, added: int) -> None:
    job.state = State.APPLIED
    job.failure = ""
    job.applied_at = now
    job.applied_count = added
    job.counts = outcome.as_counts()
    job.errors = []
    job.sample = outcome.sample
    job.processed_rows = job.total_rows = outcome.rows_read
    job.save(
        update_fields=[
            "state",
            "failure",
            "applied_at",
            "applied_count",
            "counts",
            "errors",
            "sample",
            "processed_rows",
            "total_rows",
        ]
    )


def _applied_changes(job: ImportJob, outcome: Outcome, *, added: int) -> dict:
    counts = outcome.as_counts()
    return {
        "file": job.original_name,
        "sha256": job.sha256,
        "jurisdiction": job.jurisdiction.code,
        "added": added,
        "new": counts[NEW],
        "changed": counts[CHANGED],
        "unchanged": counts[UNCHANGED],
        # Whether the rows were checked again, or the preview's checks still held.
        "checked_again": outcome.rechecked,
    }


def _back_to_preview(job: ImportJob, outcome: Outcome | None, reason: str) -> ImportJob:
    job.refresh_from_db()
    if job.state not in ImportJob.APPLICABLE:
        return job
    return _finish(job, state=State.PREVIEW, outcome=outcome, failure=reason)


# A stalled background job ----------------------------------------------------------------


@transaction.atomic
def do_retry_import(job: ImportJob, *, acting_user) -> str:
    """Queue a stalled read or apply again; returns which. Audited.

    Safe to repeat: a read starts over from the file, and an apply is one transaction, so
    a stopped one left nothing behind.
    """
    if not access.can_manage_import(acting_user, job):
        raise PermissionDenied
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if not job.is_stalled():
        raise ValidationError(_("This upload is not stalled; there is nothing to retry."))
    step = "apply" if job.state == State.APPLYING else "read"
    state = State.APPLYING if step == "apply" else State.QUEUED
    now = timezone.now()
    ImportJob.objects.filter(pk=job.pk).update(state=state, touched_at=now)
    # The stopped worker's task record still says RUNNING: close it, so that the task
    # list agrees with the job (the retry queues a new record).
    for path in TASK_PATHS:
        background.mark_lost(background.running_for(path, job.pk))
    # The state often stays (a stalled apply is applied again): say what was retried
    # and since when it had stalled, never an empty record.
    old = {"retried": None, "state": job.state, "touched_at": job.touched_at}
    new = {"retried": step, "state": state, "touched_at": now}
    record(actor=acting_user, action="retry_import", obj=job, changes=diff(old, new))
    return step


# Discarding -----------------------------------------------------------------------------


@transaction.atomic
def do_discard_import(job: ImportJob, *, acting_user) -> ImportJob:
    """The uploader drops an upload that is not being read or applied. Audited."""
    if not access.can_manage_import(acting_user, job):
        raise PermissionDenied
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.state == State.DISCARDED:
        return job
    if job.state not in ImportJob.DISCARDABLE:
        raise ValidationError(
            _("This upload is %(s)s; it cannot be discarded.") % {"s": job.get_state_display()}
        )
    old, stored = job.state, job.file.name
    job.state = State.DISCARDED
    job.file = ""  # the figures were never applied: their file goes (below)
    job.save(update_fields=["state", "file"])
    record(
        actor=acting_user,
        action="discard_import",
        obj=job,
        changes=diff({"state": old}, {"state": job.state}),
    )
    # Once the discard is committed, unless another row stores the same bytes. The job
    # row and the audit entry keep the file's original name and SHA-256.
    storage.delete_on_commit(stored)
    return job
