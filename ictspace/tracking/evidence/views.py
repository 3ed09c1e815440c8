"""Adding evidence to a draft update, and serving evidence files to those who may see them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ictspace import access
from ictspace.files import kinds, names, serving
from ictspace.files.uploads import refuse_if_too_large
from ictspace.forms import add_action_errors
from ictspace.responses import refuse_unless_post
from ictspace.tracking.evidence import actions
from ictspace.tracking.evidence.forms import EvidenceFileForm, EvidenceLinkForm
from ictspace.tracking.models import Evidence

FORMS = {"file": EvidenceFileForm, "link": EvidenceLinkForm}


@login_required
def evidence_add(request, pk: int):
    update = get_object_or_404(access.status_updates_visible_to(request.user), pk=pk)
    refused = refuse_unless_post(request, allowed=access.can_add_evidence(request.user, update))
    if refused:
        return refused
    kind = request.POST.get("kind", "")
    if kind not in FORMS:
        return HttpResponseBadRequest(_("Say whether you are adding a file or a link."))
    form = FORMS[kind](request.POST, request.FILES)
    if not refuse_if_too_large(request, form) and form.is_valid():
        try:
            item = _attach(kind, update, form.cleaned_data, request.user)
        except PermissionDenied:  # submitted since the page was shown
            raise Http404 from None
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Evidence added: %(name)s.") % {"name": item})
            return redirect(reverse("tracking:update", args=[update.pk]))
    context = {"update": update, "form": form, "kind": kind}
    return render(request, "tracking/evidence_form.html", context, status=400)


def _attach(kind: str, update, data: dict, user) -> Evidence:
    if kind == "file":
        return actions.do_attach_file(
            update, uploaded_file=data["file"], citation=data["citation"], acting_user=user
        )
    return actions.do_attach_link(update, **data, acting_user=user)


@login_required
@require_safe
def evidence_download(request, pk: int):
    files = access.evidence_visible_to(request.user).filter(kind=Evidence.Kind.FILE)
    item = get_object_or_404(files, pk=pk)  # a link is shown as a link, never served here
    name = names.safe_download_name(item.original_name, kinds.extension_for(item.content_type))
    return serving.file_response(item.file, name=name, content_type=item.content_type)
