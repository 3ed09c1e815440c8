"""The risk register: 5 × 5 likelihood × impact, inherent and residual, with mitigations."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

SCALE = [MinValueValidator(1), MaxValueValidator(5)]
SCORES = ("inherent_likelihood", "inherent_impact", "residual_likelihood", "residual_impact")


class Risk(models.Model):
    class Category(models.TextChoices):
        STRATEGIC = "strategic", _("Strategic")
        OPERATIONAL = "operational", _("Operational")
        FINANCIAL = "financial", _("Financial")
        LEGAL = "legal", _("Legal and regulatory")
        TECHNICAL = "technical", _("Technical")
        POLITICAL = "political", _("Political")
        REPUTATIONAL = "reputational", _("Reputational")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        MITIGATED = "mitigated", _("Mitigated")
        CLOSED = "closed", _("Closed")
        ACCEPTED = "accepted", _("Accepted")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    cause = models.TextField(_("cause"), blank=True)
    consequence = models.TextField(_("consequence"), blank=True)
    inherent_likelihood = models.PositiveSmallIntegerField(
        _("inherent likelihood"), validators=SCALE
    )
    inherent_impact = models.PositiveSmallIntegerField(_("inherent impact"), validators=SCALE)
    residual_likelihood = models.PositiveSmallIntegerField(
        _("residual likelihood"), validators=SCALE
    )
    residual_impact = models.PositiveSmallIntegerField(_("residual impact"), validators=SCALE)
    owner = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="risks",
        verbose_name=_("owner organisation"),
    )  # fmt: skip
    items = models.ManyToManyField("catalogue.Item", blank=True, related_name="risks")
    jurisdictions = models.ManyToManyField(
        "directory.Jurisdiction", blank=True, related_name="risks"
    )
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="open")
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acceptance_reason = models.TextField(_("why the risk is accepted"), blank=True)
    created_at = models.DateTimeField(_("recorded"))

    class Meta:
        ordering = ["title"]
        constraints = [
            *[
                models.CheckConstraint(
                    name=f"risk_{field}_1_to_5",
                    condition=Q(**{f"{field}__gte": 1, f"{field}__lte": 5}),
                )
                for field in SCORES
            ],
            # Acceptance is a decision someone takes and explains.
            models.CheckConstraint(
                name="risk_accepted_has_who_and_why",
                condition=~Q(status="accepted")
                | (Q(accepted_by__isnull=False) & ~Q(acceptance_reason="")),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def inherent_level(self) -> int:
        return self.inherent_likelihood * self.inherent_impact

    @property
    def residual_level(self) -> int:
        return self.residual_likelihood * self.residual_impact


class Mitigation(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="mitigations")
    description = models.TextField(_("mitigation"))
    owner = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="mitigations",
        verbose_name=_("owner organisation"),
    )  # fmt: skip
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default="planned")

    class Meta:
        ordering = ["risk", "due_on", "id"]

    def __str__(self):
        return self.description[:80]
