"""Tests of the 24/7 contact channels, and the secret calendar feed each user may have."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ReachabilityTest(models.Model):
    """The Secretariat tried a 24/7 channel on a date: reached or not, and how fast."""

    channel = models.ForeignKey(
        "directory.ContactChannel", on_delete=models.CASCADE, related_name="reachability_tests"
    )
    tested_on = models.DateField(_("tested on"))
    reached = models.BooleanField(_("reached"))
    response_minutes = models.PositiveIntegerField(
        _("response time (minutes)"), null=True, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"))

    class Meta:
        ordering = ["channel", "-tested_on", "-id"]
        indexes = [models.Index(fields=["channel", "tested_on"])]
        constraints = [
            models.CheckConstraint(
                name="unreached_has_no_response_time",
                condition=Q(reached=True) | Q(response_minutes__isnull=True),
            )
        ]

    def __str__(self):
        return f"{self.channel} {self.tested_on.isoformat()}"


class CalendarToken(models.Model):
    """A user's secret feed address; only its SHA-256 is kept, so a leak of the table leaks no feed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_tokens"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="one_live_calendar_token",
            )
        ]

    def __str__(self):
        return f"calendar feed of {self.user}"
