"""Forms of nominations: entering one, and the Secretariat's decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ictspace.directory.models import Jurisdiction
from ictspace.governance.models import Nomination


class NominationForm(forms.Form):
    jurisdiction = forms.ModelChoiceField(
        label=_("Member state"), queryset=Jurisdiction.objects.none(), to_field_name="code"
    )
    nominating_authority = forms.CharField(label=_("Nominating authority"), max_length=200)
    full_name = forms.CharField(label=_("Nominee's full name"), max_length=200)
    email = forms.EmailField(label=_("Nominee's e-mail address"))
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    background = forms.ChoiceField(label=_("Background"), choices=Nomination.Background.choices)

    def __init__(self, *args, states, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].queryset = states


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("confirm", _("Confirm")), ("decline", _("Decline"))]
    )
    start = forms.DateField(
        label=_("Seat starts on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(label=_("Reason (to decline)"), required=False, widget=forms.Textarea)
