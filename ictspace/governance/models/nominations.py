"""NCPOC nominations by a member state's nominating authority, decided by the Secretariat."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Nomination(models.Model):
    # 004_1eb6b663af8d5b22.txt section 4: the four recommended backgrounds of an NCPOC.
    class Background(models.TextChoices):
        SECURITY = "security", _("Law enforcement, intelligence or military")
        ICT_MINISTRY = "ict_ministry", _("Ministry responsible for ICT")
        PARLIAMENT = "parliament", _("Parliamentary sub-committee")
        JUDICIARY = "judiciary", _("Judiciary")

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for the Secretariat")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")

    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction", on_delete=models.PROTECT, related_name="nominations"
    )
    nominating_authority = models.CharField(_("nominating authority"), max_length=200)
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    position = models.CharField(_("position"), max_length=200, blank=True)
    background = models.CharField(_("background"), max_length=14, choices=Background.choices)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default="pending")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    appointment = models.OneToOneField(
        "directory.Appointment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-entered_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="nomination_declined_has_reason",
                condition=~Q(state="declined") | ~Q(decline_reason=""),
            ),
            models.CheckConstraint(
                name="nomination_confirmed_has_appointment",
                condition=~Q(state="confirmed") | Q(appointment__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.jurisdiction.code})"
