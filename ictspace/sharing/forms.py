"""Forms of the sharing pages: a post (fields by kind), its label, observables, comments, files."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ictspace.accounts.models import User
from ictspace.directory.models import Jurisdiction, Organisation
from ictspace.files import kinds
from ictspace.sharing.actions import KIND_FIELDS
from ictspace.sharing.models import Kind, Observable, Post
from ictspace.sharing.tlp import DEFINITIONS, Audience, Label


class LabelSelect(forms.RadioSelect):
    """The five labels as radio buttons, each with FIRST's definition beside it."""

    template_name = "sharing/widgets/label_select.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["definitions"] = {str(k): v for k, v in DEFINITIONS.items()}
        return context


class PostForm(forms.ModelForm):
    """Create or edit a post; the kind is chosen before the form and decides its fields."""

    named_jurisdictions = forms.ModelMultipleChoiceField(
        Jurisdiction.objects.order_by("name"), required=False, label=_("Named jurisdictions")
    )
    recipient_organisations = forms.ModelMultipleChoiceField(
        Organisation.objects.order_by("name"),
        required=False,
        label=_("Recipient organisations (TLP:AMBER+STRICT)"),
    )
    recipients = forms.ModelMultipleChoiceField(
        User.objects.filter(is_active=True, role_grants__isnull=False).distinct().order_by("email"),
        required=False,
        label=_("Named recipients (TLP:RED)"),
    )

    class Meta:
        model = Post
        fields = ["title", "body", "label", "audience", *KIND_FIELDS]
        widgets = {"label": LabelSelect, "first_seen": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, kind: str, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        from ictspace.sharing.validation import REQUIRED

        self.kind = kind
        for name in KIND_FIELDS:
            if name not in REQUIRED[kind]:
                del self.fields[name]
            else:
                self.fields[name].required = True
        if "label" in self.fields:
            self.fields["label"].choices = Label.choices  # no empty choice among the labels
        self.fields["audience"].choices = Audience.choices
        if editing:
            del self.fields["label"]  # a label changes through its own, audited form
            self.fields.pop("addressed_to", None)
        self.fields["body"].widget.attrs["rows"] = 6

    def _post_clean(self):
        # The action validates the whole post (with author and jurisdiction) itself.
        pass

    def action_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "body": data["body"],
            "audience": data["audience"],
            "named_jurisdictions": list(data["named_jurisdictions"]),
            "recipient_organisations": list(data["recipient_organisations"]),
            "recipients": list(data["recipients"]),
            "fields": {name: data[name] for name in KIND_FIELDS if name in data},
        }

    @staticmethod
    def initial_for(post: Post) -> dict:
        return {
            "named_jurisdictions": list(post.named_jurisdictions.all()),
            "recipient_organisations": list(post.recipient_organisations.all()),
            "recipients": list(post.recipients.all()),
        }


class ObservablesField(forms.CharField):
    """One observable a line, "type value" (e.g. "domain bad.example")."""

    def clean(self, value):
        value = super().clean(value)
        rows = []
        types = dict(Observable.Type.choices)
        for line in (value or "").splitlines():
            if not line.strip():
                continue
            type_, _sep, rest = line.strip().partition(" ")
            if type_.lower() not in types or not rest.strip():
                raise forms.ValidationError(
                    _("Write each observable as a type and a value, e.g. “domain bad.example”.")
                )
            rows.append((type_.lower(), rest.strip()))
        return rows


class NewPostForm(PostForm):
    observables = ObservablesField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Observables, one a line: type and value"),
        help_text=_("Types: domain, ipv4, ipv6, md5, sha1, sha256, url, email."),
    )

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, kind=kind, **kwargs)
        if kind != Kind.INCIDENT:
            del self.fields["observables"]


class LabelForm(forms.Form):
    label = forms.ChoiceField(choices=Label.choices, widget=LabelSelect, label=_("TLP label"))
    recipient_organisations = forms.ModelMultipleChoiceField(
        Organisation.objects.order_by("name"),
        required=False,
        label=_("Recipient organisations (TLP:AMBER+STRICT)"),
    )
    recipients = forms.ModelMultipleChoiceField(
        User.objects.filter(is_active=True, role_grants__isnull=False).distinct().order_by("email"),
        required=False,
        label=_("Named recipients (TLP:RED)"),
    )


class ObservableForm(forms.ModelForm):
    class Meta:
        model = Observable
        fields = ["type", "value", "note"]

    def _post_clean(self):
        pass  # the action normalises and validates the value


class CommentForm(forms.Form):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("Comment"))


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"), widget=forms.ClearableFileInput(attrs={"accept": kinds.EVIDENCE.accept})
    )


class ListFilterForm(forms.Form):
    kind = forms.ChoiceField(choices=[("", _("Every kind")), *Kind.choices], required=False)
    label = forms.ChoiceField(choices=[("", _("Every label")), *Label.choices], required=False)
    jurisdiction = forms.ModelChoiceField(
        Jurisdiction.objects.order_by("name"),
        required=False,
        to_field_name="code",
        empty_label=_("Every jurisdiction"),
    )
    q = forms.CharField(required=False, label=_("Search"))
    sort = forms.ChoiceField(
        choices=[
            ("new", _("Newest first")),
            ("old", _("Oldest first")),
            ("updated", _("Recently updated")),
            ("title", _("Title")),
        ],
        required=False,
    )
