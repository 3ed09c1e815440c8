"""The Secretariat's publishing: a release is published once, withdrawn with a reason, never edited."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ictspace import access
from ictspace.forms import add_action_errors
from ictspace.releases import actions, selectors
from ictspace.releases.forms import PublishForm, WithdrawForm
from ictspace.responses import refuse_unless_post


@login_required
def publish(request):
    access.require(access.can_publish_release(request.user))
    form = PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            release = actions.do_publish_release(**form.cleaned_data, acting_user=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Release %(n)s published.") % {"n": release.number})
            return redirect("releases:release", release.number)
    status = 400 if form.is_bound else 200
    return render(request, "releases/publish.html", {"form": form}, status=status)


@login_required
def withdraw(request, number: int):
    release = selectors.get_release(number)
    refused = refuse_unless_post(request, allowed=access.can_publish_release(request.user))
    if refused:
        return refused
    form = WithdrawForm(request.POST)
    if form.is_valid():
        actions.do_withdraw_release(
            release, reason=form.cleaned_data["reason"], acting_user=request.user
        )
        messages.success(request, _("Release %(n)s withdrawn.") % {"n": release.number})
    else:
        messages.error(request, _("Say why the release is withdrawn."))
    return redirect("releases:release", release.number)
