"""The reviewer's return form, the same on every page that offers a review."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for returning"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("Tell the author what to correct or add."),
    )
