"""The draft → submit → review cycle of status updates, and the work lists around it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_safe

from ictspace import access
from ictspace.catalogue import scope as scopes
from ictspace.catalogue.models import Item
from ictspace.forms import add_action_errors
from ictspace.responses import refuse_unless_post
from ictspace.review import selectors as review_selectors
from ictspace.review.confirm import (
    Confirmation,
    DecisionWording,
    asks_confirmation,
    confirm_decision,
    confirmation_page,
)
from ictspace.review.previous import previous_status
from ictspace.review.views import card_context, continues, queue_page, run_decision
from ictspace.tracking import actions, selectors
from ictspace.tracking.forms import DraftEditForm, StatusUpdateForm
from ictspace.tracking.views.status import PAGE_SIZE, get_item

# Drafting and review -------------------------------------------------------------------


@login_required
def update_new(request, code: str, slug: str, ref: str):
    jurisdiction = access.get_jurisdiction(request.user, code)
    item = get_item(request, slug, ref)
    if access.can_draft_for(request.user, jurisdiction) and not scopes.concerns(item, jurisdiction):
        # The pair's history says why this jurisdiction records no status for the item.
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
    return get_object_or_404(selectors.updates_visible_to(request.user), pk=pk)


@login_required
@require_safe
def update_detail(request, pk: int):
    update = _visible_update(request, pk)
    user = request.user
    can_add = access.can_edit_draft(user, update)
    can_review = access.can_review(user, update)
    return render(
        request,
        "tracking/update_detail.html",
        {
            "update": update,
            "item": update.item,
            "library": update.item.library,
            "label": selectors.status_label(update.item.library, update.item, update.status),
            "evidence_list": list(update.evidence.select_related("added_by").order_by("id")),
            "can_add_evidence": can_add,
            "can_edit": can_add,
            "can_submit": access.can_submit_status(user, update),
            "can_review": can_review,
            **card_context(
                "tracking:update_review",
                update.pk,
                shows_previous=can_review,
                review_previous=previous_status(update) if can_review else None,
            ),
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


@login_required
def update_submit(request, pk: int):
    update = _visible_update(request, pk)
    refused = refuse_unless_post(request, allowed=access.can_submit_status(request.user, update))
    if refused:
        return refused
    if asks_confirmation(request):
        return confirmation_page(request, _submit_confirmation(update))
    try:
        actions.do_submit_status_update(update, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Submitted for validation by the RCC chair or the Secretariat.")
        )
    return redirect("tracking:update", pk=update.pk)


def _facts(update) -> list:
    label = selectors.status_label(update.item.library, update.item, update.status)
    return [
        (_("Jurisdiction"), update.jurisdiction.name),
        (_("Item"), f"{update.item.ref} {update.item.title}"),
        (_("Status"), label),
        (_("Effective from"), update.effective_date.isoformat()),
    ]


def _submit_confirmation(update) -> Confirmation:
    return Confirmation(
        title=_("Submit this update for validation?"),
        consequence=_(
            "The RCC chair or the Secretariat will review it. Until then you can no longer"
            " edit it or add evidence; a correction will be a new update."
        ),
        button=_("Submit for validation"),
        back_url=reverse("tracking:update", args=[update.pk]),
        facts=_facts(update),
    )


REVIEW_WORDING = DecisionWording(
    noun=_lazy("status update"),
    on_validate=_lazy(
        "It becomes the jurisdiction's status for this item from its effective date: the"
        " matrix, the gap analysis and the reports count it. It cannot be undone; a"
        " correction is a new update."
    ),
    on_return=_lazy(
        "It goes back to its author with your reason and does not count until it is"
        " submitted again and validated."
    ),
)


@login_required
def update_review(request, pk: int):
    update = _visible_update(request, pk)
    refused = refuse_unless_post(request, allowed=access.can_review(request.user, update))
    if refused:
        return refused
    if asks_confirmation(request):
        back = reverse("tracking:update", args=[update.pk])
        return confirm_decision(request, REVIEW_WORDING, back_url=back, facts=_facts(update))
    decision = run_decision(request, actions.do_review_status_update, update)
    if decision == "validate":
        messages.success(request, _("Validated: it now counts from its effective date."))
    elif decision == "return":
        messages.success(request, _("Returned to its author with your reason."))
    return redirect("tracking:update", pk=update.pk)


# Work lists ----------------------------------------------------------------------------


@login_required
@require_safe
def review_queue(request):
    access.require(access.can_review_any(request.user))
    library = request.GET.get("library", "")[:80]
    queue = review_selectors.review_queue(request.user, library=library)
    return render(
        request,
        "tracking/review_queue.html",
        {
            "page": queue_page(request, queue.waiting_updates, size=PAGE_SIZE),
            "cursor": continues(request),
            "counts": queue.counts(),
            "cap": review_selectors.CAP,
            "library": library,
            "libraries": access.libraries_visible_to(request.user).order_by("title"),
            "query": f"library={library}" if library else "",
        },
    )


@login_required
@require_safe
def my_drafts(request):
    access.require(access.can_draft_any(request.user))
    mine = review_selectors.unfinished_status_updates(request.user)
    page = Paginator(mine, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "tracking/my_drafts.html", {"page": page})
