from django import forms

from ictspace.files import uploads


class _Form(forms.Form):
    file = forms.FileField()
    note = forms.CharField()


def test_an_upload_stopped_by_the_limit_is_refused_on_the_form(rf):
    request = rf.post("/")
    request.upload_too_large = "C:\\reports\\annual\u202ereport.pdf"
    form = _Form(data={})
    assert uploads.refuse_if_too_large(request, form)
    assert form.errors["file"] == [
        "“annualreport.pdf” is larger than 20 MB, the limit; nothing was stored."
    ]
    assert "note" in form.errors  # the other fields still say what is wrong


def test_an_upload_within_the_limit_is_left_to_the_form(rf):
    form = _Form(data={})
    assert not uploads.refuse_if_too_large(rf.post("/"), form)
