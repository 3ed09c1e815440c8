"""Releases: validated statuses and values frozen as TLP:CLEAR data for the public."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Release(models.Model):
    """What the Secretariat published: libraries × jurisdictions as of a date. Never edited."""

    number = models.PositiveIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    as_of = models.DateField(_("as of"))
    libraries = models.ManyToManyField("catalogue.Library", related_name="releases")
    jurisdictions = models.ManyToManyField("directory.Jurisdiction", related_name="releases")
    licence = models.CharField(_("licence"), max_length=200)
    licence_url = models.URLField(_("licence address"), max_length=300)
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)

    class Meta:
        ordering = ["-number"]

    def __str__(self):
        return f"#{self.number} {self.title}"

    @property
    def tlp(self) -> str:
        return "TLP:CLEAR"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class ReleasedStatus(models.Model):
    """A validated status as it stood on the release's date, copied at publication."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="statuses")
    jurisdiction = models.ForeignKey("directory.Jurisdiction", on_delete=models.PROTECT)
    item = models.ForeignKey("catalogue.Item", on_delete=models.PROTECT)
    status = models.CharField(max_length=40, blank=True)  # empty: no validated status yet
    status_label = models.CharField(max_length=200, blank=True)
    bucket = models.CharField(max_length=12)  # met | in_progress | not_started | no_data
    effective_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["release", "jurisdiction", "item__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "jurisdiction", "item"], name="one_released_status"
            )
        ]

    def __str__(self):
        return f"{self.release_id} {self.jurisdiction_id} {self.item_id}: {self.status}"


class ReleasedValue(models.Model):
    """A validated indicator value as it stood on the release's date, copied at publication."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="values")
    jurisdiction = models.ForeignKey("directory.Jurisdiction", on_delete=models.PROTECT)
    indicator = models.ForeignKey("catalogue.Indicator", on_delete=models.PROTECT)
    period = models.CharField(max_length=7)
    period_start = models.DateField()
    period_end = models.DateField()
    disaggregation = models.CharField(max_length=80, blank=True)
    value_number = models.DecimalField(max_digits=24, decimal_places=6, null=True, blank=True)
    value_text = models.CharField(max_length=200, blank=True)
    source = models.TextField(blank=True)

    class Meta:
        ordering = ["release", "indicator", "jurisdiction", "period_start", "disaggregation"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "jurisdiction", "indicator", "period", "disaggregation"],
                name="one_released_value",
            )
        ]

    def __str__(self):
        return f"{self.release_id} {self.indicator_id} {self.period}"
