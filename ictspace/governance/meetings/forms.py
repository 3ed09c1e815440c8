"""Forms of meetings, decisions, minutes and action items."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ictspace.catalogue.models import Item
from ictspace.directory.models import Body, Jurisdiction, Organisation, Person
from ictspace.governance.models import ActionItem

DATE = forms.DateInput(attrs={"type": "date"})


class MeetingForm(forms.Form):
    body = forms.ModelChoiceField(
        label=_("Body"), queryset=Body.objects.filter(jurisdiction__isnull=True).order_by("name"),
        to_field_name="code",
    )  # fmt: skip
    title = forms.CharField(label=_("Title"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=DATE)
    start_time = forms.TimeField(
        label=_("Start time"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    online = forms.BooleanField(label=_("Online"), required=False)
    participants = forms.ModelMultipleChoiceField(
        label=_("Participants (holders of a seat)"),
        queryset=Person.objects.filter(appointments__isnull=False).distinct().order_by("full_name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    guests = forms.CharField(label=_("Guests"), required=False, widget=forms.Textarea,
                             help_text=_("One per line."))  # fmt: skip
    agenda = forms.CharField(label=_("Agenda"), required=False, widget=forms.Textarea)


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Minutes"), required=False, widget=forms.Textarea)
    file = forms.FileField(label=_("Signed minutes (file)"), required=False)


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea)


def _item(key: str):
    slug, _sep, ref = key.partition(":")
    return Item.objects.filter(library__slug=slug, ref=ref).select_related("library").first()


class ActionItemForm(forms.Form):
    title = forms.CharField(label=_("Action"), max_length=300)
    owner_person = forms.ModelChoiceField(
        label=_("Owner (person)"), queryset=Person.objects.order_by("full_name"), required=False
    )
    owner_organisation = forms.ModelChoiceField(
        label=_("Owner (organisation)"), queryset=Organisation.objects.order_by("name"),
        to_field_name="code", required=False,
    )  # fmt: skip
    due_on = forms.DateField(label=_("Due on"), widget=DATE)
    gap_jurisdiction = forms.ModelChoiceField(
        label=_("Gap: jurisdiction"), queryset=Jurisdiction.objects.order_by("name"),
        to_field_name="code", required=False,
    )  # fmt: skip
    gap_item = forms.CharField(
        label=_("Gap: item"), required=False, max_length=200,
        help_text=_("As library:reference, e.g. single-ict-space-iwp-2017:3.1.4"),
    )  # fmt: skip

    def clean_gap_item(self):
        key = self.cleaned_data["gap_item"].strip()
        if not key:
            return None
        item = _item(key)
        if item is None:
            raise forms.ValidationError(_("No such item: %(key)s.") % {"key": key})
        return item


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionItem.Status.choices)
