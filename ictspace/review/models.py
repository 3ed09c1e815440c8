"""The review cycle every submitted thing goes through: draft → submitted → validated | returned."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    VALIDATED = "validated", _("Validated")
    RETURNED = "returned", _("Returned")


class Reviewable(models.Model):
    """Who wrote it, when it was submitted, and who validated or returned it, and why."""

    review_state = models.CharField(
        _("review state"), max_length=10, choices=ReviewState.choices, default=ReviewState.DRAFT
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="authored_%(class)ss",
    )
    created_at = models.DateTimeField(_("created"))
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviewed_%(class)ss",
    )
    return_reason = models.TextField(_("reason for return"), blank=True)

    class Meta:
        abstract = True
        constraints = [
            # The author must learn what to correct: a return without a reason is refused.
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_returned_has_reason",
                condition=~models.Q(review_state="returned") | ~models.Q(return_reason=""),
            ),
        ]
