"""The public reporting form: no account, no files, only what is needed to act."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from ictspace.directory.models import Jurisdiction
from ictspace.publicreports.models import Category

MAX_URLS = 20


class PublicReportForm(forms.Form):
    jurisdiction = forms.ModelChoiceField(
        label=_("Where do you live, or where did it happen?"),
        queryset=Jurisdiction.objects.filter(kind=Jurisdiction.Kind.STATE).order_by("name"),
        empty_label=_("Choose a country or territory"),
    )
    category = forms.ChoiceField(
        label=_("What is it about?"), choices=Category.choices, widget=forms.RadioSelect
    )
    description = forms.CharField(
        label=_("What happened?"),
        help_text=_("When, where, what you saw. Do not include pictures or videos."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    urls = forms.CharField(
        label=_("Web addresses (optional)"),
        help_text=_("One per line: the pages, profiles or messages concerned."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "inputmode": "url"}),
    )
    contact = forms.CharField(
        label=_("How can we reach you? (optional)"),
        help_text=_("An e-mail address or a phone number, only if you want to be contacted."),
        required=False,
        max_length=200,
    )
    # A field people never see: a program that fills in every field gives itself away.
    website = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_urls(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["urls"].splitlines() if line.strip()]
        if len(lines) > MAX_URLS:
            raise ValidationError(_("At most %(n)s web addresses.") % {"n": MAX_URLS})
        check = URLValidator(schemes=["http", "https"])
        for line in lines:
            try:
                check(line)
            except ValidationError:
                raise ValidationError(
                    _("%(line)s is not a web address (it should start with https://).")
                    % {"line": line[:100]}
                ) from None
        return lines

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class MoveForm(forms.Form):
    to = forms.ChoiceField(choices=[])

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = choices
