"""The grid entry form: which section and period, then one cell per indicator (a formset)."""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ictspace.indicators.forms import PERIOD_HELP, value_field
from ictspace.indicators.periods import parse_period
from ictspace.indicators.values import Spec


@dataclass(frozen=True)
class Row:
    """One indicator of the section: its cell's value type and the value that counts now."""

    indicator: object
    spec: Spec
    previous: str


class ScopeForm(forms.Form):
    """Library, section and period of the grid (a GET form: the page re-renders)."""

    library = forms.ChoiceField(label=_("Library"))
    section = forms.ChoiceField(label=_("Section"))
    period = forms.CharField(label=_("Period"), max_length=10, help_text=PERIOD_HELP)

    def __init__(self, data, *, libraries, sections):
        super().__init__(data)
        self.fields["library"].choices = [(lib.slug, lib.title) for lib in libraries]
        self.fields["section"].choices = [(s.ref, f"{s.ref} {s.title}") for s in sections]
        self.sections = {s.ref: s for s in sections}

    def clean_period(self):
        try:
            period = parse_period(self.cleaned_data["period"])
        except ValueError as error:
            raise ValidationError(str(error)) from None
        if period.start > timezone.localdate():
            raise ValidationError(gettext("The period has not started yet."))
        return period

    def clean_section(self):
        return self.sections[self.cleaned_data["section"]]


class CellForm(forms.Form):
    """One indicator's cell: empty is skipped; the action checks the value's bounds."""

    indicator = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, row: Row, **kwargs):
        super().__init__(*args, **kwargs)
        self.row = row
        field = value_field(row.spec)
        field.required = False
        field.label = row.indicator.name
        if isinstance(field, forms.ChoiceField):
            field.choices = [("", "—"), *field.choices]
        else:
            field.widget.attrs.update({"class": "grid-cell", "autocomplete": "off"})
            if row.spec.value_type in ("number", "count", "percent", "currency"):
                field.widget.attrs["inputmode"] = "decimal"
        self.fields["value"] = field

    def clean_indicator(self):
        if self.cleaned_data["indicator"] != self.row.indicator.code:
            raise ValidationError(gettext("The section changed meanwhile: open the grid again."))
        return self.row.indicator


class BaseCellFormSet(forms.BaseFormSet):
    def __init__(self, *args, rows: list[Row], **kwargs):
        self.rows = rows
        # Never more cells than the section has indicators, whatever the POST claims.
        self.absolute_max = self.max_num = len(rows)
        initial = [{"indicator": r.indicator.code} for r in rows]
        super().__init__(*args, initial=initial, **kwargs)

    def get_form_kwargs(self, index):
        return {"row": self.rows[index]}

    def by_code(self) -> dict:
        return {form.row.indicator.code: form for form in self.forms}


CellFormSet = forms.formset_factory(CellForm, formset=BaseCellFormSet, extra=0)


class SourceForm(forms.Form):
    """Where every value of the grid comes from: one source for the whole period."""

    source = forms.CharField(
        label=_("Source"),
        max_length=500,
        help_text=_("Who produced the figures: e.g. the regulator's annual report 2024."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
