"""A generated report: its parameters, its state while it is built, and its files once issued."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ictspace.files.storage import content_path, private_storage

# Far longer than the largest report takes to build (about half a minute).
STALE_AFTER = datetime.timedelta(hours=1)


class Kind(models.TextChoices):
    PROGRESS = "progress", _("Six-monthly progress report on the Single ICT Space")
    COUNTRY = "country", _("Country status and gap-analysis report")
    REGIONAL = "regional", _("Regional status report to the Steering Committee and CONSLE")
    KPI = "kpi", _("National KPI report")


# The kinds about one jurisdiction: the ones an NCPOC may generate for their own state.
NATIONAL_KINDS = (Kind.COUNTRY, Kind.KPI)


class Tlp(models.TextChoices):
    """TLP 2.0 labels a report can carry, least restrictive first."""

    CLEAR = "clear", "TLP:CLEAR"
    GREEN = "green", "TLP:GREEN"
    AMBER = "amber", "TLP:AMBER"


class Report(models.Model):
    """One version of one report; never changed once issued (a new version is a new row)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting for the background worker")
        BUILDING = "building", _("Being generated")
        ISSUED = "issued", _("Issued")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    library = models.ForeignKey(
        "catalogue.Library", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    as_of = models.DateField(_("as of"))
    period_start = models.DateField(_("period covered from"))
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    introduction = models.TextField(_("introduction"), blank=True)
    conclusions = models.TextField(_("conclusions"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    version = models.PositiveIntegerField(_("version"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"))
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default="queued")
    steps_done = models.PositiveSmallIntegerField(default=0)
    steps_total = models.PositiveSmallIntegerField(default=1)
    failure = models.TextField(blank=True)
    # What "changed since" compares with: the previous issued version's as-of date.
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tlp = models.CharField(_("TLP label"), max_length=5, choices=Tlp.choices, blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    issued_at = models.DateTimeField(_("issued"), null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "library", "jurisdiction", "state"])]

    def __str__(self):
        return self.title or f"{self.get_kind_display()} v{self.version}"

    @property
    def is_busy(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.BUILDING)

    def is_stalled(self, *, now=None) -> bool:
        """Still waiting or building long after any build ends: the worker stopped."""
        now = now or timezone.now()
        return self.is_busy and self.requested_at < now - STALE_AFTER

    @property
    def percent_done(self) -> int:
        return min(100, round(100 * self.steps_done / max(self.steps_total, 1)))

    @property
    def tlp_label(self) -> str:
        return self.get_tlp_display() if self.tlp else ""


class Format(models.TextChoices):
    HTML = "html", "HTML"
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "XLSX"
    DOCX = "docx", "DOCX"


CONTENT_TYPES = {
    Format.HTML: "text/html",
    Format.PDF: "application/pdf",
    Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Format.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class ReportFile(models.Model):
    """One format of an issued report, stored privately by its SHA-256."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="files")
    format = models.CharField(max_length=4, choices=Format.choices)
    file = models.FileField(storage=private_storage, upload_to=content_path, max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "format"], name="unique_report_format")
        ]

    def __str__(self):
        return f"{self.report} ({self.get_format_display()})"
