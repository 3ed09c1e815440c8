"""Forms of the upload and template pages; the actions check everything again."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ictspace import access
from ictspace.files.uploads import MAX_UPLOAD_BYTES, MB
from ictspace.indicators import selectors
from ictspace.indicators.periods import MONTHS, Period, parse_period

MAX_TEMPLATE_ROWS = 20_000
FREQUENCIES = [
    ("year", _("Yearly")),
    ("half", _("Half-yearly")),
    ("quarter", _("Quarterly")),
    ("month", _("Monthly")),
]
EARLIEST_YEAR = 1990


def submittable_jurisdictions(user) -> list:
    """The jurisdictions the user may submit values for, by name."""
    return [
        j
        for j in access.jurisdictions_visible_to(user).order_by("name")
        if access.can_submit_observations(user, j)
    ]


def libraries_with_indicators(user):
    return (
        access.libraries_visible_to(user)
        .filter(indicators__isnull=False)
        .distinct()
        .order_by("title")
    )


class UploadForm(forms.Form):
    jurisdiction = forms.ChoiceField(label=_("Jurisdiction"))
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "The filled-in template (.xlsx) or a CSV with the columns library, jurisdiction, "
            "indicator, period, disaggregation, value, unit, source, note; at most %(mb)s MB."
        )
        % {"mb": MAX_UPLOAD_BYTES // MB},
        widget=forms.FileInput(attrs={"accept": ".xlsx,.csv,text/csv"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.places = {j.code: j for j in submittable_jurisdictions(user)}
        self.fields["jurisdiction"].choices = [(c, j.name) for c, j in self.places.items()]

    def clean_jurisdiction(self):
        return self.places[self.cleaned_data["jurisdiction"]]


def _this_year() -> int:
    return timezone.localdate().year


class TemplateForm(forms.Form):
    jurisdiction = forms.ChoiceField(label=_("Jurisdiction"))
    library = forms.ChoiceField(label=_("Library"))
    indicators = forms.MultipleChoiceField(
        label=_("Indicators"),
        required=False,
        help_text=_("None ticked: every indicator of the library."),
        widget=forms.CheckboxSelectMultiple,
    )
    frequency = forms.ChoiceField(label=_("Frequency"), choices=FREQUENCIES, initial="year")
    from_year = forms.IntegerField(label=_("From year"), min_value=EARLIEST_YEAR)
    to_year = forms.IntegerField(label=_("To year"), min_value=EARLIEST_YEAR)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        year = _this_year()
        # The current year is included: its first periods may already be reported.
        self.fields["from_year"].initial = year - 2
        self.fields["to_year"].initial = year
        self.fields["from_year"].max_value = self.fields["to_year"].max_value = year
        self.fields["to_year"].widget.attrs["max"] = self.fields["from_year"].widget.attrs[
            "max"
        ] = year
        places = access.template_jurisdictions_visible_to(user).order_by("name")
        self.places = {j.code: j for j in places}
        self.fields["jurisdiction"].choices = [(c, j.name) for c, j in self.places.items()]
        mine = [j for j in self.places.values() if access.can_submit_observations(user, j)]
        if mine:
            self.fields["jurisdiction"].initial = mine[0].code
        self.libraries = {lib.slug: lib for lib in libraries_with_indicators(user)}
        self.fields["library"].choices = [(s, lib.title) for s, lib in self.libraries.items()]
        wanted = self.data.get("library") or self.initial.get("library")
        chosen = self.libraries.get(wanted or "") or next(iter(self.libraries.values()), None)
        self.chosen_library = chosen
        self.sections = selectors.sections_of(chosen) if chosen else []
        self.available = {i.code: i for s in self.sections for i in s.indicators}
        self.fields["indicators"].choices = [
            (f"{s.ref} {s.title}", [(i.code, f"{i.code} — {i.name[:90]}") for i in s.indicators])
            for s in self.sections
        ]

    def ticked(self) -> set[str]:
        """The indicator codes ticked, as typed (bound) or given (initial)."""
        if self.is_bound:
            return (
                set(self.data.getlist("indicators"))
                if hasattr(self.data, "getlist")
                else set(self.data.get("indicators") or [])
            )
        return set(self.initial.get("indicators") or [])

    def clean_jurisdiction(self):
        return self.places[self.cleaned_data["jurisdiction"]]

    def clean_library(self):
        return self.libraries[self.cleaned_data["library"]]

    def clean(self):
        data = super().clean()
        first, last = data.get("from_year"), data.get("to_year")
        if first and last and first > last:
            self.add_error("to_year", _("The last year comes after the first."))
            return data
        if not (first and last and data.get("frequency")):
            return data
        codes = data.get("indicators") or list(self.available)
        data["indicator_objects"] = [self.available[c] for c in codes if c in self.available]
        data["periods"] = periods_between(first, last, data["frequency"])
        if not data["periods"]:
            self.add_error("from_year", _("None of these periods has started yet."))
        rows = len(data["indicator_objects"]) * len(data["periods"])
        if rows > MAX_TEMPLATE_ROWS:
            self.add_error(
                None,
                _("That would be %(n)s rows; choose fewer indicators or years (at most %(max)s).")
                % {"n": rows, "max": MAX_TEMPLATE_ROWS},
            )
        return data


def periods_between(first: int, last: int, frequency: str) -> list[Period]:
    """Every period of the frequency in the years, leaving out those not started yet."""
    today = timezone.localdate()
    per_year = 12 // MONTHS[frequency]
    out = []
    for year in range(first, last + 1):
        for index in range(1, per_year + 1):
            code = {
                "year": f"{year}",
                "half": f"{year}-S{index}",
                "quarter": f"{year}-Q{index}",
                "month": f"{year}-{index:02d}",
            }[frequency]
            period = parse_period(code)
            if period.start <= today:
                out.append(period)
    return out
