"""Indicators: observations over time, baselines and targets, spreadsheet imports."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ictspace.files.storage import content_path, private_storage
from ictspace.indicators.fields import StoredDecimalField
from ictspace.review.models import Reviewable, ReviewState


class ImportJob(models.Model):
    """One uploaded spreadsheet: parsed in the background, previewed, then applied or not."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to be read")
        READING = "reading", _("Being read")
        PREVIEW = "preview", _("Ready to review")
        APPLYING = "applying", _("Being applied")
        APPLIED = "applied", _("Applied")
        FAILED = "failed", _("Could not be read")
        DISCARDED = "discarded", _("Discarded")

    # Which state allows what: the one definition the actions, access.py and the pages read.
    BUSY = frozenset({State.QUEUED, State.READING, State.APPLYING})  # background work under way
    DISCARDABLE = frozenset({State.QUEUED, State.PREVIEW, State.FAILED})  # nothing was added
    APPLICABLE = frozenset({State.PREVIEW, State.APPLYING})  # a clean preview, or its retry
    # A busy job with no sign of life for this long may be retried: its worker stopped.
    STALE_AFTER = datetime.timedelta(minutes=15)

    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction", on_delete=models.PROTECT, related_name="import_jobs"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="import_jobs"
    )
    created_at = models.DateTimeField()
    # Stored by SHA-256 (ictspace.files); uploads before that keep their imports/%Y/%m/ name.
    file = models.FileField(upload_to=content_path, storage=private_storage, max_length=200)
    original_name = models.CharField(max_length=255)
    file_format = models.CharField(max_length=4)  # csv | xlsx
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    total_rows = models.PositiveIntegerField(null=True, blank=True)
    processed_rows = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict)  # new / changed / unchanged / error
    errors = models.JSONField(default=list)  # the first problems, each naming row and column
    sample = models.JSONField(default=list)  # the first rows of each kind, for the preview
    failure = models.TextField(blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    applied_count = models.PositiveIntegerField(default=0)
    # A digest of the file's bytes and of everything the last full check of its rows
    # depended on (directory, definitions, current values): applying checks every row
    # again only if it moved (`imports.replay`).
    basis = models.CharField(max_length=64, blank=True)
    # The last sign of life of the background work: set when queued, on every progress
    # report and when a state is reached. A busy job that stops moving can be retried.
    touched_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.original_name} ({self.get_state_display()})"

    @property
    def is_busy(self) -> bool:
        return self.state in self.BUSY

    def is_stalled(self, now=None) -> bool:
        """Busy, but no sign of life for a while: the worker may have stopped mid-way."""
        now = now or timezone.now()
        return (
            self.is_busy
            and self.touched_at is not None
            and self.touched_at < now - self.STALE_AFTER
        )

    @property
    def is_applicable(self) -> bool:
        """All or nothing: a preview without a single error and with something to add."""
        counts = self.counts or {}
        return (
            self.state == self.State.PREVIEW
            and not counts.get("error")
            and (counts.get("new", 0) + counts.get("changed", 0)) > 0
        )

    @property
    def has_errors(self) -> bool:
        return bool((self.counts or {}).get("error"))

    @property
    def shown_state(self) -> str:
        """The state a page shows: a preview with errors is not ready for anything."""
        if self.state == self.State.PREVIEW and self.has_errors:
            return "has-errors"
        return self.state

    @property
    def shown_state_label(self) -> str:
        if self.shown_state == "has-errors":
            return gettext("Has errors: correct the file and upload it again")
        return self.get_state_display()

    @property
    def percent_done(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, self.processed_rows * 100 // self.total_rows)


class Observation(Reviewable):
    """A value of an indicator for a jurisdiction, a period and a breakdown. Append-only.

    The value that counts for a (jurisdiction, indicator, period, breakdown) is the latest
    validated observation; a correction is a new observation.
    """

    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction", on_delete=models.PROTECT, related_name="observations"
    )
    # No index of its own: every index below starts with the indicator. With one,
    # SQLite's sampled statistics rated it as good and read whole indicators through it.
    indicator = models.ForeignKey(
        "catalogue.Indicator",
        on_delete=models.PROTECT,
        related_name="observations",
        db_index=False,
    )
    period = models.CharField(_("period"), max_length=7)  # 2024, 2024-S1, 2024-Q3, 2024-03
    period_start = models.DateField()
    period_end = models.DateField()
    disaggregation = models.CharField(_("breakdown"), max_length=80, blank=True)
    value_number = StoredDecimalField(max_digits=24, decimal_places=6, null=True, blank=True)
    value_text = models.CharField(max_length=200, blank=True)
    source = models.TextField(_("source"), blank=True)
    note = models.TextField(_("note"), blank=True)
    # A value is submitted as it is entered: there is no draft of a figure.
    review_state = models.CharField(
        _("review state"),
        max_length=10,
        choices=ReviewState.choices,
        default=ReviewState.SUBMITTED,
    )
    outlier = models.BooleanField(_("far outside this jurisdiction's own history"), default=False)
    import_job = models.ForeignKey(
        ImportJob, null=True, blank=True, on_delete=models.PROTECT, related_name="observations"
    )

    class Meta(Reviewable.Meta):
        # No default ordering: every read says the order it needs (issue 17).
        indexes = [
            models.Index(
                fields=["indicator", "jurisdiction", "period", "disaggregation"],
                condition=models.Q(review_state="validated"),
                name="validated_observation_idx",
            ),
            # A series' newest and oldest periods, one seek each (indicators.seeks).
            models.Index(
                fields=[
                    "indicator",
                    "jurisdiction",
                    "disaggregation",
                    "period_start",
                    "period",
                    "id",
                ],
                condition=models.Q(review_state="validated"),
                name="validated_by_start_idx",
            ),
            models.Index(
                fields=[
                    "indicator",
                    "jurisdiction",
                    "disaggregation",
                    "period_end",
                    "period_start",
                    "period",
                    "id",
                ],
                condition=models.Q(review_state="validated"),
                name="validated_by_end_idx",
            ),
            # A series' table (every state, newest period first), its count and breakdowns.
            models.Index(
                fields=["indicator", "jurisdiction", "period_start", "disaggregation"],
                name="series_table_idx",
            ),
            # The review queue: the waiting single values oldest first, and their counts,
            # from the index alone. Partial on "no upload" (no parameter in the condition,
            # so SQLite uses it too): with the upload as a column, PostgreSQL would not
            # trust its order after `IS NULL` and sorted every waiting value.
            models.Index(
                fields=["review_state", "submitted_at", "id", "author", "jurisdiction"],
                condition=models.Q(import_job__isnull=True),
                name="waiting_values_idx",
            ),
            # Their counts, which stop past 1,000: a range up to the 1,001st id.
            models.Index(
                fields=["review_state", "id", "author", "jurisdiction"],
                condition=models.Q(import_job__isnull=True),
                name="waiting_values_count_idx",
            ),
            models.Index(fields=["import_job", "review_state"]),
            # An author's own values by state, the latest decided first (their home page).
            models.Index(
                fields=["author", "review_state", "-reviewed_at"], name="author_values_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                name="observation_has_a_value",
                condition=models.Q(value_number__isnull=False) | ~models.Q(value_text=""),
            ),
            *Reviewable.Meta.constraints,
        ]

    def __str__(self):
        return f"{self.jurisdiction_id} {self.indicator_id} {self.period}"


