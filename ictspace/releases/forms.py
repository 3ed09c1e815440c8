from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ictspace.catalogue.models import Library
from ictspace.directory.models import Jurisdiction


class PublishForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    as_of = forms.DateField(label=_("As of"), help_text=_("YYYY-MM-DD"))
    libraries = forms.ModelMultipleChoiceField(
        label=_("Libraries"),
        queryset=Library.objects.order_by("title"),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
    )
    jurisdictions = forms.ModelMultipleChoiceField(
        label=_("Jurisdictions"),
        queryset=Jurisdiction.objects.order_by("kind", "name"),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["as_of"].initial = timezone.localdate()


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea)
