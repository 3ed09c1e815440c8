from django import forms
from django.utils.translation import gettext_lazy as _

from ictspace.audit import wording


class AuditFilterForm(forms.Form):
    who = forms.CharField(label=_("Person (name or e-mail)"), required=False, max_length=254)
    object = forms.CharField(label=_("Object"), required=False, max_length=300)
    action = forms.ChoiceField(label=_("Action"), required=False)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Any action")), *wording.choices(wording.VERBS)]

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("The end of the period is before its start."))
        return data
