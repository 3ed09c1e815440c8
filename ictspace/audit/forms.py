from django import forms
from django.utils.translation import gettext_lazy as _


class AuditFilterForm(forms.Form):
    who = forms.CharField(label=_("Person (e-mail)"), required=False)
    object = forms.CharField(label=_("Object"), required=False)
    action = forms.CharField(label=_("Action"), required=False)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("The end of the period is before its start."))
        return data