class Target(models.Model):
    """A baseline or a target of an indicator for a jurisdiction and period."""

    class Kind(models.TextChoices):
        BASELINE = "baseline", _("Baseline")
        TARGET = "target", _("Target")

    class Comparator(models.TextChoices):
        EQ = "=", _("reach")
        GE = ">=", _("at least")
        GT = ">", _("more than")
        LE = "<=", _("at most")
        LT = "<", _("less than")

    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction", on_delete=models.PROTECT, related_name="indicator_targets"
    )
    indicator = models.ForeignKey(
        "catalogue.Indicator", on_delete=models.PROTECT, related_name="targets"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices)
    period = models.CharField(max_length=7)
    period_end = models.DateField()
    comparator = models.CharField(max_length=2, choices=Comparator.choices, default="=")
    value_number = StoredDecimalField(max_digits=24, decimal_places=6, null=True, blank=True)
    value_text = models.CharField(max_length=200, blank=True)
    text = models.CharField(_("as written"), max_length=200, blank=True)
    source = models.TextField(_("source"), blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    set_at = models.DateTimeField()

    class Meta:
        ordering = ["indicator", "jurisdiction", "kind", "period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "jurisdiction", "kind", "period"], name="one_target_per_period"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.indicator_id} {self.period}"


class PreviewOpening(models.Model):
    """A reviewer opened an applied upload's preview: bulk validation needs it first."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="openings")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="preview_openings"
    )
    # The first opening is what counts; later visits do not move it.
    opened_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "user"], name="one_preview_opening_per_user"),
        ]

    def __str__(self):
        return f"{self.user} opened {self.job}"
