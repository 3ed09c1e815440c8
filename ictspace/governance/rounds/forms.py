"""The form that opens a review round."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ictspace.catalogue.models import Item, Library
from ictspace.directory.models import Jurisdiction

DATE = forms.DateInput(attrs={"type": "date"})


class OpenRoundForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    libraries = forms.ModelMultipleChoiceField(
        label=_("Libraries"), queryset=Library.objects.order_by("title"), to_field_name="slug"
    )
    item_refs = forms.CharField(
        label=_("Only these items"),
        required=False,
        max_length=2000,
        help_text=_("References separated by commas or spaces; empty for every tracked item."),
    )
    jurisdictions = forms.ModelMultipleChoiceField(
        label=_("Jurisdictions"),
        queryset=Jurisdiction.objects.order_by("name"),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: every jurisdiction the items concern."),
    )
    opens_on = forms.DateField(label=_("Opens on"), widget=DATE)
    due_on = forms.DateField(label=_("Due on"), widget=DATE)
    remind_days_before = forms.IntegerField(
        label=_("Remind this many days before the due date"), min_value=0, max_value=90, initial=7
    )

    def clean(self):
        data = super().clean()
        refs = (data.get("item_refs") or "").replace(",", " ").split()
        data["items"] = []
        if refs and data.get("libraries"):
            found = list(Item.objects.filter(library__in=data["libraries"], ref__in=refs))
            missing = sorted(set(refs) - {i.ref for i in found})
            if missing:
                self.add_error(
                    "item_refs",
                    _("Not in the chosen libraries: %(refs)s.") % {"refs": ", ".join(missing)},
                )
            data["items"] = found
        return data
