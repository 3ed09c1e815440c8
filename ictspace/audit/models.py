"""The audit trail: one row for every write, in the same transaction as the write."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    at = models.DateTimeField(_("when (UTC)"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    # Kept as text so the entry stays readable after the account is gone.
    actor_label = models.CharField(_("who"), max_length=254)
    action = models.CharField(_("action"), max_length=64, db_index=True)
    object_type = models.CharField(_("object type"), max_length=64, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300)
    changes = models.JSONField(_("changes (old → new)"), default=dict, blank=True)

    class Meta:
        # No default ordering: every read says the order it needs (issue 17).
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            # The log filtered by action, newest first, reads one page of this index
            # instead of sorting every entry of that action (issue 17).
            models.Index(fields=["action", "at"], name="audit_action_at_idx"),
        ]
        verbose_name_plural = _("audit entries")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"

    @property
    def language(self) -> str:
        """The language its recorded texts are in: the platform's own (see audit.log)."""
        return settings.LANGUAGE_CODE
