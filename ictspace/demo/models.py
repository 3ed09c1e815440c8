"""The marker that says a database holds the generated demonstration data set."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoDataSet(models.Model):
    """One row per loaded data set: its presence labels every page as demonstration data."""

    seed = models.PositiveIntegerField(_("seed"))
    loaded_at = models.DateTimeField(_("loaded"))
    summary = models.JSONField(_("what was created"), default=dict)

    class Meta:
        verbose_name = _("demonstration data set")
        constraints = [models.UniqueConstraint(fields=["seed"], name="one_demo_data_set_per_seed")]

    def __str__(self):
        return f"demonstration data (seed {self.seed})"
