"""The owner's page of personal API tokens: create (secret shown once), list, revoke."""

import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from ictspace import access
from ictspace.forms import add_action_errors
from ictspace.responses import refuse_unless_post
from ictspace.tokens import actions
from ictspace.tokens.forms import TokenForm

SHOW_ONCE_KEY = "ictspace_new_token"


@login_required
def token_list(request):
    """GET lists the tokens; POST creates one, whose secret the next GET shows once."""
    access.require(access.can_create_token(request.user))
    form = TokenForm(request.POST or None)
    status = 200
    if request.method == "POST":
        secret = _create(request, form)
        if secret:
            # Shown on the next page only: popped from the session as it is displayed.
            request.session[SHOW_ONCE_KEY] = secret
            return redirect("tokens:list")
        status = 400
    secret = request.session.pop(SHOW_ONCE_KEY, None)
    tokens = access.tokens_visible_to(request.user)
    context = {"form": form, "secret": secret, "tokens": tokens, "now": timezone.now()}
    response = render(request, "tokens/list.html", context, status=status)
    response["Cache-Control"] = "no-store"  # the secret must not stay in a cache
    return response


def _create(request, form) -> str | None:
    if not form.is_valid():
        return None
    expires_on = form.cleaned_data["expires_on"]
    expires_at = (
        datetime.datetime.combine(expires_on, datetime.time.min, tzinfo=datetime.UTC)
        if expires_on
        else None
    )
    try:
        _token, secret = actions.do_create_token(
            name=form.cleaned_data["name"],
            scope=form.cleaned_data["scope"],
            expires_at=expires_at,
            acting_user=request.user,
        )
    except ValidationError as exc:
        add_action_errors(form, exc)
        return None
    return secret


@login_required
def token_revoke(request, pk: int):
    token = get_object_or_404(access.tokens_visible_to(request.user), pk=pk)
    refused = refuse_unless_post(request, allowed=access.can_manage_token(request.user, token))
    if refused:
        return refused
    actions.do_revoke_token(token, acting_user=request.user)
    return redirect("tokens:list")
