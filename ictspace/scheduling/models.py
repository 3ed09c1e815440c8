"""The last run of each periodic job: the row two schedulers race for."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodicRun(models.Model):
    """When `name` was last enqueued; claimed with a conditional UPDATE, never a lock."""

    name = models.CharField(_("job"), max_length=100, unique=True)
    last_run_at = models.DateTimeField(_("last enqueued"), null=True, blank=True)
    runs = models.PositiveIntegerField(_("times enqueued"), default=0)

    def __str__(self):
        return self.name
