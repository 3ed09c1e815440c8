"""The draft → submit → review cycle of status updates, and the work lists around it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ictspace import access
from ictspace.catalogue import scope as scopes
from ictspace.catalogue.models import Item
from ictspace.forms import add_action_errors
from ictspace.tracking import actions, selectors
from ictspace.tracking.forms import DraftEditForm, ReturnForm, StatusUpdateForm
from ictspace.tracking.models import ReviewState
from ictspace.tracking.views import PAGE_SIZE, get_item, visible_updates

# Drafting and review -------------------------------------------------------------------


@login_required
def update_new(request, code: str, slug: str, ref: str):
    jurisdiction = access.get_jurisdiction(request.user, code)
    item = get_item(request, slug, ref)
    if access.can_draft_for(request.user, jurisdiction) and not scopes.concerns(item, jurisdiction):
        messages.error(request, scopes.refusal(item, jurisdiction))
        return redirect("tracking:history", code=code, slug=slug, ref=ref)
    access.require(access.can_draft_status(request.user, jurisdiction, item))
    if item.retired or not item.assessable:
        messages.error(request, _closed_reason(item))
        return redirect("tracking:history", code=code, slug=slug, ref=ref)
    form = StatusUpdateForm(request.POST or None, item=item)
    if request.method == "POST" and form.is_valid():
        try:
            update = actions.do_draft_status_update(
                jurisdiction=jurisdiction, item=item, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(
                request, _("Draft saved. Add evidence, then submit it for validation.")
            )
            return redirect("tracking:update", pk=update.pk)
    return render(
        request,
        "tracking/update_form.html",
        {"form": form, "jurisdiction": jurisdiction, "item": item, "library": item.library},
        status=400 if form.errors else 200,
    )


def _closed_reason(item: Item) -> str:
    if item.retired:
        return _(
            "Item %(ref)s was retired in version %(v)s of its library; it takes no updates."
        ) % {
            "ref": item.ref,
            "v": item.retired_in_version,
        }
    return _("Item %(ref)s is not tracked: it takes no status.") % {"ref": item.ref}


def _visible_update(request, pk: int):
    return get_object_or_404(visible_updates(request.user), pk=pk)


@login_required
def update_detail(request, pk: int):
    update = _visible_update(request, pk)
    user = request.user
    can_add = access.can_edit_draft(user, update)
    return render(
        request,
        "tracking/update_detail.html",
        {
            "update": update,
            "item": update.item,
            "library": update.item.library,
            "label": selectors.status_label(update.item.library, update.item, update.status),
            "evidence_list": list(update.evidence.select_related("added_by")),
            "can_add_evidence": can_add,
            "can_edit": can_add,
            "can_submit": update.review_state == ReviewState.DRAFT
            and access.can_draft_status(user, update.jurisdiction, update.item),
            "can_review": update.review_state == ReviewState.SUBMITTED
            and access.can_review_status(user, update),
            "return_form": ReturnForm(),
        },
    )


@login_required
def update_edit(request, pk: int):
    update = _visible_update(request, pk)
    access.require(access.can_edit_draft(request.user, update))
    fields = ("status", "effective_date", "percent_complete", "narrative", "source_citation")
    initial = {f: getattr(update, f) for f in fields} | {"version": update.version}
    form = DraftEditForm(request.POST or None, item=update.item, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            actions.do_edit_draft(
                update, expected_version=version, acting_user=request.user, **data
            )
        except actions.StaleDraft as stale:
            conflict = {"mine": data, "theirs": stale.current}
            # Keep what this person typed; saving again replaces the stored version.
            typed = request.POST.copy()
            typed["version"] = stale.current.version
            form = DraftEditForm(typed, item=update.item)
            form.is_valid()
            form.add_error(None, str(stale))
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Draft saved."))
            return redirect("tracking:update", pk=update.pk)
    return render(
        request,
        "tracking/update_form.html",
        {
            "form": form,
            "update": update,
            "jurisdiction": update.jurisdiction,
            "item": update.item,
            "library": update.item.library,
            "conflict": conflict,
        },
        status=409 if conflict else (400 if form.errors else 200),
    )


def _post_only(request, allowed: bool):
    access.require(allowed)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


@login_required
def update_submit(request, pk: int):
    update = _visible_update(request, pk)
    allowed = update.review_state == ReviewState.DRAFT and access.can_draft_status(
        request.user, update.jurisdiction, update.item
    )
    refused = _post_only(request, allowed)
    if refused:
        return refused
    try:
        actions.do_submit_status_update(update, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Submitted for validation by the RCC chair or the Secretariat.")
        )
    return redirect("tracking:update", pk=update.pk)


@login_required
def update_review(request, pk: int):
    update = _visible_update(request, pk)
    allowed = update.review_state == ReviewState.SUBMITTED and access.can_review_status(
        request.user, update
    )
    refused = _post_only(request, allowed)
    if refused:
        return refused
    decision = request.POST.get("decision")
    try:
        if decision == "validate":
            actions.do_validate_status_update(update, acting_user=request.user)
            messages.success(request, _("Validated: it now counts from its effective date."))
        elif decision == "return":
            form = ReturnForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Say why the update is returned."))
                return redirect("tracking:update", pk=update.pk)
            actions.do_return_status_update(
                update, reason=form.cleaned_data["reason"], acting_user=request.user
            )
            messages.success(request, _("Returned to its author with your reason."))
        else:
            raise Http404
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    return redirect("tracking:update", pk=update.pk)


# Work lists ----------------------------------------------------------------------------


@login_required
def review_queue(request):
    access.require(access.can_review_any(request.user))
    queue = (
        visible_updates(request.user)
        .filter(review_state=ReviewState.SUBMITTED)
        .exclude(author=request.user)
        .order_by("submitted_at", "id")
    )
    library = request.GET.get("library", "")
    if library:
        queue = queue.filter(item__library__slug=library)
    page = Paginator(queue, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "tracking/review_queue.html",
        {
            "page": page,
            "library": library,
            "libraries": access.libraries_visible_to(request.user).order_by("title"),
            "query": f"library={library}" if library else "",
        },
    )


@login_required
def my_drafts(request):
    access.require(access.can_draft_any(request.user))
    mine = (
        visible_updates(request.user)
        .filter(author=request.user)
        .exclude(review_state=ReviewState.VALIDATED)
        .order_by("review_state", "-created_at")
    )
    page = Paginator(mine, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "tracking/my_drafts.html", {"page": page})
