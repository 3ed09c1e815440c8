"""Forms of the risk register."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ictspace.catalogue.models import Item
from ictspace.directory.models import Jurisdiction, Organisation
from ictspace.governance.models import Mitigation, Risk

DATE = forms.DateInput(attrs={"type": "date"})
SCALE = [(n, str(n)) for n in range(1, 6)]


def _scale(label):
    return forms.TypedChoiceField(label=label, choices=SCALE, coerce=int)


class RiskForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)
    category = forms.ChoiceField(label=_("Category"), choices=Risk.Category.choices)
    cause = forms.CharField(label=_("Cause"), required=False, widget=forms.Textarea)
    consequence = forms.CharField(label=_("Consequence"), required=False, widget=forms.Textarea)
    inherent_likelihood = _scale(_("Inherent likelihood (1–5)"))
    inherent_impact = _scale(_("Inherent impact (1–5)"))
    residual_likelihood = _scale(_("Residual likelihood (1–5)"))
    residual_impact = _scale(_("Residual impact (1–5)"))
    owner = forms.ModelChoiceField(
        label=_("Owner organisation"), queryset=Organisation.objects.order_by("name"),
        to_field_name="code",
    )  # fmt: skip
    item_refs = forms.CharField(
        label=_("Linked catalogue items"),
        required=False,
        max_length=2000,
        help_text=_(
            "As library:reference, separated by spaces, e.g. single-ict-space-iwp-2017:3.1.4"
        ),
    )
    jurisdictions = forms.ModelMultipleChoiceField(
        label=_("Jurisdictions"),
        queryset=Jurisdiction.objects.order_by("name"),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    next_review_on = forms.DateField(label=_("Next review"), required=False, widget=DATE)
    status = forms.ChoiceField(label=_("Status"), choices=Risk.Status.choices)
    acceptance_reason = forms.CharField(
        label=_("Why the risk is accepted"), required=False, widget=forms.Textarea,
        help_text=_("Required when the status is Accepted."),
    )  # fmt: skip

    def clean_item_refs(self):
        wanted = self.cleaned_data["item_refs"].replace(",", " ").split()
        items, missing = [], []
        for key in wanted:
            slug, _sep, ref = key.partition(":")
            item = Item.objects.filter(library__slug=slug, ref=ref).first()
            (items if item else missing).append(item or key)
        if missing:
            raise forms.ValidationError(_("No such item: %(keys)s.") % {"keys": ", ".join(missing)})
        return items

    def action_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["items"] = data.pop("item_refs")
        return data

    @staticmethod
    def initial_for(risk: Risk) -> dict:
        refs = " ".join(f"{i.library.slug}:{i.ref}" for i in risk.items.select_related("library"))
        names = [
            n for n in RiskForm.base_fields if n not in ("owner", "item_refs", "jurisdictions")
        ]
        return {
            **{name: getattr(risk, name) for name in names},
            "owner": risk.owner.code,
            "item_refs": refs,
            "jurisdictions": [j.code for j in risk.jurisdictions.all()],
        }


class MitigationForm(forms.Form):
    description = forms.CharField(label=_("Mitigation"), widget=forms.Textarea)
    owner = forms.ModelChoiceField(
        label=_("Owner organisation"), queryset=Organisation.objects.order_by("name"),
        to_field_name="code",
    )  # fmt: skip
    due_on = forms.DateField(label=_("Due on"), required=False, widget=DATE)


class MitigationStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Mitigation.Status.choices)
