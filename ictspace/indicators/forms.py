"""Forms for one observation and one baseline or target; the indicator shapes the fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ictspace.indicators.models import Target
from ictspace.indicators.values import Spec

PERIOD_HELP = _(
    "2024 for a year, 2024-S1 for a half-year, 2024-Q3 for a quarter, 2024-03 for a month."
)


def value_field(spec: Spec) -> forms.Field:
    if spec.value_type == "ordinal":
        return forms.ChoiceField(label=_("Value"), choices=[(lv, lv) for lv in spec.levels])
    if spec.value_type == "yes_no":
        return forms.ChoiceField(label=_("Value"), choices=[("yes", _("Yes")), ("no", _("No"))])
    help_text = spec.unit_label
    if spec.minimum is not None or spec.maximum is not None:
        low = "" if spec.minimum is None else spec.minimum
        high = "" if spec.maximum is None else spec.maximum
        help_text = f"{help_text} ({low}–{high})".strip()
    return forms.CharField(label=_("Value"), max_length=60, help_text=help_text)


class ObservationForm(forms.Form):
    period = forms.CharField(label=_("Period"), max_length=10, help_text=PERIOD_HELP)
    disaggregation = forms.CharField(
        label=_("Breakdown"),
        required=False,
        max_length=80,
        help_text=_("Leave empty for the total; e.g. sex=female; age=15-24; area=rural."),
    )
    value = forms.CharField()
    source = forms.CharField(
        label=_("Source"),
        max_length=500,
        help_text=_("Who produced the figure: e.g. the regulator's annual report 2024."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, spec: Spec, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"] = value_field(spec)
        if not spec.dimensions:
            del self.fields["disaggregation"]
        self.order_fields(["period", "disaggregation", "value", "source", "note"])


class TargetForm(forms.Form):
    kind = forms.ChoiceField(label=_("Baseline or target"), choices=Target.Kind.choices)
    period = forms.CharField(label=_("Period"), max_length=10, help_text=PERIOD_HELP)
    comparator = forms.ChoiceField(
        label=_("To be met when the value is"),
        choices=Target.Comparator.choices,
        help_text=_("“reach” means at least for higher-is-better indicators, at most for lower."),
    )
    value = forms.CharField()
    source = forms.CharField(
        label=_("Source"), max_length=500, help_text=_("The plan or decision that sets it.")
    )

    def __init__(self, *args, spec: Spec, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"] = value_field(spec)
        self.order_fields(["kind", "period", "comparator", "value", "source"])
