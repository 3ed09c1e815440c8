"""Forms for attaching evidence; the actions check everything again."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ictspace.files import kinds

CITATION_HELP = _(
    "Where this comes from, e.g. “OAS and IDB – 2016 – Cybersecurity: Are we ready in "
    "Latin America and the Caribbean?”"
)


def _citation_field():
    return forms.CharField(
        label=_("Source citation"),
        help_text=CITATION_HELP,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EvidenceFileForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, image (PNG, JPEG, GIF, WebP), office document or CSV; at most 20 MB."),
        # Empty files get the same message as in the action, naming the file.
        allow_empty_file=True,
        widget=forms.FileInput(attrs={"accept": kinds.EVIDENCE.accept}),
    )
    citation = _citation_field()

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        kinds.check_size(
            uploaded, kinds.EVIDENCE
        )  # from the size alone, before reading the content
        self.detected = kinds.inspect(uploaded, kinds.EVIDENCE)
        return uploaded


class EvidenceLinkForm(forms.Form):
    url = forms.URLField(label=_("Web address"), max_length=2000, assume_scheme="https")
    title = forms.CharField(label=_("Title"), max_length=300)
    accessed_on = forms.DateField(
        label=_("Date accessed"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    citation = _citation_field()
