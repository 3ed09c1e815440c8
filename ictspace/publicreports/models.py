"""Reports from the public, the organisation each is routed to, and their counts per month."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    CHILD_EXPLOITATION = "child_exploitation", _("Online child sexual exploitation")
    FRAUD = "fraud", _("Fraud or scam")
    HACKING = "hacking", _("Hacking of an account or system")
    HARASSMENT = "harassment", _("Harassment")
    OTHER = "other", _("Something else")


class PublicReport(models.Model):
    """What a member of the public told us; kept only for the retention period."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        REFERRED = "referred", _("Referred")
        CLOSED = "closed", _("Closed")

    reference = models.CharField(_("reference number"), max_length=14, unique=True)
    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction", on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    description = models.TextField(_("what happened"))
    urls = models.JSONField(_("web addresses"), default=list, blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=10)
    recipient = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="public_reports"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default="new")
    received_at = models.DateTimeField(_("received"))
    status_changed_at = models.DateTimeField(_("status changed"))

    class Meta:
        indexes = [
            models.Index(fields=["recipient", "status"]),
            models.Index(fields=["received_at"]),
        ]

    def __str__(self):
        return self.reference


class MonthlyCount(models.Model):
    """How many reports of a category came for a jurisdiction in a month; outlives the reports."""

    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction", on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    month = models.DateField(_("month (its first day)"))
    count = models.PositiveIntegerField(_("reports"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "category", "month"], name="one_count_per_month"
            )
        ]

    def __str__(self):
        return f"{self.jurisdiction_id} {self.category} {self.month:%Y-%m}: {self.count}"
