from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ictspace.directory.models import Appointment, ContactChannel, Jurisdiction


class AppointmentForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Appointment.Role.choices)
    jurisdiction = forms.ModelChoiceField(
        label=_("Jurisdiction"),
        queryset=Jurisdiction.objects.filter(kind=Jurisdiction.Kind.STATE).order_by("name"),
        required=False,
        to_field_name="code",
    )
    start = forms.DateField(
        label=_("Start date"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    phone_24_7 = forms.BooleanField(label=_("Phone answered 24/7"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("role") == Appointment.Role.NCPOC and not data.get("jurisdiction"):
            self.add_error("jurisdiction", _("An NCPOC represents one member state: choose it."))
        return data


class EndAppointmentForm(forms.Form):
    end = forms.DateField(
        label=_("Last day of the appointment"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


CONTACT_KINDS = ContactChannel.Kind
