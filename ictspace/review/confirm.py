"""The one confirmation step before a decision: a page that names the consequence.

A decision button posts with `step=confirm`; the action's view then answers with this
page instead of acting. Its own button posts the same fields without the step, and the
view acts. No JavaScript is needed. A POST without the step acts at once (scripts, tests).
"""

from dataclasses import dataclass, field

from django.shortcuts import render
from django.utils.translation import gettext as _

from ictspace.review.forms import ReturnForm

STEP = "step"
ASK = "confirm"


@dataclass(frozen=True)
class Confirmation:
    """What the page says: the question, the facts decided on, the consequence, the buttons."""

    title: str
    consequence: str
    button: str
    back_url: str
    facts: list = field(default_factory=list)  # (label, value) pairs naming what is decided
    fields: dict = field(default_factory=dict)  # hidden fields posted again, e.g. decision
    form: object = None  # a form the person completes here, e.g. the reason for a return
    danger: bool = False  # the consequence cannot be undone

    @property
    def hidden(self) -> list[tuple[str, str]]:
        """The hidden inputs, one per value (a field posted with several values repeats)."""
        pairs = []
        for name, value in self.fields.items():
            pairs += [(name, v) for v in (value if isinstance(value, list) else [value])]
        return pairs


def asks_confirmation(request) -> bool:
    """The button that was pressed wants the confirmation page first."""
    return request.method == "POST" and request.POST.get(STEP) == ASK


def confirmation_page(request, confirmation: Confirmation):
    """The confirmation page; its button posts back to the same address (query included)."""
    return render(
        request,
        "review/confirm.html",
        {"confirmation": confirmation, "action_url": request.get_full_path()},
    )


def posted_again(request) -> dict:
    """What a form posted, but the token and the step: the final button posts it again."""
    skip = {"csrfmiddlewaretoken", STEP}
    return {name: request.POST.getlist(name) for name in request.POST if name not in skip}


@dataclass(frozen=True)
class DecisionWording:
    """What validating and returning one kind of thing lead to, in the reviewer's words."""

    noun: str
    on_validate: str
    on_return: str


def confirm_decision(request, wording: DecisionWording, *, back_url: str, facts=()):
    """Confirm a reviewer's decision (validate, or return with the reason typed here)."""
    decision = request.POST.get("decision", "")
    if decision == "return":
        form = ReturnForm(request.POST)
        form.is_valid()  # show a missing reason now, before the final button
        return confirmation_page(
            request,
            Confirmation(
                title=_("Return this %(noun)s to its author?") % {"noun": wording.noun},
                consequence=wording.on_return,
                button=_("Return to the author"),
                back_url=back_url,
                facts=list(facts),
                fields={"decision": "return"},
                form=form,
            ),
        )
    return confirmation_page(
        request,
        Confirmation(
            title=_("Validate this %(noun)s?") % {"noun": wording.noun},
            consequence=wording.on_validate,
            button=_("Validate"),
            back_url=back_url,
            facts=list(facts),
            fields={"decision": "validate"},
        ),
    )
