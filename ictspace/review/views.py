"""What every review page shares: running the reviewer's decision from a POST."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from ictspace import keyset
from ictspace.review.forms import ReturnForm


def run_decision(request, review, obj) -> str | None:
    """Call `review(obj, decision=…, reason=…, acting_user=…)`; the decision made, or None.

    A decision that cannot be taken (a return without a reason, someone else decided
    first) becomes a message; a refusal (PermissionDenied) goes on to the 404 page.
    """
    decision = request.POST.get("decision", "")
    try:
        review(
            obj, decision=decision, reason=request.POST.get("reason", ""), acting_user=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return None
    return decision


def card_context(url_name: str, pk: int, **extra) -> dict:
    """What the review card template needs for one object."""
    return {"review_url": reverse(url_name, args=[pk]), "return_form": ReturnForm(), **extra}


def queue_page(request, waiting, *, size: int) -> keyset.Page:
    """One page of a review queue, oldest submission first, from the cursor in the request.

    A cursor, not a page number: the queue is read through its index from where the page
    starts, with no count of every waiting row (issue 17).
    """
    return keyset.page_of(
        waiting,
        key="submitted_at",
        descending=False,
        size=size,
        after=request.GET.get("after", ""),
        before=request.GET.get("before", ""),
    )


def continues(request) -> bool:
    """Whether the page continues from a cursor, so that a link back to the start is due."""
    return bool(request.GET.get("after") or request.GET.get("before"))
