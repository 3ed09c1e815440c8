"""Review rounds: what the Secretariat asks the jurisdictions to update, by when."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewRound(models.Model):
    """A periodic status review: these items, these jurisdictions, from opening to due date."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=200)
    libraries = models.ManyToManyField("catalogue.Library", related_name="review_rounds")
    # Empty: every tracked item of the libraries. Otherwise only these items.
    items = models.ManyToManyField("catalogue.Item", blank=True, related_name="review_rounds")
    jurisdictions = models.ManyToManyField("directory.Jurisdiction", related_name="review_rounds")
    opens_on = models.DateField(_("opens on"))
    due_on = models.DateField(_("due on"))
    remind_days_before = models.PositiveSmallIntegerField(
        _("remind this many days before the due date"), default=7
    )
    state = models.CharField(_("state"), max_length=6, choices=State.choices, default="open")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-due_on", "-id"]
        constraints = [
            models.CheckConstraint(
                name="round_due_after_opening", condition=models.Q(due_on__gte=models.F("opens_on"))
            )
        ]

    def __str__(self):
        return self.title


class RoundFigure(models.Model):
    """One jurisdiction's figures in a round, frozen when the round closed (never recomputed)."""

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="figures")
    jurisdiction = models.ForeignKey("directory.Jurisdiction", on_delete=models.PROTECT)
    state = models.CharField(_("state"), max_length=12)
    expected = models.PositiveIntegerField(_("items expected"))
    updated = models.PositiveIntegerField(_("items updated"))
    on_time = models.BooleanField(_("submitted on time"))
    last_submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["round", "jurisdiction__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "jurisdiction"], name="one_figure_per_state")
        ]

    def __str__(self):
        return f"{self.round}: {self.jurisdiction} {self.state}"


class SentReminder(models.Model):
    """A reminder e-mail that went out: the unique key makes a second run send nothing."""

    class Rule(models.TextChoices):
        BEFORE = "before", _("Before the due date")
        OVERDUE = "overdue", _("Overdue")

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="reminders")
    jurisdiction = models.ForeignKey("directory.Jurisdiction", on_delete=models.PROTECT)
    rule = models.CharField(_("rule"), max_length=8, choices=Rule.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(_("sent"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "jurisdiction", "rule", "user"], name="one_reminder_per_rule"
            )
        ]

    def __str__(self):
        return f"{self.round}: {self.rule} to {self.user}"
