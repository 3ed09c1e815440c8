"""The form that records a test of a 24/7 channel."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ictspace.directory.models import ContactChannel


class ChannelChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        where = obj.person.jurisdiction.code if obj.person.jurisdiction else "—"
        return f"{where} · {obj.person.full_name} · {obj.get_kind_display()} {obj.value}"


class ReachabilityForm(forms.Form):
    channel = ChannelChoice(
        label=_("24/7 channel"),
        queryset=ContactChannel.objects.filter(available_24_7=True).select_related(
            "person__jurisdiction"
        ),
    )
    tested_on = forms.DateField(
        label=_("Tested on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reached = forms.BooleanField(label=_("Reached"), required=False)
    response_minutes = forms.IntegerField(
        label=_("Response time (minutes)"), required=False, min_value=0, max_value=100_000
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea)
