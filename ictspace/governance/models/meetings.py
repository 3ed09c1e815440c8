"""Meetings of a body, their decisions, and the action items that follow from them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ictspace.files.storage import content_path, private_storage


class Meeting(models.Model):
    body = models.ForeignKey("directory.Body", on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    online = models.BooleanField(_("online"), default=False)
    participants = models.ManyToManyField(
        "directory.Person", blank=True, related_name="meetings", verbose_name=_("participants")
    )
    guests = models.TextField(_("guests"), blank=True, help_text=_("One per line."))
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    # The signed minutes as a file (PDF, DOCX, ...), stored privately by content hash.
    minutes_file = models.FileField(
        upload_to=content_path, storage=private_storage, max_length=200, blank=True
    )
    minutes_name = models.CharField(max_length=255, blank=True)
    minutes_type = models.CharField(max_length=120, blank=True)
    minutes_sha256 = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("recorded"))

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.title} ({self.date.isoformat()})"


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("decision"))

    class Meta:
        ordering = ["meeting", "id"]

    def __str__(self):
        return self.text[:80]


class ActionItem(models.Model):
    """Something someone must do by a date; attached to a gap, it is that gap's remediation plan."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.CASCADE, related_name="action_items"
    )
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.SET_NULL, related_name="action_items"
    )
    title = models.CharField(_("action"), max_length=300)
    owner_person = models.ForeignKey(
        "directory.Person", null=True, blank=True, on_delete=models.PROTECT,
        related_name="action_items", verbose_name=_("owner (person)"),
    )  # fmt: skip
    owner_organisation = models.ForeignKey(
        "directory.Organisation", null=True, blank=True, on_delete=models.PROTECT,
        related_name="action_items", verbose_name=_("owner (organisation)"),
    )  # fmt: skip
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="open")
    items = models.ManyToManyField("catalogue.Item", blank=True, related_name="action_items")
    risks = models.ManyToManyField("governance.Risk", blank=True, related_name="action_items")
    # The gap it remedies: one jurisdiction × one item, or neither.
    gap_jurisdiction = models.ForeignKey(
        "directory.Jurisdiction", null=True, blank=True, on_delete=models.PROTECT,
        related_name="remediation_plans",
    )  # fmt: skip
    gap_item = models.ForeignKey(
        "catalogue.Item", null=True, blank=True, on_delete=models.PROTECT,
        related_name="remediation_plans",
    )  # fmt: skip
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by_update = models.ForeignKey(
        "tracking.StatusUpdate", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"))

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["gap_jurisdiction", "gap_item", "status"])]
        constraints = [
            models.CheckConstraint(
                name="action_item_has_an_owner",
                condition=Q(owner_person__isnull=False) | Q(owner_organisation__isnull=False),
            ),
            models.CheckConstraint(
                name="action_item_gap_is_a_pair",
                condition=Q(gap_jurisdiction__isnull=True, gap_item__isnull=True)
                | Q(gap_jurisdiction__isnull=False, gap_item__isnull=False),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def owner(self):
        return self.owner_person or self.owner_organisation
