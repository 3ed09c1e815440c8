"""Forms for status updates: the item's own scale decides the choices."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ictspace.catalogue.models import Item


class StatusUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"))
    effective_date = forms.DateField(
        label=_("Effective from"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The day this status became true; not in the future."),
    )
    percent_complete = forms.IntegerField(
        label=_("Percent complete"), required=False, min_value=0, max_value=100
    )
    narrative = forms.CharField(
        label=_("Narrative"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What was done, what remains, and what the status rests on."),
    )
    source_citation = forms.CharField(
        label=_("Source"),
        required=False,
        max_length=2000,
        help_text=_("Where this comes from: a report, a study, a gazette notice…"),
    )

    def __init__(self, *args, item: Item, **kwargs):
        super().__init__(*args, **kwargs)
        scale = item.library.scale(item.scale)
        self.fields["status"].choices = [(lv["code"], lv["label"]) for lv in scale["levels"]]
        self.fields["effective_date"].initial = timezone.localdate()

    def clean_effective_date(self):
        day = self.cleaned_data["effective_date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The effective date cannot be in the future."))
        return day


class DraftEditForm(StatusUpdateForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
