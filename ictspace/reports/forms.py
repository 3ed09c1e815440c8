"""The form that chooses a report: kind, library, jurisdiction, dates, language, narrative."""

import datetime

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ictspace import access
from ictspace.catalogue.models import Library
from ictspace.reports.models import Kind

SIX_MONTHS = datetime.timedelta(days=182)


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=Kind.choices)
    library = forms.ModelChoiceField(
        label=_("Plan or standard set"),
        queryset=Library.objects.none(),
        to_field_name="slug",
        required=False,
        help_text=_("For the progress, regional and KPI reports."),
    )
    jurisdiction = forms.ModelChoiceField(
        label=_("Jurisdiction"),
        queryset=None,
        to_field_name="code",
        required=False,
        help_text=_("For the country and KPI reports."),
    )
    as_of = forms.DateField(label=_("As of"), widget=forms.DateInput(attrs={"type": "date"}))
    period_start = forms.DateField(
        label=_("Period covered from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    language = forms.ChoiceField(
        label=_("Language of the platform's words"), choices=settings.LANGUAGES
    )
    introduction = forms.CharField(
        label=_("Introduction"), widget=forms.Textarea, required=False, max_length=20000
    )
    conclusions = forms.CharField(
        label=_("Conclusions"), widget=forms.Textarea, required=False, max_length=20000
    )
    recommendations = forms.CharField(
        label=_("Recommendations"), widget=forms.Textarea, required=False, max_length=20000
    )

    def __init__(self, *args, user, **kwargs):
        today = timezone.localdate()
        # A fresh form starts six months back to today (a regenerated one, where it was).
        defaults = {"as_of": today, "period_start": today - SIX_MONTHS, "language": "en"}
        kwargs["initial"] = kwargs.get("initial") or defaults
        super().__init__(*args, **kwargs)
        self.fields["library"].queryset = access.libraries_visible_to(user).order_by("title")
        self.fields["jurisdiction"].queryset = access.jurisdictions_visible_to(user).order_by(
            "name"
        )
