from django import forms
from django.utils.translation import gettext_lazy as _

from ictspace.tokens.models import ApiToken


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("What the token is for."))
    scope = forms.ChoiceField(label=_("Access"), choices=ApiToken.Scope.choices)
    expires_on = forms.DateField(
        label=_("Expires on"),
        required=False,
        help_text=_("YYYY-MM-DD; leave empty for a token that does not expire."),
    )
